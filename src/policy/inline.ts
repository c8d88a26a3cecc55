import type { Check } from '../engine/types.js';
import type { Finding } from '../findings/types.js';
import type { Diagnostic } from '../loader/types.js';
import { rememberedPer } from '../model/memo.js';
import { isRecord, resourceStartLine, type Resource } from '../model/resource.js';
import { podSpecOf } from '../model/workload.js';
import { getAtPath } from '../yaml/path.js';
import { locateField } from '../yaml/positions.js';
import type { PolicyResolver } from './resolve.js';

/** The annotation by which a resource asks to be left out of checks: `<check>=<reason>; <check>=<reason>`. */
export const IGNORE_ANNOTATION = 'bulwark.io/ignore';

/** One opt-out a resource asks for. */
export interface InlineIgnore {
  checkId: string;
  reason: string;
}

/** What a resource's opt-out annotations say, and what in them could not be read. */
export interface InlineIgnores {
  entries: InlineIgnore[];
  /** Entries without a check id or a reason: they opt out of nothing. */
  malformed: string[];
}

const EMPTY: InlineIgnores = { entries: [], malformed: [] };

function parse(text: string, into: InlineIgnores): void {
  for (const raw of text.split(/[;\n]/)) {
    const entry = raw.trim();
    if (entry === '') continue;
    const equals = entry.indexOf('=');
    const checkId = equals < 0 ? entry : entry.slice(0, equals).trim();
    const reason = equals < 0 ? '' : entry.slice(equals + 1).trim();
    if (checkId === '' || reason === '') into.malformed.push(entry);
    else into.entries.push({ checkId, reason });
  }
}

/**
 * The opt-outs a resource asks for, from its own annotations and those of its pod template
 * (where they travel to the pods it creates). A reason is required: `check=` alone opts out of nothing.
 */
export const inlineIgnoresOf: (resource: Resource) => InlineIgnores = rememberedPer((resource: Resource): InlineIgnores => {
  const texts: string[] = [];
  const read = (metadata: unknown) => {
    const annotations = isRecord(metadata) ? metadata.annotations : undefined;
    const value = isRecord(annotations) ? annotations[IGNORE_ANNOTATION] : undefined;
    if (typeof value === 'string') texts.push(value);
  };
  read(resource.object.metadata);
  const pod = podSpecOf(resource);
  if (pod !== undefined && pod.metadataPath.length > 0) read(pod.metadata);
  if (texts.length === 0) return EMPTY;
  const known: InlineIgnores = { entries: [], malformed: [] };
  for (const text of texts) parse(text, known);
  return known;
});

function annotationPosition(resource: Resource): { line: number; column?: number } {
  const pod = podSpecOf(resource);
  for (const metadata of [['metadata'], pod?.metadataPath ?? []]) {
    const path = [...metadata, 'annotations', IGNORE_ANNOTATION];
    if (metadata.length === 0 || getAtPath(resource.object, path) === undefined) continue;
    const position = locateField(resource.document, [...resource.basePath, ...path]);
    if (position !== undefined) return position;
  }
  return { line: resourceStartLine(resource) };
}

/**
 * Applies `bulwark.io/ignore` opt-outs to findings where the policy allows them at the resource's
 * level, and says so (once per resource and check) where it does not: a developer cannot exempt
 * their own workload where the policy forbids it.
 */
export class InlineIgnoreJudge {
  private readonly told = new Set<string>();

  constructor(
    private readonly resolver: PolicyResolver | undefined,
    private readonly diagnostics: Diagnostic[],
  ) {}

  apply(finding: Finding, check: Check, resource: Resource): void {
    const ignores = inlineIgnoresOf(resource);
    if (ignores === EMPTY) return;
    if (ignores.malformed.length > 0) this.tell(resource, 'malformed', 'inline-ignore-malformed', `${IGNORE_ANNOTATION} entries without a check id or a reason opt out of nothing: ${ignores.malformed.map((entry) => JSON.stringify(entry)).join(', ')} (write <check>=<reason>)`);
    const entry = ignores.entries.find((candidate) => candidate.checkId === check.id);
    if (entry === undefined) return;
    const decision = this.resolver?.inlineIgnoreAllowed(check, resource) ?? { allowed: false };
    if (decision.allowed) {
      finding.status = 'excepted';
      finding.exception = 'inline';
      finding.inlineReason = entry.reason;
      return;
    }
    const source = decision.source;
    const why =
      source === undefined
        ? 'no policy allows inline opt-outs (set inlineIgnores in bulwark.yaml)'
        : `${source.level === 'global' ? 'the global level' : `${source.level} ${source.name}`} does not allow them${source.line !== undefined ? ` (${source.file ?? 'bulwark.yaml'}:${source.line})` : ''}`;
    this.tell(resource, check.id, 'inline-ignore-refused', `the ${IGNORE_ANNOTATION} opt-out of ${check.id} on ${resource.kind} ${resource.namespace !== undefined ? `${resource.namespace}/` : ''}${resource.name} is refused: ${why}`);
  }

  private tell(resource: Resource, key: string, code: string, message: string): void {
    const id = `${resource.index}\u0000${key}`;
    if (this.told.has(id)) return;
    this.told.add(id);
    this.diagnostics.push({ severity: 'warning', code, message, file: resource.document.file, ...annotationPosition(resource) });
  }
}
