import type { ResourceCheck } from '../../engine/types.js';
import { capabilityEntries, PSS_BASELINE_CAPABILITIES } from '../shared/capabilities.js';
import { isWindowsPod } from '../shared/security-context.js';

export const capabilitiesBeyondBaseline: ResourceCheck = {
  id: 'capabilities-beyond-baseline',
  scope: 'resource',
  appliesTo: 'workloads',
  meta: {
    title: 'Capability added beyond the baseline set',
    summary: "A container adds a capability outside the runtime's default set that the Pod Security Standards baseline level allows (AUDIT_WRITE, CHOWN, DAC_OVERRIDE, FOWNER, FSETID, KILL, MKNOD, NET_BIND_SERVICE, SETFCAP, SETGID, SETPCAP, SETUID, SYS_CHROOT).",
    severity: 'medium',
    category: 'pod-security',
    remediation:
      'Remove the capability from `securityContext.capabilities.add`, or move the workload to a namespace whose Pod Security level is `privileged` on purpose, with restricted access.',
    references: [
      'https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline',
      'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/#set-capabilities-for-a-container',
    ],
    frameworks: [
      { framework: 'CIS', control: '5.2.9' },
      { framework: 'NSA', control: 'pod-security/capabilities' },
      { framework: 'PSS', control: 'baseline:capabilities' },
    ],
  },
  run({ podSpec, report }) {
    if (podSpec === undefined || isWindowsPod(podSpec)) return;
    for (const container of podSpec.containers) {
      for (const entry of capabilityEntries(container, 'add')) {
        if (PSS_BASELINE_CAPABILITIES.has(entry.name)) continue;
        if (PSS_BASELINE_CAPABILITIES.has(entry.canonical)) {
          // Harmless (granted or not, it is a default capability), but Pod Security admission
          // compares the exact string and rejects the pod.
          report({
            path: entry.path,
            container: container.name,
            severity: 'info',
            message: `container "${container.name}" adds "${entry.name}": ${entry.canonical} is in the baseline set, but Pod Security admission only accepts the exact name "${entry.canonical}"`,
          });
          continue;
        }
        report({
          path: entry.path,
          container: container.name,
          message: `container "${container.name}" adds ${entry.name}, which is outside the Pod Security baseline set`,
        });
      }
    }
  },
};
