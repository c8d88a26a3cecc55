import { parseFieldPath as parseFieldPathDetailed } from './field-path.js';
import { rememberedByText } from '../model/memo.js';

/** A path inside a resource: object keys and array indexes, from the document root. */
export type Path = ReadonlyArray<string | number>;

/** A key that can be written bare (`spec`) rather than quoted (`["a.b/c"]`). */
const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$-]*$/;

/** How a key is written in a path: first in it, after another segment, and in the stable form. */
interface KeyTexts {
  first: string;
  after: string;
  stable: string;
}

// The written pieces of paths, made once: keys, indexes and item names repeat across findings.
// One look-up per key gives all its forms (this runs for every segment of every finding).
const keyTexts = rememberedByText((key): KeyTexts => {
  const dotted = `.${key}`;
  if (IDENTIFIER.test(key)) return { first: key, after: dotted, stable: dotted };
  const quoted = `[${JSON.stringify(key)}]`;
  return { first: quoted, after: quoted, stable: dotted };
});
const named = rememberedByText((name) => `[name=${name}]`);
const INDEXES: readonly string[] = Array.from({ length: 256 }, (_, index) => `[${index}]`);

function indexText(index: number): string {
  return INDEXES[index] ?? `[${index}]`;
}

/**
 * Renders a path the way people write it: `spec.containers[0].securityContext`,
 * with keys that are not plain identifiers quoted: `metadata.annotations["a.b/c"]`.
 */
export function formatPath(path: Path): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += indexText(segment);
    else {
      const texts = keyTexts(segment);
      out += out === '' ? texts.first : texts.after;
    }
  }
  return out;
}

/** Follows a path through plain data; undefined when any step is missing. */
export function getAtPath(root: unknown, path: Path): unknown {
  let node: unknown = root;
  for (const segment of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string | number, unknown>)[segment];
  }
  return node;
}

/** The longest prefix of `path` that exists in `root`. */
export function existingPrefix(root: unknown, path: Path): Path {
  let node: unknown = root;
  for (let i = 0; i < path.length; i++) {
    if (node === null || typeof node !== 'object') return path.slice(0, i);
    const segment = path[i] as string | number;
    if (Array.isArray(node) ? typeof segment !== 'number' || segment >= node.length : !Object.prototype.hasOwnProperty.call(node, segment)) {
      return path.slice(0, i);
    }
    node = (node as Record<string | number, unknown>)[segment];
  }
  return path;
}

/** How a path relates to a value, in one walk: how much of it exists, and its two written forms. */
export interface PathDescription {
  /** Number of leading segments that exist in the value. */
  existing: number;
  /** As people write it: `spec.containers[0].image`. */
  display: string;
  /** Stable against reordering: items that carry a `name` are named, `spec.containers[name=app].image`. */
  stable: string;
}

/**
 * The display forms of paths, as a tree of segments shared by every finding: paths repeat
 * across resources (`spec.template.spec.containers[0].securityContext` on every Deployment),
 * and a finding keeps its path as long as the result lives. One text per distinct path, made
 * once and stored flat, instead of one built piece by piece per finding. Bounded, since keys
 * come from the input (a long-running server sees any number of them); past the bound, texts
 * are built as they are asked for.
 */
interface DisplayNode {
  text: string;
  children: Map<string | number, DisplayNode> | undefined;
}

const DISPLAY_ROOT: DisplayNode = { text: '', children: undefined };
const DISPLAY_LIMIT = 50_000;
let displayNodes = 0;

function displayChild(parent: DisplayNode, segment: string | number): DisplayNode {
  let child = parent.children?.get(segment);
  if (child === undefined) {
    const text = parent.text + (typeof segment === 'number' ? indexText(segment) : parent.text === '' ? keyTexts(segment).first : keyTexts(segment).after);
    text.charCodeAt(0); // flat now, once, rather than a tree of pieces kept by every finding
    child = { text, children: undefined };
    if (displayNodes < DISPLAY_LIMIT) {
      (parent.children ??= new Map()).set(segment, child);
      displayNodes++;
    }
  }
  return child;
}

export function describePath(root: unknown, path: Path): PathDescription {
  let node: unknown = root;
  let existing = 0;
  let present = true;
  let display = DISPLAY_ROOT;
  let stable = '';
  // Indexed: once per finding, often before the compiler has optimised it.
  for (let depth = 0; depth < path.length; depth++) {
    const segment = path[depth] as string | number;
    let next: unknown;
    if (typeof segment === 'number') {
      next = Array.isArray(node) ? node[segment] : undefined;
      const index = indexText(segment);
      const name = next !== null && typeof next === 'object' ? (next as Record<string, unknown>).name : undefined;
      stable += typeof name === 'string' ? named(name) : index;
      if (present && !(Array.isArray(node) && segment < node.length)) present = false;
    } else {
      const isObject = node !== null && typeof node === 'object' && !Array.isArray(node);
      next = isObject ? (node as Record<string, unknown>)[segment] : undefined;
      stable += keyTexts(segment).stable;
      if (present && !(isObject && Object.prototype.hasOwnProperty.call(node, segment))) present = false;
    }
    if (present) existing++;
    display = displayChild(display, segment);
    node = next;
  }
  return { existing, display: display.text, stable };
}

/**
 * Reads a field path as Kubernetes writes it (`spec.containers[0].image`,
 * `metadata.labels['app.kubernetes.io/name']`); undefined when the text is not one.
 * `parseFieldPath` in `field-path.ts` also says what is wrong.
 */
export function parseFieldPath(text: string): Path | undefined {
  const parsed = parseFieldPathDetailed(text);
  return parsed.ok ? parsed.path : undefined;
}
