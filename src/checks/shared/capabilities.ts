import { isRecord } from '../../model/resource.js';
import type { ContainerRef } from '../../model/workload.js';
import type { Path } from '../../yaml/path.js';
import { containerSecurityContext } from './security-context.js';

/** One entry of a container's `capabilities.add` or `capabilities.drop` list. */
export interface CapabilityEntry {
  /** As written in the manifest. */
  name: string;
  /** Upper case, without a `CAP_` prefix: `cap_sys_admin` and `SYS_ADMIN` are the same capability. */
  canonical: string;
  index: number;
  /** Path of the entry inside the resource. */
  path: Path;
}

/**
 * The capability as Linux names it, without the `CAP_` prefix and in upper case. CRI-O and
 * Docker accept `CAP_NET_RAW`, `net_raw` and `NET_RAW` alike, so a check that judges what a
 * container is granted must treat the spellings as one.
 */
export function canonicalCapability(name: string): string {
  const upper = name.trim().toUpperCase();
  return upper.startsWith('CAP_') ? upper.slice('CAP_'.length) : upper;
}

export function capabilitiesPath(container: ContainerRef): Path {
  return [...container.path, 'securityContext', 'capabilities'];
}

const NO_ENTRIES: readonly CapabilityEntry[] = Object.freeze([]);

/**
 * The string entries of a container's `capabilities.add` or `capabilities.drop`. Not
 * remembered: most lists are empty or hold `ALL` alone, and reading them again costs less than
 * a weak map entry per container. Do not change the list.
 */
export function capabilityEntries(container: ContainerRef, list: 'add' | 'drop'): readonly CapabilityEntry[] {
  const capabilities = containerSecurityContext(container).capabilities;
  if (!isRecord(capabilities)) return NO_ENTRIES;
  const entries = capabilities[list];
  if (!Array.isArray(entries) || entries.length === 0) return NO_ENTRIES;
  const base = capabilitiesPath(container);
  const out: CapabilityEntry[] = [];
  entries.forEach((name: unknown, index) => {
    if (typeof name !== 'string') return;
    out.push({ name, canonical: canonicalCapability(name), index, path: [...base, list, index] });
  });
  return out;
}

/**
 * Capabilities the Pod Security Standards `baseline` level lets a container add: the
 * container runtimes' default set, which a container has anyway unless it drops them.
 */
export const PSS_BASELINE_CAPABILITIES: ReadonlySet<string> = new Set([
  'AUDIT_WRITE',
  'CHOWN',
  'DAC_OVERRIDE',
  'FOWNER',
  'FSETID',
  'KILL',
  'MKNOD',
  'NET_BIND_SERVICE',
  'SETFCAP',
  'SETGID',
  'SETPCAP',
  'SETUID',
  'SYS_CHROOT',
]);
