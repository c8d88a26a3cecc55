import { rememberedByText } from '../model/memo.js';
import { isRecord, recordOf } from '../model/resource.js';
import type { ContainerRef } from '../model/workload.js';
import type { Path } from '../yaml/path.js';
import type { PodView } from './types.js';


export function podSecurityContext(pod: PodView): Readonly<Record<string, unknown>> {
  return recordOf(pod.spec.securityContext);
}

export function securityContext(container: ContainerRef): Readonly<Record<string, unknown>> {
  return recordOf(container.container.securityContext);
}

export function isWindows(pod: PodView): boolean {
  return isRecord(pod.spec.os) && pod.spec.os.name === 'windows';
}

/** The container's name as upstream prints it. */
export function containerName(container: ContainerRef): string {
  const name = container.container.name;
  return typeof name === 'string' ? name : '';
}

/** A name quoted as upstream prints it; the same container and volume names come back in every pod. */
const quoted = rememberedByText((name) => JSON.stringify(name));

/** `"a", "b"` */
export function joinQuote(items: readonly string[]): string {
  let out = '';
  for (let i = 0; i < items.length; i++) out += i === 0 ? quoted(items[i] as string) : `, ${quoted(items[i] as string)}`;
  return out;
}

export function pluralize(singular: string, plural: string, count: number): string {
  return count === 1 ? singular : plural;
}

/** `container "a"` / `containers "a", "b"` */
export function containersPhrase(names: readonly string[]): string {
  return `${pluralize('container', 'containers', names.length)} ${joinQuote(names)}`;
}

export function podPath(pod: PodView, ...rest: Path): Path {
  return [...pod.specPath, ...rest];
}

export function containerPath(container: ContainerRef, ...rest: Path): Path {
  return [...container.path, ...rest];
}

/** Deduplicated values in first-seen order. */
export function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}
