import type { ResourceCheck } from '../../engine/types.js';
import { containerSecurityContext, isWindowsPod } from '../shared/security-context.js';
import { isIstioTrafficSetup, recordAt } from '../shared/istio.js';

/** Capabilities the iptables setup asks for; ALL includes them. */
const NETWORK_CAPABILITIES = new Set(['NET_ADMIN', 'NET_RAW', 'ALL']);

/** Capability names are compared without regard to case or a `CAP_` prefix, which container runtimes tolerate. */
function normalizeCapability(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const upper = value.toUpperCase();
  return upper.startsWith('CAP_') ? upper.slice(4) : upper;
}

export const istioInitNeedsNetAdmin: ResourceCheck = {
  id: 'istio-init-needs-net-admin',
  scope: 'resource',
  appliesTo: 'workloads',
  meta: {
    title: 'Istio init container needs NET_ADMIN',
    summary: "The pod's Istio traffic setup (istio-init) adds NET_ADMIN/NET_RAW, so every meshed namespace must admit pods with network-administration capabilities.",
    severity: 'medium',
    category: 'mesh',
    remediation:
      'Install Istio with the CNI plugin (`--set components.cni.enabled=true`, or ambient mode): the node agent sets up the redirection and the injected `istio-validation` init container needs no capabilities. Then re-inject the workloads and restrict the namespaces to Pod Security `baseline` or `restricted`.',
    references: [
      'https://istio.io/latest/docs/setup/additional-setup/cni/',
      'https://istio.io/latest/docs/setup/additional-setup/pod-security-admission/',
      'https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline',
    ],
    frameworks: [
      { framework: 'NSA', control: 'pod-security/capabilities' },
      { framework: 'MITRE', control: 'T1611' },
      { framework: 'CIS', control: '5.2.8' },
      { framework: 'CIS', control: '5.2.9' },
      { framework: 'PSS', control: 'baseline:capabilities' },
    ],
  },
  run({ podSpec, report }) {
    if (podSpec === undefined || isWindowsPod(podSpec)) return;
    for (const container of podSpec.containers) {
      if (!isIstioTrafficSetup(container)) continue;
      const added = recordAt(containerSecurityContext(container), 'capabilities')?.add;
      if (!Array.isArray(added)) continue;
      const names = added.map(normalizeCapability).filter((name): name is string => name !== undefined);
      const network = [...new Set(names.filter((name) => NETWORK_CAPABILITIES.has(name)))];
      if (network.length === 0) continue;
      report({
        path: [...container.path, 'securityContext', 'capabilities', 'add'],
        container: container.name,
        message: `container "${container.name}" adds ${network.join(', ')} to program the pod's iptables for the Istio sidecar; with the Istio CNI plugin pods need no network capabilities`,
      });
    }
  },
};
