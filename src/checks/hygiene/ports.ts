import { isRecord } from '../../model/resource.js';
import type { ContainerRef } from '../../model/workload.js';
import type { Path } from '../../yaml/path.js';
import { rememberedPer } from '../../model/memo.js';

/** One entry of a container's `ports` list. */
export interface DeclaredPort {
  name: string | undefined;
  /** `containerPort`, when it is a number. */
  number: number | undefined;
  /** `protocol`, defaulted to TCP as the API server does. */
  protocol: string;
  path: Path;
}

/** The container's `ports`, read once per container (several checks ask): do not change the list. */
export const declaredPorts: (container: ContainerRef) => readonly DeclaredPort[] = rememberedPer(readPorts);

function readPorts(container: ContainerRef): DeclaredPort[] {
  const ports = Array.isArray(container.container.ports) ? container.container.ports : [];
  const out: DeclaredPort[] = [];
  ports.forEach((port: unknown, index) => {
    if (!isRecord(port)) return;
    out.push({
      name: typeof port.name === 'string' && port.name !== '' ? port.name : undefined,
      number: typeof port.containerPort === 'number' ? port.containerPort : undefined,
      protocol: typeof port.protocol === 'string' && port.protocol !== '' ? port.protocol : 'TCP',
      path: [...container.path, 'ports', index],
    });
  });
  return out;
}

/**
 * Whether a container serves traffic for the pod's Services: regular containers, and init
 * containers with `restartPolicy: Always` (sidecars), which keep running beside them. Other init
 * containers have exited before the pod is ready; ephemeral containers cannot declare ports.
 */
export function servesTraffic(container: ContainerRef): boolean {
  if (container.kind === 'containers') return true;
  return container.kind === 'initContainers' && container.container.restartPolicy === 'Always';
}
