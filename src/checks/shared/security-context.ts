import { isRecord } from '../../model/resource.js';
import type { ContainerRef, PodSpecRef } from '../../model/workload.js';

export function containerSecurityContext(container: ContainerRef): Record<string, unknown> {
  const context = container.container.securityContext;
  return isRecord(context) ? context : {};
}

export function podSecurityContext(pod: PodSpecRef): Record<string, unknown> {
  const context = pod.spec.securityContext;
  return isRecord(context) ? context : {};
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
