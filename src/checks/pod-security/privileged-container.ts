import type { ResourceCheck } from '../../engine/types.js';
import { containerSecurityContext } from '../shared/security-context.js';

export const privilegedContainer: ResourceCheck = {
  id: 'privileged-container',
  scope: 'resource',
  appliesTo: 'workloads',
  meta: {
    title: 'Privileged container',
    summary: 'A container runs privileged: it has every capability and every device of the node, so escaping to the host is trivial.',
    severity: 'high',
    category: 'pod-security',
    remediation: 'Remove `securityContext.privileged: true`. Grant only the specific capabilities the process needs with `capabilities.add`, or move node-level tooling to a dedicated, tightly controlled namespace.',
    references: [
      'https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline',
      'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/',
    ],
    frameworks: [
      { framework: 'CIS', control: '5.2.2' },
      { framework: 'NSA', control: 'pod-security/non-privileged' },
      { framework: 'MITRE', control: 'T1611' },
      { framework: 'PSS', control: 'baseline:privileged' },
    ],
  },
  run({ podSpec, report }) {
    if (podSpec === undefined) return;
    for (const container of podSpec.containers) {
      if (containerSecurityContext(container).privileged === true) {
        report({
          path: [...container.path, 'securityContext', 'privileged'],
          container: container.name,
          message: `container "${container.name}" runs privileged (securityContext.privileged: true)`,
        });
      }
    }
  },
};
