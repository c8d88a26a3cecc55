import { isRecord } from '../model/resource.js';
import type { ContainerRef } from '../model/workload.js';
import type { Path } from '../yaml/path.js';
import type { PodView } from './types.js';

export function record(value: unknown): Record<string, unknown> {
  return isRecord(value) ? value : {};
}

export function podSecurityContext(pod: PodView): Record<string, unknown> {
  return record(pod.spec.securityContext);
}

export function securityContext(container: ContainerRef): Record<string, unknown> {
  return record(container.container.securityContext);
}

export function isWindows(pod: PodView): boolean {
  return isRecord(pod.spec.os) && pod.spec.os.name === 'windows';
}

/** The container's name as upstream prints it. */
export function containerName(container: ContainerRef): string {
  const name = container.container.name;
  return typeof name === 'string' ? name : '';
}

/** `"a", "b"` */
export function joinQuote(items: readonly string[]): string {
  return items.map((item) => JSON.stringify(item)).join(', ');
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
