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

// The written pieces of paths: one look-up per key gives all its forms. Asked when the tree of
// written paths below meets a new segment, and for every key once the tree is full.
const keyTexts = rememberedByText((key): KeyTexts => {
  const dotted = `.${key}`;
  if (IDENTIFIER.test(key)) return { first: key, after: dotted, stable: dotted };
  const quoted = `[${JSON.stringify(key)}]`;
  return { first: quoted, after: quoted, stable: dotted };
});
const INDEXES: readonly string[] = Array.from({ length: 256 }, (_, index) => `[${index}]`);

function indexText(index: number): string {
  return INDEXES[index] ?? `[${index}]`;
}

/**
 * Renders a path the way people write it: `spec.containers[0].securityContext`,
 * with keys that are not plain identifiers quoted: `metadata.annotations["a.b/c"]`.
 */
export function formatPath(path: Path): string {
  let node = ROOT;
  for (const segment of path) node = typeof segment === 'number' ? indexChild(node, segment) : keyChild(node, segment);
  return node.display;
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
  /**
   * Stands for the part of the path that exists: the same object for the same segments (while
   * the bounded tree of written paths remembers them), so what is found there can be kept by it.
   */
  place: object;
}

/**
 * The written forms of paths, as one tree of segments shared by every finding: paths repeat
 * across resources (`spec.template.spec.containers[0].securityContext` on every Deployment), and
 * each finding keeps its display path as long as the result lives and hashes its stable one.
 * One flat text of each form per distinct path, made once, instead of two built piece by piece
 * per finding. Bounded, since keys come from the input (a long-running server sees any number of
 * them): past the bound, nodes are made as they are asked for and not kept.
 */
interface PathNode {
  display: string;
  stable: string;
  /** By key, or by index (an item without a name). */
  children: Map<string | number, PathNode> | undefined;
  /** On a node reached by an index: the same item when it carries a name, by that name (its stable form names it). */
  named: Map<string, PathNode> | undefined;
}

/** Bounds of the tree: nodes, and characters of their texts (long keys make long texts). */
const PATH_NODE_LIMIT = 20_000;
const PATH_TEXT_LIMIT = 2_000_000;
let pathNodes = 0;
let pathText = 0;

function pathNode(display: string, stable: string): PathNode {
  // Flat now, once, rather than trees of pieces.
  display.charCodeAt(0);
  stable.charCodeAt(0);
  return { display, stable, children: undefined, named: undefined };
}

function remember<K>(table: Map<K, PathNode>, key: K, node: PathNode): PathNode {
  const text = node.display.length + node.stable.length;
  if (pathNodes < PATH_NODE_LIMIT && pathText + text <= PATH_TEXT_LIMIT) {
    table.set(key, node);
    pathNodes++;
    pathText += text;
  }
  return node;
}

const ROOT = pathNode('', '');

function keyChild(parent: PathNode, key: string): PathNode {
  const table = (parent.children ??= new Map());
  const known = table.get(key);
  if (known !== undefined) return known;
  const texts = keyTexts(key);
  return remember(table, key, pathNode(parent.display + (parent.display === '' ? texts.first : texts.after), parent.stable + texts.stable));
}

function indexChild(parent: PathNode, index: number): PathNode {
  const table = (parent.children ??= new Map());
  const known = table.get(index);
  if (known !== undefined) return known;
  const text = indexText(index);
  return remember(table, index, pathNode(parent.display + text, parent.stable + text));
}

/** The item at `indexed` (a child of `parent`) when it carries a name: written by index, named in the stable form. */
function namedChild(parent: PathNode, indexed: PathNode, name: string): PathNode {
  const table = (indexed.named ??= new Map());
  return table.get(name) ?? remember(table, name, pathNode(indexed.display, `${parent.stable}[name=${name}]`));
}

export function describePath(root: unknown, path: Path): PathDescription {
  let node: unknown = root;
  let existing = 0;
  let present = true;
  let written = ROOT;
  let place = ROOT;
  for (const segment of path) {
    let next: unknown;
    if (typeof segment === 'number') {
      next = Array.isArray(node) ? node[segment] : undefined;
      const name = next !== null && typeof next === 'object' ? (next as Record<string, unknown>).name : undefined;
      const indexed = indexChild(written, segment);
      written = typeof name === 'string' ? namedChild(written, indexed, name) : indexed;
      if (present && !(Array.isArray(node) && segment < node.length)) present = false;
    } else {
      const isObject = node !== null && typeof node === 'object' && !Array.isArray(node);
      next = isObject ? (node as Record<string, unknown>)[segment] : undefined;
      written = keyChild(written, segment);
      if (present && !(isObject && Object.prototype.hasOwnProperty.call(node, segment))) present = false;
    }
    if (present) {
      existing++;
      place = written;
    }
    node = next;
  }
  return { existing, display: written.display, stable: written.stable, place };
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
