import type { ResourceCheck, ResourceContext } from '../../engine/types.js';
import { isRecord } from '../../model/resource.js';
import { WORKLOAD_KINDS } from '../../model/workload.js';
import { declaredPorts } from './ports.js';

const SSH_PORT = 22;
/** The IANA service name of SSH, which named ports use. */
const SSH_NAME = 'ssh';

function isSshTarget(target: unknown): boolean {
  return target === SSH_PORT || target === SSH_NAME;
}

function reportContainers({ podSpec, report }: ResourceContext): void {
  for (const container of podSpec?.containers ?? []) {
    for (const port of declaredPorts(container)) {
      // SSH runs over TCP only; a UDP or SCTP port 22 is something else.
      if (port.protocol !== 'TCP' || (port.number !== SSH_PORT && port.name !== SSH_NAME)) continue;
      const byNumber = port.number === SSH_PORT;
      report({
        path: [...port.path, byNumber ? 'containerPort' : 'name'],
        container: container.name,
        message: byNumber
          ? `container "${container.name}" declares port 22 (SSH): a remote shell into the container bypasses the Kubernetes API and its audit log`
          : `container "${container.name}" declares a port named "ssh" (port ${port.number ?? '?'}): a remote shell into the container bypasses the Kubernetes API and its audit log`,
      });
    }
  }
}

function reportService({ resource, report }: ResourceContext): void {
  const spec = resource.object.spec;
  // Without a selector the Service forwards to endpoints managed elsewhere (often outside the cluster), not to a container of the input.
  if (!isRecord(spec) || spec.type === 'ExternalName' || !isRecord(spec.selector) || Object.keys(spec.selector).length === 0) return;
  const ports = Array.isArray(spec.ports) ? spec.ports : [];
  const reach = spec.type === 'LoadBalancer' || spec.type === 'NodePort' ? ` from outside the cluster (type ${spec.type})` : '';
  ports.forEach((port: unknown, index) => {
    if (!isRecord(port) || (port.protocol !== undefined && port.protocol !== 'TCP')) return;
    // targetPort defaults to the Service port.
    const hasTarget = port.targetPort !== undefined && port.targetPort !== null;
    const target = hasTarget ? port.targetPort : port.port;
    if (!isSshTarget(target)) return;
    const what = target === SSH_PORT ? 'port 22 (SSH)' : 'the port named "ssh"';
    report({
      path: ['spec', 'ports', index, hasTarget ? 'targetPort' : 'port'],
      message: `Service "${resource.name}" forwards port ${String(port.port)} to ${what} of the pods it selects${reach}: an SSH server in a container bypasses the Kubernetes API and its audit log`,
    });
  });
}

export const sshPortExposed: ResourceCheck = {
  id: 'ssh-port-exposed',
  scope: 'resource',
  appliesTo: [...WORKLOAD_KINDS, 'Service'],
  meta: {
    title: 'SSH port exposed',
    summary: 'A container declares the SSH port (22, or a port named `ssh`), or a Service forwards to it: a remote shell into the container that bypasses Kubernetes authentication, RBAC and audit logging.',
    severity: 'medium',
    category: 'hygiene',
    remediation:
      'Remove the SSH server from the image and the port from the manifest. Use `kubectl exec` or `kubectl debug` (ephemeral containers) for interactive access: they go through the API server, are authorised by RBAC and recorded in the audit log.',
    references: [
      'https://kubernetes.io/docs/tasks/debug/debug-application/get-shell-running-container/',
      'https://kubernetes.io/docs/tasks/debug/debug-application/debug-running-pod/#ephemeral-container',
    ],
    frameworks: [
      { framework: 'NSA', control: 'network/exposure' },
      { framework: 'MITRE', control: 'T1133' },
    ],
  },
  run(context) {
    if (context.resource.kind === 'Service') {
      if (context.resource.apiVersion === 'v1') reportService(context);
    } else {
      reportContainers(context);
    }
  },
};
