import type { SetCheck } from '../../engine/types.js';
import { ResourceIndex, workloadsOf } from '../shared/resource-index.js';

const MAX_LISTED = 5;

export const nonExistentServiceAccount: SetCheck = {
  id: 'non-existent-service-account',
  scope: 'set',
  appliesTo: 'workloads',
  meta: {
    title: 'Workload names a ServiceAccount the input does not define',
    summary: "A workload's `serviceAccountName` names a ServiceAccount that is not in the input, although the input defines ServiceAccounts of that namespace: the ServiceAccount admission plugin refuses its pods, so none of them starts.",
    severity: 'medium',
    category: 'hygiene',
    remediation: 'Fix the name in `serviceAccountName`, or add the ServiceAccount to the manifests (with `automountServiceAccountToken: false` unless the workload calls the Kubernetes API).',
    references: ['https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/', 'https://kubernetes.io/docs/reference/access-authn-authz/service-accounts-admin/#serviceaccount-admission-controller'],
    frameworks: [{ framework: 'NSA', control: 'monitoring/health' }],
  },
  run({ resources, report }) {
    const index = ResourceIndex.of(resources);
    for (const { resource, podSpec } of workloadsOf(resources)) {
      // A PodTemplate creates no pods by itself; whoever instantiates it may run them elsewhere.
      if (resource.kind === 'PodTemplate') continue;
      // serviceAccountName wins; the deprecated serviceAccount field is copied into it when it is empty.
      const field = (['serviceAccountName', 'serviceAccount'] as const).find((name) => typeof podSpec.spec[name] === 'string' && podSpec.spec[name] !== '');
      if (field === undefined) continue;
      const name = podSpec.spec[field] as string;
      // Every namespace gets a `default` ServiceAccount from the control plane.
      if (name === 'default') continue;
      const defined = index.inNamespace(resource.namespace, 'ServiceAccount');
      // No ServiceAccount of the namespace in the input: they are managed elsewhere, nothing to compare with.
      if (defined.length === 0 || defined.some((account) => account.name === name)) continue;
      const names = defined.map((account) => `"${account.name}"`);
      const listed = names.length > MAX_LISTED ? `${names.slice(0, MAX_LISTED).join(', ')} and ${names.length - MAX_LISTED} more` : names.join(', ');
      report(resource, {
        path: [...podSpec.path, field],
        message: `the pod runs as ServiceAccount "${name}", which the input does not define in namespace "${resource.namespace ?? ''}" (it defines ${listed}): the API server refuses to create pods for a ServiceAccount that does not exist`,
      });
    }
  },
};
