import type { ResourceCheck } from '../../engine/types.js';
import { isRecord } from '../../model/resource.js';
import { declaredPorts } from './ports.js';

const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'] as const;
/** Probe handlers whose port may be a name; a gRPC probe's port is a number only. */
const HANDLERS = ['httpGet', 'tcpSocket'] as const;

export const probePortUnknown: ResourceCheck = {
  id: 'probe-port-unknown',
  scope: 'resource',
  appliesTo: 'workloads',
  meta: {
    title: 'Probe refers to an undeclared named port',
    summary: "A liveness, readiness or startup probe targets a named port that its container does not declare: the probe can never succeed, so the pod never becomes ready or is restarted over and over.",
    severity: 'low',
    category: 'hygiene',
    remediation: 'Use the name of one of the container\'s own `ports` (names are resolved in the probed container only), or the port number.',
    references: ['https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/#use-a-named-port', 'https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#Probe'],
    frameworks: [{ framework: 'NSA', control: 'monitoring/health' }],
  },
  run({ podSpec, report }) {
    for (const container of podSpec?.containers ?? []) {
      for (const probeName of PROBES) {
        const probe = container.container[probeName];
        if (!isRecord(probe)) continue;
        for (const handler of HANDLERS) {
          const action = probe[handler];
          if (!isRecord(action) || typeof action.port !== 'string') continue;
          const port = action.port;
          const ports = declaredPorts(container);
          if (ports.some((declared) => declared.name === port)) continue;
          const names = [...new Set(ports.flatMap((declared) => (declared.name !== undefined ? [declared.name] : [])))];
          const path = [...container.path, probeName, handler, 'port'];
          const message = /^\d+$/.test(port)
            ? `the ${probeName} of container "${container.name}" uses port "${port}", a quoted number: Kubernetes reads it as a port name, and port names must contain a letter, so the API server rejects the pod; write ${port} without quotes`
            : `the ${probeName} of container "${container.name}" uses the named port "${port}", which the container does not declare${names.length > 0 ? ` (it declares ${names.join(', ')})` : ''}: the probe can never succeed`;
          report({ path, container: container.name, message });
        }
      }
    }
  },
};
