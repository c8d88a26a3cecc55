import type { ResourceCheck } from '../../engine/types.js';
import { isRecord } from '../../model/resource.js';
import { dottedSysctlName, SAFE_SYSCTLS } from '../shared/sysctls.js';
import { podSecurityContext } from '../shared/security-context.js';

export const unsafeSysctls: ResourceCheck = {
  id: 'unsafe-sysctls',
  scope: 'resource',
  appliesTo: 'workloads',
  meta: {
    title: 'Unsafe sysctl',
    summary: 'The pod sets a kernel parameter (sysctl) outside the safe set: it is either shared with the whole node or not isolated from other pods.',
    severity: 'medium',
    category: 'pod-security',
    remediation:
      'Remove the sysctl from `securityContext.sysctls`, or tune it on the nodes (node configuration, a tuning DaemonSet) where the platform team owns the effect on every pod.',
    references: [
      'https://kubernetes.io/docs/tasks/administer-cluster/sysctl-cluster/',
      'https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline',
    ],
    frameworks: [{ framework: 'PSS', control: 'baseline:sysctls' }],
  },
  run({ podSpec, report }) {
    if (podSpec === undefined) return;
    const sysctls = podSecurityContext(podSpec).sysctls;
    if (!Array.isArray(sysctls)) return;
    sysctls.forEach((sysctl: unknown, index) => {
      if (!isRecord(sysctl) || typeof sysctl.name !== 'string') return;
      const name = dottedSysctlName(sysctl.name);
      if (SAFE_SYSCTLS.has(name)) return;
      report({
        path: [...podSpec.path, 'securityContext', 'sysctls', index, 'name'],
        message: `the pod sets the sysctl ${sysctl.name}, which is not in the safe set`,
      });
    });
  },
};
