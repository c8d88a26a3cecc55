import type { Path } from './path.js';

/**
 * Finds where a path lies in a block-style YAML document without building a syntax tree.
 *
 * Kubernetes manifests are almost always block mappings and sequences with plain or
 * simply quoted keys. For those, the position of `spec.containers[1].image` can be read
 * off indentation alone, far faster than composing a full YAML document. Anything this
 * reader is not certain about (flow collections on the way, anchors, aliases, tags,
 * explicit keys, escapes in keys, tabs) raises {@link UnsupportedLayout}, and the caller
 * falls back to a complete YAML parser for that document.
 */
export class UnsupportedLayout extends Error {}

export interface LinePosition {
  /** 0-based line of the document text. */
  line: number;
  /** 0-based column. */
  column: number;
}

interface NodeStart {
  line: number;
  column: number;
}

/**
 * A document's text with the offset where each line starts: lines are read in place, never
 * split into strings of their own (a scan locates findings in every document it reads).
 * A line runs from its start to the `\n` that ends it (exclusive), or to the end of the text.
 */
export interface BlockText {
  text: string;
  starts: readonly number[];
  /**
   * The content indentation of each line, filled in as lines are first read (see `contentIndent`):
   * searches for different keys of one mapping pass the same lines, and deep lines are long to skip.
   */
  indents?: number[];
}

/** A line whose indentation has not been read yet. */
const UNREAD = -2;

function lineCount(doc: BlockText): number {
  return doc.starts.length;
}

function lineStart(doc: BlockText, line: number): number {
  return doc.starts[line] as number;
}

/** Offset just past the line's last character (its `\n`, or the end of the text). */
function lineEnd(doc: BlockText, line: number): number {
  return line + 1 < doc.starts.length ? (doc.starts[line + 1] as number) - 1 : doc.text.length;
}

/** The character code at a column of a line; NaN past its end, as `charCodeAt` past the end of a string. */
function codeAt(doc: BlockText, line: number, column: number): number {
  const at = lineStart(doc, line) + column;
  return at < lineEnd(doc, line) ? doc.text.charCodeAt(at) : Number.NaN;
}

/** The character at a column of a line, or undefined past its end. */
function charAt(doc: BlockText, line: number, column: number): string | undefined {
  const at = lineStart(doc, line) + column;
  return at < lineEnd(doc, line) ? doc.text[at] : undefined;
}

// The helpers below read the text directly between a line's bounds: they run for every line a
// search passes, often before the compiler has inlined anything.

/**
 * The indentation of a line that carries a node, or -1 for a blank or comment-only line: the
 * two questions a search asks of every line it passes, answered in one pass and kept for the next search.
 */
function contentIndent(doc: BlockText, line: number): number {
  const indents = (doc.indents ??= new Array<number>(doc.starts.length).fill(UNREAD));
  const known = indents[line] as number;
  if (known !== UNREAD) return known;
  const indent = skipSpaces(doc, line, 0);
  if (isTrivia(doc, line, indent)) return (indents[line] = -1);
  if (doc.text.charCodeAt(lineStart(doc, line) + indent) === 9) throw new UnsupportedLayout('tab in indentation');
  return (indents[line] = indent);
}

/** True for lines that carry no node: blank or comment only. */
function isTrivia(doc: BlockText, line: number, from: number): boolean {
  const { text } = doc;
  const end = lineEnd(doc, line);
  for (let i = lineStart(doc, line) + from; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 13) continue;
    return c === 35; // '#'
  }
  return true;
}

function isSequenceDash(doc: BlockText, line: number, at: number): boolean {
  const { text } = doc;
  const offset = lineStart(doc, line) + at;
  const end = lineEnd(doc, line);
  if (offset >= end || text.charCodeAt(offset) !== 45) return false; // '-'
  if (offset + 1 >= end) return true;
  const next = text.charCodeAt(offset + 1);
  return next === 32 || next === 13 || next === 9;
}

/** Whether ` #` (a comment) begins at an offset from `from` up to, not including, `before`. */
function commentBetween(text: string, from: number, before: number): boolean {
  for (let i = from; i < before; i++) if (text.charCodeAt(i) === 32 && text.charCodeAt(i + 1) === 35) return true;
  return false;
}

