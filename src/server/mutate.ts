import { isRecord, type Resource } from '../model/resource.js';
import { podSpecOf } from '../model/workload.js';
import type { Path } from '../yaml/path.js';

/** One JSON Patch (RFC 6902) operation. The safe defaults only ever add what is missing. */
export interface PatchOperation {
  op: 'add';
  path: string;
  value: unknown;
}

/** Annotations of the pre-1.19 seccomp API: the API server requires the field to agree with them, so they are left alone. */
const SECCOMP_ANNOTATION_PREFIXES = ['seccomp.security.alpha.kubernetes.io/', 'container.seccomp.security.alpha.kubernetes.io/'];

/** Capabilities with which the API server rejects `allowPrivilegeEscalation: false`. */
const ESCALATING_CAPABILITIES = new Set(['SYS_ADMIN', 'CAP_SYS_ADMIN']);

/** JSON Pointer (RFC 6901) of a path: `~` and `/` in keys are escaped. */
export function jsonPointer(path: Path): string {
  let pointer = '';
  for (const segment of path) pointer += `/${typeof segment === 'number' ? segment : segment.replace(/~/g, '~0').replace(/\//g, '~1')}`;
  return pointer;
}

/** Adds `field: value` under `parentPath` when absent, creating the parent object when it is missing too. */
function addField(patch: PatchOperation[], parent: unknown, parentPath: Path, fields: Record<string, unknown>): void {
  const missing = Object.entries(fields).filter(([name]) => !isRecord(parent) || parent[name] === undefined);
  if (missing.length === 0) return;
  if (!isRecord(parent)) {
    patch.push({ op: 'add', path: jsonPointer(parentPath), value: Object.fromEntries(missing) });
    return;
  }
  for (const [name, value] of missing) patch.push({ op: 'add', path: jsonPointer([...parentPath, name]), value });
}

/**
 * The JSON Patch that sets safe defaults on a workload's pod spec where the object leaves them
 * unset: `allowPrivilegeEscalation: false` on each container, and on the pod
 * `seccompProfile: RuntimeDefault` and `runAsNonRoot: true`. Idempotent: the patched object
 * yields an empty patch. Never overrides a value the object sets, and leaves out a default
 * wherever the API server or the kubelet would reject the result (privileged containers,
 * SYS_ADMIN, root user ids, legacy seccomp annotations, Windows pods).
 */
export function safeDefaultsPatch(resource: Resource): PatchOperation[] {
  const pod = podSpecOf(resource);
  if (pod === undefined) return [];
  const spec = pod.spec;
  // Windows pods may set none of these fields.
  if (isRecord(spec.os) && spec.os.name === 'windows') return [];
  const patch: PatchOperation[] = [];
  const podContext = isRecord(spec.securityContext) ? spec.securityContext : undefined;
  const containers = pod.containers.filter((container) => container.kind !== 'ephemeralContainers');
  const contextOf = (container: Record<string, unknown>) => (isRecord(container.securityContext) ? container.securityContext : {});

  const podDefaults: Record<string, unknown> = {};
  const annotations = isRecord(pod.metadata.annotations) ? Object.keys(pod.metadata.annotations) : [];
  if (!annotations.some((key) => SECCOMP_ANNOTATION_PREFIXES.some((prefix) => key.startsWith(prefix)))) podDefaults.seccompProfile = { type: 'RuntimeDefault' };
  // A container that runs as uid 0 without opting out itself would no longer start.
  const rootUser = podContext?.runAsUser === 0 || containers.some(({ container }) => contextOf(container).runAsUser === 0 && contextOf(container).runAsNonRoot !== false);
  if (!rootUser) podDefaults.runAsNonRoot = true;
  addField(patch, podContext, [...pod.path, 'securityContext'], podDefaults);

  for (const { container, path } of containers) {
    const context = isRecord(container.securityContext) ? container.securityContext : undefined;
    if (context?.privileged === true) continue;
    const capabilities = isRecord(context?.capabilities) ? context.capabilities : undefined;
    const added = Array.isArray(capabilities?.add) ? capabilities.add : [];
    if (added.some((capability) => typeof capability === 'string' && ESCALATING_CAPABILITIES.has(capability.toUpperCase()))) continue;
    addField(patch, context, [...path, 'securityContext'], { allowPrivilegeEscalation: false });
  }
  return patch;
}
