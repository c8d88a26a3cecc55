import type { SetCheck } from '../../engine/types.js';
import { describeResource, ResourceIndex, workloadsOf } from '../shared/resource-index.js';
import { bindingsOf, holdsServiceAccountToken, podServiceAccount } from './pod-service-account.js';

export const defaultServiceAccountUsed: SetCheck = {
  id: 'default-service-account-used',
  scope: 'set',
  appliesTo: 'workloads',
  meta: {
    title: 'Workload runs as the default service account',
    summary: 'A workload runs as its namespace\'s `default` ServiceAccount with an API token: it shares that identity, and any permission ever granted to it, with every other pod of the namespace that does not name a ServiceAccount.',
    severity: 'low',
    category: 'service-accounts',
    remediation: 'Create a ServiceAccount for the workload and set `serviceAccountName` to it, granting it only the roles it needs; or, if the workload never calls the Kubernetes API, set `automountServiceAccountToken: false`.',
    references: [
      'https://kubernetes.io/docs/concepts/security/service-accounts/#default-service-accounts',
      'https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/',
    ],
    frameworks: [
      { framework: 'CIS', control: '5.1.5' },
      { framework: 'NSA', control: 'pod-security/service-account-tokens' },
      { framework: 'MITRE', control: 'T1528' },
    ],
  },
  run({ resources, report }) {
    const index = ResourceIndex.of(resources);
    for (const { resource, podSpec } of workloadsOf(resources)) {
      const account = podServiceAccount(podSpec);
      if (account.name !== 'default') continue;
      // Without a token the identity is never presented to the API server; nothing is shared.
      if (!holdsServiceAccountToken(podSpec, index.named(resource.namespace, 'ServiceAccount', 'default'))) continue;
      const how = account.source === 'unset' ? 'names no ServiceAccount, so it runs as' : `sets ${account.source}: default and runs as`;
      const bindings = bindingsOf(index, resource.namespace, 'default');
      const granted = bindings.length > 0 ? `; the input grants that ServiceAccount roles through ${bindings.map(describeResource).join(', ')}, so every such pod holds them` : '';
      report(resource, {
        path: account.path,
        message: `the pod ${how} the "default" ServiceAccount of namespace "${resource.namespace ?? ''}" with its API token${granted}`,
        ...(bindings.length > 0 ? { severity: 'medium' as const } : {}),
      });
    }
  },
};