function skipSpaces(doc: BlockText, line: number, at: number): number {
  const { text } = doc;
  const start = lineStart(doc, line);
  const end = lineEnd(doc, line);
  let i = start + at;
  while (i < end && text.charCodeAt(i) === 32) i++;
  return i - start;
}

interface KeyRead {
  key: string;
  /** Column just after the ':' indicator. */
  afterColon: number;
}

/** Reads the quoted key (`"a.b": …` or `'it''s': …`) that starts at a column of a line. */
function readQuotedKey(doc: BlockText, line: number, at: number): KeyRead {
  const quote = charAt(doc, line, at);
  let i = at + 1;
  let key = '';
  for (;;) {
    const c = charAt(doc, line, i);
    if (c === undefined) throw new UnsupportedLayout('multi-line quoted key');
    if (quote === '"' && c === '\\') throw new UnsupportedLayout('escape in key');
    if (c === quote) {
      if (quote === "'" && charAt(doc, line, i + 1) === "'") {
        key += "'";
        i += 2;
        continue;
      }
      break;
    }
    key += c;
    i++;
  }
  i = skipSpaces(doc, line, i + 1);
  if (charAt(doc, line, i) !== ':') throw new UnsupportedLayout('quoted scalar is not a key');
  return { key, afterColon: i + 1 };
}

/**
 * Steps already taken in a document, as a tree keyed by path segment: findings in one
 * document share most of their paths, so each key or item is looked up once.
 */
export interface StepCache {
  step?: Step;
  /** Segment and subtree pairs; fan-out is small, so a list beats a Map here. */
  children?: Array<[string | number, StepCache]>;
}

/**
 * Locates `path` in a document (its text and line starts). The path must exist in the
 * document's data: a segment this reader cannot find means the layout is one it does not
 * understand, and it raises {@link UnsupportedLayout}. Returns one position per segment.
 */
export function locateInBlockYaml(doc: BlockText, firstContentLine: number, path: Path, cache: StepCache = {}): LinePosition[] {
  const found: LinePosition[] = [];
  walkBlockYaml(doc, firstContentLine, path, cache, found);
  return found;
}

/** Position of the last segment of `path` alone (undefined for the empty path), without collecting the others. */
export function locateLastInBlockYaml(doc: BlockText, firstContentLine: number, path: Path, cache: StepCache = {}): LinePosition | undefined {
  return walkBlockYaml(doc, firstContentLine, path, cache, undefined);
}

/** Walks the path through the cache, reading what it has not seen; returns the last position, and collects every one into `found` when given. */
function walkBlockYaml(doc: BlockText, firstContentLine: number, path: Path, cache: StepCache, found: LinePosition[] | undefined): LinePosition | undefined {
  cache.step ??= { position: { line: firstContentLine, column: 0 }, value: firstNode(doc, firstContentLine) };
  let node = cache.step.value;
  let level = cache;
  let last: LinePosition | undefined;
  for (const segment of path) {
    const children = (level.children ??= []);
    let next: StepCache | undefined;
    for (const entry of children) {
      if (entry[0] === segment) {
        next = entry[1];
        break;
      }
    }
    if (next === undefined) {
      if (node === undefined) throw new UnsupportedLayout('path goes past a leaf');
      next = { step: typeof segment === 'number' ? findItem(doc, node, segment) : findKey(doc, node, segment) };
      children.push([segment, next]);
    }
    const step = next.step as Step;
    last = step.position;
    found?.push(last);
    node = step.value;
    level = next;
  }
  return last;
}

function startsWithAt(doc: BlockText, line: number, column: number, prefix: string): boolean {
  const at = lineStart(doc, line) + column;
  return at + prefix.length <= lineEnd(doc, line) && doc.text.startsWith(prefix, at);
}

function firstNode(doc: BlockText, from: number): NodeStart | undefined {
  for (let line = from; line < lineCount(doc); line++) {
    if (startsWithAt(doc, line, 0, '%')) continue;
    if (startsWithAt(doc, line, 0, '---')) {
      if (!isTrivia(doc, line, 3)) throw new UnsupportedLayout('content on the document start line');
      continue;
    }
    const indent = contentIndent(doc, line);
    if (indent !== -1) return { line, column: indent };
  }
  return undefined;
}

