import type { ResourceCheck } from '../../engine/types.js';
import { capabilitiesPath, capabilityEntries } from '../shared/capabilities.js';
import { isWindowsPod } from '../shared/security-context.js';

export const capabilitiesNotDropped: ResourceCheck = {
  id: 'capabilities-not-dropped',
  scope: 'resource',
  appliesTo: 'workloads',
  meta: {
    title: 'Container does not drop all capabilities',
    summary: "A container's capabilities.drop does not include ALL, so it keeps the container runtime's default capabilities (NET_RAW, CHOWN, SETUID, DAC_OVERRIDE …).",
    severity: 'low',
    category: 'pod-security',
    remediation:
      'Set `securityContext.capabilities.drop: ["ALL"]` on every container and add back only what the process needs (usually nothing, sometimes `NET_BIND_SERVICE`).',
    references: [
      'https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted',
      'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/#set-capabilities-for-a-container',
    ],
    frameworks: [
      { framework: 'CIS', control: '5.2.9' },
      { framework: 'NSA', control: 'pod-security/capabilities' },
      { framework: 'PSS', control: 'restricted:capabilities' },
    ],
  },
  run({ podSpec, report }) {
    if (podSpec === undefined || isWindowsPod(podSpec)) return;
    for (const container of podSpec.containers) {
      const dropped = capabilityEntries(container, 'drop');
      if (dropped.some((entry) => entry.name === 'ALL')) continue;
      // containerd and CRI-O compare ALL case-insensitively, so `all` works at runtime; only
      // Pod Security admission, which compares the exact string, rejects it.
      const otherCase = dropped.find((entry) => entry.name.toUpperCase() === 'ALL');
      if (otherCase !== undefined) {
        report({
          path: otherCase.path,
          container: container.name,
          severity: 'info',
          message: `container "${container.name}" drops "${otherCase.name}": runtimes drop every capability, but the restricted Pod Security level rejects any spelling but "ALL"`,
        });
        continue;
      }
      // `CAP_ALL` is read by no runtime as ALL: the container keeps the default set.
      const prefixed = dropped.find((entry) => entry.canonical === 'ALL');
      if (prefixed !== undefined) {
        report({
          path: prefixed.path,
          container: container.name,
          message: `container "${container.name}" drops "${prefixed.name}", which container runtimes do not read as ALL, so it keeps the runtime's default set: write "ALL"`,
        });
        continue;
      }
      report({
        path: [...capabilitiesPath(container), 'drop'],
        container: container.name,
        message:
          dropped.length === 0
            ? `container "${container.name}" does not drop ALL capabilities and keeps the runtime's default set`
            : `container "${container.name}" drops only ${dropped.map((entry) => entry.name).join(', ')}, not ALL, and keeps the rest of the runtime's default set`,
      });
    }
  },
};
