import type { ResourceCheck } from '../../engine/types.js';

export const workloadInDefaultNamespace: ResourceCheck = {
  id: 'workload-in-default-namespace',
  scope: 'resource',
  appliesTo: 'workloads',
  meta: {
    title: 'Workload in the default namespace',
    summary: 'A workload is deployed to the `default` namespace, where it shares service accounts, secrets, policies and quotas with everything else put there without thought.',
    severity: 'low',
    category: 'isolation',
    remediation: 'Set `metadata.namespace` to a namespace of the application (or have your deploy tool set it), and give that namespace its own RBAC, NetworkPolicies and ResourceQuota.',
    references: [
      'https://kubernetes.io/docs/concepts/overview/working-with-objects/namespaces/',
      'https://kubernetes.io/docs/concepts/security/multi-tenancy/#namespaces',
    ],
    frameworks: [
      { framework: 'CIS', control: '5.6.4' },
      { framework: 'NSA', control: 'isolation/namespaces' },
    ],
  },
  run({ resource, report }) {
    if (resource.namespace !== 'default') return;
    if (resource.namespaceSource === 'object') {
      report({ path: ['metadata', 'namespace'], message: `${resource.kind} "${resource.name}" is deployed to the default namespace` });
      return;
    }
    // Without metadata.namespace the namespace is the deploy context's (kubectl -n, Helm, Kustomize):
    // it is `default` only if nothing sets it, so the finding is informational.
    report({
      path: ['metadata', 'namespace'],
      severity: 'info',
      message: `${resource.kind} "${resource.name}" has no metadata.namespace, so it lands in the namespace of the deploy context, which is "default" unless kubectl, Helm or Kustomize sets another`,
    });
  },
};
