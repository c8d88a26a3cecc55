import type { ResourceCheck } from '../../engine/types.js';
import { isRecord } from '../../model/resource.js';

export const serviceNodePort: ResourceCheck = {
  id: 'service-node-port',
  scope: 'resource',
  appliesTo: ['Service'],
  meta: {
    title: 'Service of type NodePort',
    summary: 'A Service of type NodePort opens its port on every node of the cluster, bypassing the load balancer, ingress and whatever access control they apply.',
    severity: 'low',
    category: 'exposure',
    remediation:
      'Use `type: ClusterIP` and expose the application through an Ingress or Gateway (with TLS and authentication), or a LoadBalancer restricted with `loadBalancerSourceRanges`. If a NodePort is really needed, restrict access to the node port range with firewall rules.',
    references: [
      'https://kubernetes.io/docs/concepts/services-networking/service/#type-nodeport',
      'https://kubernetes.io/docs/concepts/services-networking/service/#publishing-services-service-types',
    ],
    frameworks: [
      { framework: 'NSA', control: 'network/exposure' },
      { framework: 'MITRE', control: 'T1133' },
    ],
  },
  run({ resource, report }) {
    const spec = resource.object.spec;
    if (!isRecord(spec) || spec.type !== 'NodePort') return;
    const ports = Array.isArray(spec.ports) ? spec.ports.filter(isRecord) : [];
    const fixed = ports.map((port) => port.nodePort).filter((nodePort) => typeof nodePort === 'number');
    const which = fixed.length > 0 ? `node port${fixed.length === 1 ? '' : 's'} ${fixed.join(', ')}` : 'a node port';
    report({ path: ['spec', 'type'], message: `Service "${resource.name}" is of type NodePort: ${which} open on every node` });
  },
};
