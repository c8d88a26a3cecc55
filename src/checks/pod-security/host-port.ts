import type { ResourceCheck } from '../../engine/types.js';
import { isRecord } from '../../model/resource.js';

export const hostPort: ResourceCheck = {
  id: 'host-port',
  scope: 'resource',
  appliesTo: 'workloads',
  meta: {
    title: 'Container uses a host port',
    summary: "A container binds a port on the node's own addresses (hostPort), exposing it outside the cluster's Service and network policy model and limiting where the pod can be scheduled.",
    severity: 'medium',
    category: 'pod-security',
    remediation: 'Remove `hostPort` and expose the container through a Service (ClusterIP, NodePort or LoadBalancer) or an Ingress.',
    references: [
      'https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline',
      'https://kubernetes.io/docs/concepts/configuration/overview/#services',
    ],
    frameworks: [
      { framework: 'CIS', control: '5.2.12' },
      { framework: 'NSA', control: 'network/exposure' },
      { framework: 'PSS', control: 'baseline:hostPorts' },
    ],
  },
  run({ podSpec, report }) {
    // On the host network every port is a host port already; `host-network` reports that pod.
    if (podSpec === undefined || podSpec.spec.hostNetwork === true) return;
    for (const container of podSpec.containers) {
      const ports = container.container.ports;
      if (!Array.isArray(ports)) continue;
      ports.forEach((port: unknown, index) => {
        if (!isRecord(port) || typeof port.hostPort !== 'number' || port.hostPort === 0) return;
        const target = typeof port.containerPort === 'number' ? ` (container port ${port.containerPort})` : '';
        report({
          path: [...container.path, 'ports', index, 'hostPort'],
          container: container.name,
          message: `container "${container.name}" binds host port ${port.hostPort}${target} on the node's addresses`,
        });
      });
    }
  },
};
