import { isRecord, recordOf } from '../../model/resource.js';
import type { ContainerRef, PodSpecRef } from '../../model/workload.js';

/** A container's `securityContext`; absent reads as empty. Never write to the result. */
export function containerSecurityContext(container: ContainerRef): Readonly<Record<string, unknown>> {
  return recordOf(container.container.securityContext);
}

/** A pod's `securityContext`; absent reads as empty. Never write to the result. */
export function podSecurityContext(pod: PodSpecRef): Readonly<Record<string, unknown>> {
  return recordOf(pod.spec.securityContext);
}

/** Windows pods do not have Linux security settings; PSS exempts them from those checks. */
export function isWindowsPod(pod: PodSpecRef): boolean {
  return isRecord(pod.spec.os) && pod.spec.os.name === 'windows';
}

/**
 * A setting that a container may set and otherwise inherits from the pod's security
 * context (runAsUser, runAsNonRoot, seccompProfile, seLinuxOptions …), with where it came from.
 */
export function effectiveSetting(pod: PodSpecRef, container: ContainerRef, field: string): { value: unknown; from: 'container' | 'pod' | 'unset' } {
  const own = containerSecurityContext(container)[field];
  if (own !== undefined && own !== null) return { value: own, from: 'container' };
  const inherited = podSecurityContext(pod)[field];
  if (inherited !== undefined && inherited !== null) return { value: inherited, from: 'pod' };
  return { value: undefined, from: 'unset' };
}
