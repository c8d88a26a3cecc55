import { labelsOf } from '../checks/shared/selectors.js';
import { isRecord, type Resource } from '../model/resource.js';
import { ConnectionSet } from './connections.js';
import { objectName, type NetpolDiagnostic } from './diagnostics.js';
import { resolveNamedPort, type Workload } from './workloads.js';

/** A port as Services, Ingresses and Routes write it: a number or a name. */
type PortReference = number | string | undefined;

interface ServiceBackend {
  service: string;
  port: PortReference;
}

interface ServicePort {
  name: string | undefined;
  port: number | undefined;
  targetPort: PortReference;
}

interface ServiceTarget {
  workloads: Workload[];
  ports: ServicePort[];
}

/** What external traffic may reach through Ingress and Route objects. */
export interface IngressExposure {
  workload: Workload;
  /** TCP ports of the workload that an Ingress or Route forwards to. */
  connections: ConnectionSet;
  /** `Ingress ns/name` and `Route ns/name` objects that lead to it. */
  objects: string[];
}

function portReference(value: unknown): PortReference {
  return typeof value === 'number' || (typeof value === 'string' && value !== '') ? value : undefined;
}

function ingressBackends(resource: Resource, report: (message: string) => void): ServiceBackend[] {
  const spec = isRecord(resource.object.spec) ? resource.object.spec : {};
  const backends: ServiceBackend[] = [];
  const add = (backend: unknown, what: string) => {
    const service = isRecord(backend) && isRecord(backend.service) ? backend.service : undefined;
    if (service === undefined || typeof service.name !== 'string') return report(`${what} without a Service is ignored`);
    const port = isRecord(service.port) ? (typeof service.port.name === 'string' && service.port.name !== '' ? service.port.name : portReference(service.port.number)) : undefined;
    backends.push({ service: service.name, port });
  };
  if (spec.defaultBackend !== undefined) add(spec.defaultBackend, 'default backend');
  for (const rule of Array.isArray(spec.rules) ? spec.rules : []) {
    const paths = isRecord(rule) && isRecord(rule.http) && Array.isArray(rule.http.paths) ? rule.http.paths : [];
    for (const path of paths) add(isRecord(path) ? path.backend : undefined, 'rule backend');
  }
  return backends;
}

function routeBackends(resource: Resource, report: (message: string) => void): ServiceBackend[] {
  const spec = isRecord(resource.object.spec) ? resource.object.spec : {};
  const port = isRecord(spec.port) ? portReference(spec.port.targetPort) : undefined;
  const backends: ServiceBackend[] = [];
  const targets = [spec.to, ...(Array.isArray(spec.alternateBackends) ? spec.alternateBackends : [])];
  targets.forEach((target, i) => {
    if (!isRecord(target)) return;
    if (target.kind !== undefined && target.kind !== '' && target.kind !== 'Service') return report(`${i === 0 ? 'target' : 'alternate backend'} of kind ${String(target.kind)} is ignored`);
    if (typeof target.name === 'string') backends.push({ service: target.name, port });
  });
  return backends;
}

/** Ports on the pods a Service port leads to: its targetPort, or its port when targetPort is unset. */
function accessPorts(ports: readonly ServicePort[], wanted: PortReference): PortReference[] {
  const access = (port: ServicePort) => port.targetPort ?? port.port;
  if (wanted === undefined) return ports.map(access);
  const match = ports.find((port) => (typeof wanted === 'string' && port.name === wanted) || (typeof wanted === 'number' && port.port === wanted) || port.targetPort === wanted);
  return match === undefined ? [] : [access(match)];
}

/**
 * Follows Ingress and OpenShift Route objects to the Services they name (in their own
 * namespace) and to the workloads those Services select, and returns the TCP ports of each
 * workload that they forward to. Only ports the workload's containers declare count.
 */
export function ingressExposure(resources: readonly Resource[], workloads: readonly Workload[], diagnostics: NetpolDiagnostic[]): IngressExposure[] | undefined {
  const services = new Map<string, ServiceTarget>();
  const entryPoints: Resource[] = [];
  for (const resource of resources) {
    if (resource.kind === 'Ingress' || resource.kind === 'Route') entryPoints.push(resource);
    if (resource.kind !== 'Service' || resource.namespace === undefined) continue;
    const spec = isRecord(resource.object.spec) ? resource.object.spec : {};
    if (!isRecord(spec.selector)) {
      diagnostics.push({ severity: 'warning', code: 'service-without-selector', message: `${objectName(resource)}: a Service without a selector is not followed`, resource });
      continue;
    }
    const selector = labelsOf({ labels: spec.selector });
    const selected = workloads.filter((workload) => workload.namespace === resource.namespace && Object.entries(selector).every(([key, value]) => workload.labels[key] === value));
    if (selected.length === 0) continue;
    const ports = (Array.isArray(spec.ports) ? spec.ports : []).filter(isRecord).map((port) => ({
      name: typeof port.name === 'string' && port.name !== '' ? port.name : undefined,
      port: typeof port.port === 'number' ? port.port : undefined,
      targetPort: portReference(port.targetPort),
    }));
    services.set(`${resource.namespace}/${resource.name}`, { workloads: selected, ports });
  }
  if (services.size === 0 || entryPoints.length === 0) return undefined;

  const exposures = new Map<Workload, IngressExposure>();
  for (const entry of entryPoints) {
    const report = (message: string) => diagnostics.push({ severity: 'warning', code: 'ingress-backend-ignored', message: `${objectName(entry)}: ${message}`, resource: entry });
    const backends = entry.kind === 'Ingress' ? ingressBackends(entry, report) : routeBackends(entry, report);
    for (const backend of backends) {
      const target = services.get(`${entry.namespace}/${backend.service}`);
      if (target === undefined) {
        report(`target Service ${backend.service} is not in the input (or selects no workload); ignored`);
        continue;
      }
      for (const workload of target.workloads) {
        let connections = ConnectionSet.EMPTY;
        for (const access of accessPorts(target.ports, backend.port)) {
          let port: number | undefined;
          if (typeof access === 'string') {
            // A named target port must be a TCP container port of the workload.
            const resolved = resolveNamedPort(workload, access);
            if (resolved === undefined || resolved.protocol !== 'TCP') continue;
            port = resolved.port;
          } else port = access;
          if (port !== undefined && workload.ports.some((declared) => declared.port === port && declared.protocol === 'TCP')) connections = connections.union(ConnectionSet.range('TCP', port));
        }
        const existing = exposures.get(workload);
        const label = objectName(entry);
        if (existing === undefined) exposures.set(workload, { workload, connections, objects: [label] });
        else {
          existing.connections = existing.connections.union(connections);
          if (!existing.objects.includes(label)) existing.objects.push(label);
        }
      }
    }
  }
  return [...exposures.values()];
}
