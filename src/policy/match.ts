import { isRecord, type Resource } from '../model/resource.js';
import { podSpecOf } from '../model/workload.js';
import type { Match } from './types.js';

const globs = new Map<string, RegExp>();

/** `*` matches within a path segment, `**` across segments, `?` one character; everything else is literal. */
export function globMatches(pattern: string, text: string): boolean {
  let regex = globs.get(pattern);
  if (regex === undefined) {
    let source = '';
    for (let i = 0; i < pattern.length; i++) {
      const c = pattern[i] as string;
      if (c === '*' && pattern[i + 1] === '*') {
        source += '.*';
        i++;
      } else if (c === '*') source += '[^/]*';
      else if (c === '?') source += '[^/]';
      else source += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
    }
    regex = new RegExp(`^${source}$`);
    globs.set(pattern, regex);
  }
  return regex.test(text);
}

function labelsMatch(wanted: Record<string, string>, labels: Record<string, unknown>): boolean {
  return Object.entries(wanted).every(([key, value]) => labels[key] === value);
}

/** A resource's own labels, and for workloads the labels of the pods it runs. */
export function resourceLabels(resource: Resource): Record<string, unknown> {
  const own = isRecord(resource.object.metadata) && isRecord(resource.object.metadata.labels) ? resource.object.metadata.labels : {};
  const pod = podSpecOf(resource);
  const podLabels = pod && isRecord(pod.metadata.labels) ? pod.metadata.labels : {};
  return { ...podLabels, ...own };
}

/** Labels of the Namespace objects among the resources, by name. */
export function namespaceLabelsOf(resources: readonly Resource[]): Map<string, Record<string, unknown>> {
  const labels = new Map<string, Record<string, unknown>>();
  for (const resource of resources) if (resource.kind === 'Namespace') labels.set(resource.name, resourceLabels(resource));
  return labels;
}

/** Facts about a resource's surroundings that matching needs. */
export interface MatchContext {
  /** Labels of the Namespace objects in the input, by name. */
  namespaceLabels: ReadonlyMap<string, Record<string, unknown>>;
}

/**
 * How specifically a level's match selects a resource: 0 when it does not, else a score
 * (an exact namespace name outranks a namespace glob, which outranks labels, which outrank paths).
 */
export function matchScore(match: Match | undefined, resource: Resource, context: MatchContext): number {
  if (match === undefined) return 0;
  let score = 0;
  if (match.namespaces !== undefined) {
    const namespace = resource.namespace;
    if (namespace === undefined) return 0;
    if (match.namespaces.includes(namespace)) score += 16;
    else if (match.namespaces.some((pattern) => globMatches(pattern, namespace))) score += 8;
    else return 0;
  }
  if (match.namespaceLabels !== undefined) {
    const labels = resource.namespace === undefined ? undefined : context.namespaceLabels.get(resource.namespace);
    if (labels === undefined || !labelsMatch(match.namespaceLabels, labels)) return 0;
    score += 4;
  }
  if (match.labels !== undefined) {
    if (!labelsMatch(match.labels, resourceLabels(resource))) return 0;
    score += 2;
  }
  if (match.paths !== undefined) {
    const file = resource.document.file.replace(/\\/g, '/').replace(/^\.\//, '');
    if (!match.paths.some((pattern) => globMatches(pattern, file))) return 0;
    score += 1;
  }
  return score;
}
