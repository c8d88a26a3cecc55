import type { SetCheck } from '../../engine/types.js';
import { ResourceIndex, workloadsOf } from '../shared/resource-index.js';
import { bindingsOf, podServiceAccount, tokenAutomount } from './pod-service-account.js';

export const serviceAccountTokenAutomounted: SetCheck = {
  id: 'service-account-token-automounted',
  scope: 'set',
  appliesTo: 'workloads',
  meta: {
    title: 'Service account token mounted automatically',
    summary: 'A pod gets its ServiceAccount\'s API token mounted into every container although nothing in the input shows it needs the Kubernetes API: a compromised container can use the token.',
    severity: 'medium',
    category: 'service-accounts',
    remediation: 'Set `automountServiceAccountToken: false` in the pod spec, or on the ServiceAccount so that all its pods inherit it. Pods that do call the API should run as a dedicated ServiceAccount with a RoleBinding granting only what they need.',
    references: [
      'https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/#opt-out-of-api-credential-automounting',
      'https://kubernetes.io/docs/concepts/security/service-accounts/',
    ],
    frameworks: [
      { framework: 'CIS', control: '5.1.6' },
      { framework: 'NSA', control: 'pod-security/service-account-tokens' },
      { framework: 'MITRE', control: 'T1528' },
    ],
  },
  run({ resources, report }) {
    const index = ResourceIndex.of(resources);
    for (const { resource, podSpec } of workloadsOf(resources)) {
      const account = podServiceAccount(podSpec);
      const serviceAccount = index.named(resource.namespace, 'ServiceAccount', account.name);
      const automount = tokenAutomount(podSpec, serviceAccount);
      if (!automount.mounted) continue;
      // A ServiceAccount that the input grants roles to is one the workload uses: its token is needed.
      if (bindingsOf(index, resource.namespace, account.name).length > 0) continue;
      const why =
        automount.decidedBy === 'pod'
          ? 'the pod sets automountServiceAccountToken: true'
          : automount.decidedBy === 'service-account'
            ? `ServiceAccount "${account.name}" sets automountServiceAccountToken: true and the pod does not override it`
            : `neither the pod nor ServiceAccount "${account.name}"${serviceAccount === undefined ? ' (not in the input)' : ''} sets automountServiceAccountToken: false`;
      report(resource, {
        path: [...podSpec.path, 'automountServiceAccountToken'],
        message: `the API token of ServiceAccount "${account.name}" is mounted into every container: ${why}, and no RoleBinding or ClusterRoleBinding in the input grants that ServiceAccount anything`,
      });
    }
  },
};