/** The node that is the value after a key or a sequence dash, starting at `column` of `line`. */
function valueAfter(doc: BlockText, line: number, column: number, ownerIndent: number, allowSameIndentSequence: boolean): NodeStart | undefined {
  const start = skipSpaces(doc, line, column);
  if (!isTrivia(doc, line, start)) {
    const c = charAt(doc, line, start);
    if (c === '&' || c === '*' || c === '!') throw new UnsupportedLayout(`node property ${c}`);
    return { line, column: start };
  }
  for (let next = line + 1; next < lineCount(doc); next++) {
    const indent = contentIndent(doc, next);
    if (indent === -1) continue;
    if (indent > ownerIndent) return { line: next, column: indent };
    if (allowSameIndentSequence && indent === ownerIndent && isSequenceDash(doc, next, indent)) return { line: next, column: indent };
    return undefined;
  }
  return undefined;
}

/**
 * Where the value starts when the line holds `key` as a plain key at `column` (`key:` followed by
 * a space or the end of the line), else -1. Compares in place: most lines a search passes are
 * siblings, and reading each one's key would allocate a string per line.
 */
function plainKeyAt(doc: BlockText, line: number, column: number, key: string): number {
  // The match stays within the line, so a key that spans lines never matches; `: value` is no empty key.
  if (key === '' || !startsWithAt(doc, line, column, key)) return -1;
  const { text } = doc;
  const start = lineStart(doc, line);
  const end = lineEnd(doc, line);
  let at = start + column + key.length;
  while (at < end && text.charCodeAt(at) === 32) at++;
  if (at >= end || text.charCodeAt(at) !== 58) return -1; // ':'
  if (at + 1 < end) {
    const next = text.charCodeAt(at + 1);
    if (next !== 32 && next !== 13 && next !== 9) return -1;
  }
  if (commentBetween(text, start + column, at)) throw new UnsupportedLayout('comment before colon');
  return at + 1 - start;
}

export interface Step {
  position: LinePosition;
  value: NodeStart | undefined;
}

function findKey(doc: BlockText, node: NodeStart, key: string): Step {
  const c = charAt(doc, node.line, node.column);
  if (c === '{' || c === '[') throw new UnsupportedLayout('flow collection');
  const indent = node.column;
  for (let line = node.line; line < lineCount(doc); line++) {
    let column = indent;
    if (line !== node.line) {
      column = contentIndent(doc, line);
      if (column === -1) continue;
      if (column < indent) break;
      if (column > indent) continue;
      // A sequence at the mapping's own indentation is the value of the key above it.
      if (isSequenceDash(doc, line, column)) continue;
    }
    const afterColon = plainKeyAt(doc, line, column, key);
    if (afterColon !== -1) return { position: { line, column }, value: valueAfter(doc, line, afterColon, indent, true) };
    // Only a quoted key can still be this one; any other line is a sibling key, read no further.
    const first = codeAt(doc, line, column);
    if (first === 34 || first === 39) {
      const read = readQuotedKey(doc, line, column);
      if (read.key === key) return { position: { line, column }, value: valueAfter(doc, line, read.afterColon, indent, true) };
    }
  }
  throw new UnsupportedLayout(`key ${key} not found`);
}

function findItem(doc: BlockText, node: NodeStart, index: number): Step {
  if (!isSequenceDash(doc, node.line, node.column)) throw new UnsupportedLayout('not a block sequence');
  const indent = node.column;
  let seen = -1;
  for (let line = node.line; line < lineCount(doc); line++) {
    if (line !== node.line) {
      const column = contentIndent(doc, line);
      if (column === -1) continue;
      if (column < indent) break;
      if (column > indent) continue;
      if (!isSequenceDash(doc, line, column)) break;
    }
    seen++;
    if (seen === index) {
      const value = valueAfter(doc, line, indent + 1, indent, false);
      const position = value !== undefined ? { line: value.line, column: value.column } : { line, column: indent };
      return { position, value };
    }
  }
  throw new UnsupportedLayout(`item ${index} not found`);
}
