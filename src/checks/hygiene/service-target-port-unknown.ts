import type { SetCheck } from '../../engine/types.js';
import { isRecord } from '../../model/resource.js';
import { describeResource, type Workload } from '../shared/resource-index.js';
import { declaredPorts, servesTraffic } from './ports.js';
import { selectingService, workloadsSelectedBy } from './service-backends.js';

/** The protocols under which the workloads' serving containers declare a port of this name. */
function protocolsDeclaring(workloads: readonly Workload[], name: string): Set<string> {
  const protocols = new Set<string>();
  for (const { podSpec } of workloads) {
    for (const container of podSpec.containers) {
      if (!servesTraffic(container)) continue;
      for (const port of declaredPorts(container)) if (port.name === name) protocols.add(port.protocol);
    }
  }
  return protocols;
}

export const serviceTargetPortUnknown: SetCheck = {
  id: 'service-target-port-unknown',
  scope: 'set',
  appliesTo: ['Service'],
  meta: {
    title: 'Service targets an undeclared named port',
    summary: 'A Service port forwards to a named `targetPort` that no container of the workloads it selects declares (for that protocol): the port has no endpoints and every connection to it fails.',
    severity: 'low',
    category: 'hygiene',
    remediation: 'Name the container port the same as the Service\'s `targetPort` (`ports: [{name: http, containerPort: 8080}]`), or set `targetPort` to the port number.',
    references: ['https://kubernetes.io/docs/concepts/services-networking/service/#field-spec-ports', 'https://kubernetes.io/docs/reference/kubernetes-api/service-resources/service-v1/#ServiceSpec'],
    frameworks: [{ framework: 'NSA', control: 'monitoring/health' }],
  },
  run({ resources, report }) {
    for (const resource of resources) {
      const service = selectingService(resource);
      if (service === undefined) continue;
      const selected = workloadsSelectedBy(resources, service);
      const spec = isRecord(resource.object.spec) ? resource.object.spec : {};
      const ports = Array.isArray(spec.ports) ? spec.ports : [];
      ports.forEach((port: unknown, index) => {
        if (!isRecord(port) || typeof port.targetPort !== 'string' || port.targetPort === '') return;
        const name = port.targetPort;
        const protocol = typeof port.protocol === 'string' && port.protocol !== '' ? port.protocol : 'TCP';
        const path = ['spec', 'ports', index, 'targetPort'];
        if (/^\d+$/.test(name)) {
          report(resource, {
            path,
            message: `Service "${resource.name}" port ${String(port.port)} has targetPort "${name}", a quoted number: Kubernetes reads it as a port name, and port names must contain a letter, so the API server rejects the Service; write ${name} without quotes`,
          });
          return;
        }
        // A Service that selects nothing is dangling-service's finding.
        if (selected.length === 0) return;
        const declared = protocolsDeclaring(selected, name);
        if (declared.has(protocol)) return;
        const whose = selected.map((workload) => describeResource(workload.resource)).join(', ');
        const why = declared.size > 0 ? `the containers of ${whose} declare "${name}" only for ${[...declared].join(', ')}, not ${protocol}` : `no container of ${whose} declares a port named "${name}"`;
        report(resource, {
          path,
          message: `Service "${resource.name}" port ${String(port.port)} targets the named port "${name}", but ${why}: connections to it fail`,
        });
      });
    }
  },
};
