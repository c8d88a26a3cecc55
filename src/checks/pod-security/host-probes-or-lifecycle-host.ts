import type { ResourceCheck } from '../../engine/types.js';
import { isRecord } from '../../model/resource.js';
import type { Path } from '../../yaml/path.js';

/** Where a container can name a host for the kubelet to contact: probes and lifecycle hooks. */
const HANDLERS: readonly { path: readonly string[]; label: string }[] = [
  { path: ['livenessProbe'], label: 'liveness probe' },
  { path: ['readinessProbe'], label: 'readiness probe' },
  { path: ['startupProbe'], label: 'startup probe' },
  { path: ['lifecycle', 'postStart'], label: 'postStart hook' },
  { path: ['lifecycle', 'preStop'], label: 'preStop hook' },
];

function at(object: Record<string, unknown>, path: readonly string[]): unknown {
  let node: unknown = object;
  for (const key of path) node = isRecord(node) ? node[key] : undefined;
  return node;
}

export const hostProbesOrLifecycleHost: ResourceCheck = {
  id: 'host-probes-or-lifecycle-host',
  scope: 'resource',
  appliesTo: 'workloads',
  meta: {
    title: 'Probe or lifecycle hook targets another host',
    summary: 'A probe or lifecycle hook sets httpGet.host or tcpSocket.host, making the kubelet connect from the node to whatever address the manifest names.',
    severity: 'low',
    category: 'pod-security',
    remediation: 'Remove `host` from the probe or hook: the kubelet then targets the pod IP. To check a dependency, do it inside the container (an `exec` probe or the application itself).',
    references: [
      'https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline',
      'https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/#http-probes',
    ],
    frameworks: [{ framework: 'PSS', control: 'baseline:hostProbesAndHostLifecycle' }],
  },
  run({ podSpec, report }) {
    if (podSpec === undefined) return;
    for (const container of podSpec.containers) {
      for (const handler of HANDLERS) {
        const action = at(container.container, handler.path);
        if (!isRecord(action)) continue;
        for (const kind of ['httpGet', 'tcpSocket'] as const) {
          const target = action[kind];
          if (!isRecord(target) || typeof target.host !== 'string' || target.host === '') continue;
          const path: Path = [...container.path, ...handler.path, kind, 'host'];
          report({
            path,
            container: container.name,
            message: `container "${container.name}" has a ${handler.label} (${kind}) aimed at host ${target.host}: the kubelet connects there from the node`,
          });
        }
      }
    }
  },
};
