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
  /** 0-based line within the lines given. */
  line: number;
  /** 0-based column. */
  column: number;
}

interface NodeStart {
  line: number;
  column: number;
}

function indentOf(text: string): number {
  let i = 0;
  while (i < text.length && text.charCodeAt(i) === 32) i++;
  if (text.charCodeAt(i) === 9) throw new UnsupportedLayout('tab in indentation');
  return i;
}

/** True for lines that carry no node: blank or comment only. */
function isTrivia(text: string, from: number): boolean {
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 13) continue;
    return c === 35; // '#'
  }
  return true;
}

function isSequenceDash(text: string, at: number): boolean {
  if (text.charCodeAt(at) !== 45) return false; // '-'
  const next = text.charCodeAt(at + 1);
  return Number.isNaN(next) || next === 32 || next === 13 || next === 9;
}

function skipSpaces(text: string, at: number): number {
  while (at < text.length && text.charCodeAt(at) === 32) at++;
  return at;
}

interface KeyRead {
  key: string;
  /** Column just after the ':' indicator. */
  afterColon: number;
}

function readKey(text: string, at: number): KeyRead {
  const first = text[at];
  if (first === '"' || first === "'") {
    let i = at + 1;
    let key = '';
    for (;;) {
      if (i >= text.length) throw new UnsupportedLayout('multi-line quoted key');
      const c = text[i] as string;
      if (first === '"' && c === '\\') throw new UnsupportedLayout('escape in key');
      if (c === first) {
        if (first === "'" && text[i + 1] === "'") {
          key += "'";
          i += 2;
          continue;
        }
        break;
      }
      key += c;
      i++;
    }
    i = skipSpaces(text, i + 1);
    if (text[i] !== ':') throw new UnsupportedLayout('quoted scalar is not a key');
    return { key, afterColon: i + 1 };
  }
  if ('?&*!|>[]{},%@`#'.includes(first ?? '')) throw new UnsupportedLayout(`key starts with ${first}`);
  let i = at;
  for (;;) {
    const colon = text.indexOf(':', i);
    if (colon === -1) throw new UnsupportedLayout('no mapping key on line');
    const next = text.charCodeAt(colon + 1);
    if (Number.isNaN(next) || next === 32 || next === 13 || next === 9) {
      const hash = text.indexOf(' #', at);
      if (hash !== -1 && hash < colon) throw new UnsupportedLayout('comment before colon');
      const key = text.slice(at, colon).trimEnd();
      if (key === '<<') throw new UnsupportedLayout('merge key');
      return { key, afterColon: colon + 1 };
    }
    i = colon + 1;
  }
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
 * Locates `path` in `lines` (the lines of one document). The path must exist in the
 * document's data: a segment this reader cannot find means the layout is one it does not
 * understand, and it raises {@link UnsupportedLayout}. Returns one position per segment.
 */
export function locateInBlockYaml(lines: readonly string[], firstContentLine: number, path: Path, cache: StepCache = {}): LinePosition[] {
  const found: LinePosition[] = [];
  walkBlockYaml(lines, firstContentLine, path, cache, (position) => found.push(position));
  return found;
}

/** Position of the last segment of `path` alone (undefined for the empty path), without collecting the others. */
export function locateLastInBlockYaml(lines: readonly string[], firstContentLine: number, path: Path, cache: StepCache = {}): LinePosition | undefined {
  let last: LinePosition | undefined;
  walkBlockYaml(lines, firstContentLine, path, cache, (position) => {
    last = position;
  });
  return last;
}

function walkBlockYaml(lines: readonly string[], firstContentLine: number, path: Path, cache: StepCache, visit: (position: LinePosition) => void): void {
  cache.step ??= { position: { line: firstContentLine, column: 0 }, value: firstNode(lines, firstContentLine) };
  let node = cache.step.value;
  let level = cache;
  for (const segment of path) {
    level.children ??= [];
    let next: StepCache | undefined;
    for (const [known, subtree] of level.children) {
      if (known === segment) {
        next = subtree;
        break;
      }
    }
    if (next === undefined) {
      if (node === undefined) throw new UnsupportedLayout('path goes past a leaf');
      next = { step: typeof segment === 'number' ? findItem(lines, node, segment) : findKey(lines, node, segment) };
      level.children.push([segment, next]);
    }
    const step = next.step as Step;
    visit(step.position);
    node = step.value;
    level = next;
  }
}

function firstNode(lines: readonly string[], from: number): NodeStart | undefined {
  for (let line = from; line < lines.length; line++) {
    const text = lines[line] as string;
    if (text.startsWith('%')) continue;
    if (text.startsWith('---')) {
      if (!isTrivia(text, 3)) throw new UnsupportedLayout('content on the document start line');
      continue;
    }
    if (isTrivia(text, 0)) continue;
    return { line, column: indentOf(text) };
  }
  return undefined;
}

/** The next line at or after `from` that carries content, or -1. */
function nextContentLine(lines: readonly string[], from: number): number {
  for (let line = from; line < lines.length; line++) {
    if (!isTrivia(lines[line] as string, 0)) return line;
  }
  return -1;
}

/** The node that is the value after a key or a sequence dash, starting at `column` of `line`. */
function valueAfter(lines: readonly string[], line: number, column: number, ownerIndent: number, allowSameIndentSequence: boolean): NodeStart | undefined {
  const text = lines[line] as string;
  const start = skipSpaces(text, column);
  if (!isTrivia(text, start)) {
    const c = text[start];
    if (c === '&' || c === '*' || c === '!') throw new UnsupportedLayout(`node property ${c}`);
    return { line, column: start };
  }
  const next = nextContentLine(lines, line + 1);
  if (next === -1) return undefined;
  const nextText = lines[next] as string;
  const indent = indentOf(nextText);
  if (indent > ownerIndent) return { line: next, column: indent };
  if (allowSameIndentSequence && indent === ownerIndent && isSequenceDash(nextText, indent)) return { line: next, column: indent };
  return undefined;
}

/**
 * Where the value starts when the line holds `key` as a plain key at `column` (`key:` followed by
 * a space or the end of the line), else -1. Compares in place: most lines a search passes are
 * siblings, and reading each one's key would allocate a string per line.
 */
function plainKeyAt(text: string, column: number, key: string): number {
  if (key === '' || !text.startsWith(key, column)) return -1;
  let at = column + key.length;
  while (text.charCodeAt(at) === 32) at++;
  if (text.charCodeAt(at) !== 58) return -1; // ':'
  const next = text.charCodeAt(at + 1);
  if (!(Number.isNaN(next) || next === 32 || next === 13 || next === 9)) return -1;
  const hash = text.indexOf(' #', column);
  if (hash !== -1 && hash < at) throw new UnsupportedLayout('comment before colon');
  return at + 1;
}

export interface Step {
  position: LinePosition;
  value: NodeStart | undefined;
}

function findKey(lines: readonly string[], node: NodeStart, key: string): Step {
  const first = lines[node.line] as string;
  const c = first[node.column];
  if (c === '{' || c === '[') throw new UnsupportedLayout('flow collection');
  const indent = node.column;
  for (let line = node.line; line < lines.length; line++) {
    const text = lines[line] as string;
    let column = indent;
    if (line !== node.line) {
      if (isTrivia(text, 0)) continue;
      column = indentOf(text);
      if (column < indent) break;
      if (column > indent) continue;
      // A sequence at the mapping's own indentation is the value of the key above it.
      if (isSequenceDash(text, column)) continue;
    }
    const afterColon = plainKeyAt(text, column, key);
    if (afterColon !== -1) return { position: { line, column }, value: valueAfter(lines, line, afterColon, indent, true) };
    // Only a quoted key can still be this one; any other line is a sibling key, read no further.
    const first = text.charCodeAt(column);
    if (first === 34 || first === 39) {
      const read = readKey(text, column);
      if (read.key === key) return { position: { line, column }, value: valueAfter(lines, line, read.afterColon, indent, true) };
    }
  }
  throw new UnsupportedLayout(`key ${key} not found`);
}

function findItem(lines: readonly string[], node: NodeStart, index: number): Step {
  const first = lines[node.line] as string;
  if (!isSequenceDash(first, node.column)) throw new UnsupportedLayout('not a block sequence');
  const indent = node.column;
  let seen = -1;
  for (let line = node.line; line < lines.length; line++) {
    const text = lines[line] as string;
    if (line !== node.line) {
      if (isTrivia(text, 0)) continue;
      const column = indentOf(text);
      if (column < indent) break;
      if (column > indent) continue;
      if (!isSequenceDash(text, column)) break;
    }
    seen++;
    if (seen === index) {
      const value = valueAfter(lines, line, indent + 1, indent, false);
      const position = value !== undefined ? { line: value.line, column: value.column } : { line, column: indent };
      return { position, value };
    }
  }
  throw new UnsupportedLayout(`item ${index} not found`);
}
