import type { ResourceCheck } from '../../engine/types.js';

export const defaultServiceAccountAutomount: ResourceCheck = {
  id: 'default-service-account-automount',
  scope: 'resource',
  appliesTo: ['ServiceAccount'],
  meta: {
    title: 'Default service account mounts its token',
    summary: 'The namespace\'s `default` ServiceAccount does not set `automountServiceAccountToken: false`, so every pod that names no ServiceAccount gets an API token.',
    severity: 'low',
    category: 'service-accounts',
    remediation: 'Set `automountServiceAccountToken: false` on the `default` ServiceAccount of each namespace, and give workloads that need the API their own ServiceAccount.',
    references: [
      'https://kubernetes.io/docs/concepts/security/service-accounts/#default-service-accounts',
      'https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/#opt-out-of-api-credential-automounting',
    ],
    frameworks: [
      { framework: 'CIS', control: '5.1.5' },
      { framework: 'NSA', control: 'pod-security/service-account-tokens' },
      { framework: 'MITRE', control: 'T1528' },
    ],
  },
  run({ resource, report }) {
    if (resource.name !== 'default') return;
    const automount = resource.object.automountServiceAccountToken;
    if (automount === false) return;
    report({
      path: ['automountServiceAccountToken'],
      message:
        automount === true
          ? `the default ServiceAccount of namespace "${resource.namespace ?? ''}" sets automountServiceAccountToken: true`
          : `the default ServiceAccount of namespace "${resource.namespace ?? ''}" does not set automountServiceAccountToken: false, so pods that name no ServiceAccount get its token`,
    });
  },
};
