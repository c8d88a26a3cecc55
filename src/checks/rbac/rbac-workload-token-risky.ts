import type { SetCheck } from '../../engine/types.js';
import { roleCarriesRisk, workloadIdentities } from '../../rbac/index.js';
import { describeHeldRisks, heldRisks, heldRiskSeverity } from './held-risks.js';
import { rbacModel, SENSITIVE_NAMESPACES, sensitiveNamespacesOption } from './rbac-findings.js';

export const rbacWorkloadTokenRisky: SetCheck = {
  id: 'rbac-workload-token-risky',
  scope: 'set',
  appliesTo: 'workloads',
  meta: {
    title: 'Workload holds a token with risky permissions',
    summary: 'A workload\'s pods get the API token of a ServiceAccount that the input\'s bindings give risky permissions (cluster-admin, Secrets cluster-wide, creating pods, exec, bind/escalate/impersonate, nodes/proxy, webhooks, tokens, …): a compromise of any of its containers is a compromise of those permissions.',
    severity: 'high',
    category: 'rbac',
    remediation:
      'Give the workload its own ServiceAccount with only the permissions it uses, limited to its namespace where possible. If it does not call the API, set `automountServiceAccountToken: false`. Keep pods that need powerful tokens on few, dedicated nodes, away from untrusted workloads.',
    references: [
      'https://kubernetes.io/docs/concepts/security/rbac-good-practices/#minimize-distribution-of-privileged-tokens',
      'https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/',
    ],
    frameworks: [
      { framework: 'CIS', control: '5.1.6' },
      { framework: 'NSA', control: 'pod-security/service-account-tokens' },
      { framework: 'NSA', control: 'authorization/rbac' },
      { framework: 'MITRE', control: 'T1528' },
      { framework: 'MITRE', control: 'T1552.007' },
    ],
    options: {
      sensitiveNamespaces: {
        description: 'Namespaces where reading Secrets counts as risky, besides reading them cluster-wide.',
        type: 'string[]',
        default: [...SENSITIVE_NAMESPACES],
      },
    },
  },
  run({ resources, options, report }) {
    const model = rbacModel(resources);
    const sensitiveNamespaces = sensitiveNamespacesOption(options.sensitiveNamespaces);
    for (const workload of workloadIdentities(resources)) {
      if (!workload.token.held) continue;
      // Most workloads hold no role with any risky rule: their grants need not be listed.
      if (!model.bindingsFor(workload.identity).some(({ binding }) => roleCarriesRisk(model, binding.role))) continue;
      const held = heldRisks(model.grantsFor(workload.identity), { sensitiveNamespaces });
      if (held.length === 0) continue;
      const account = `${workload.serviceAccount.namespace}/${workload.serviceAccount.name}`;
      const how = workload.token.via === 'projected-volume' ? 'projects an API token' : 'mounts the API token';
      report(workload.resource, {
        path: workload.serviceAccount.path,
        severity: heldRiskSeverity(held),
        message: `${workload.resource.kind} "${workload.resource.name}" ${how} of ServiceAccount "${account}", which holds ${describeHeldRisks(held)}`,
      });
    }
  },
};
