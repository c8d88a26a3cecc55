import { isRecord, isStringList } from '../model/resource.js';
import type { Labels } from '../checks/shared/selectors.js';

export type { Labels };

/** One requirement of a label selector, `matchLabels` pairs being `In` with one value. */
export interface Requirement {
  key: string;
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  values: readonly string[];
}

/**
 * A `metav1.LabelSelector` checked once and ready to match many label sets. An invalid
 * selector carries `error` and selects nothing, so that a broken policy never widens access.
 */
export interface Selector {
  readonly requirements: readonly Requirement[];
  /** Selects every label set (`{}`). */
  readonly empty: boolean;
  /** Canonical text: equal selectors have equal keys. */
  readonly key: string;
  readonly error?: string;
  matches(labels: Labels): boolean;
}

function requirementHolds(requirement: Requirement, labels: Labels): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, requirement.key);
  switch (requirement.operator) {
    case 'In':
      return has && requirement.values.includes(labels[requirement.key] as string);
    case 'NotIn':
      // NotIn is satisfied by an object that lacks the label altogether.
      return !has || !requirement.values.includes(labels[requirement.key] as string);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
  }
}

const NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** Why a label key is invalid (`[prefix/]name`, as the API server checks it), or undefined. */
function keyProblem(key: string): string | undefined {
  const slash = key.lastIndexOf('/');
  const [prefix, name] = slash < 0 ? [undefined, key] : [key.slice(0, slash), key.slice(slash + 1)];
  if (prefix !== undefined && (prefix.length === 0 || prefix.length > 253 || !DNS_SUBDOMAIN.test(prefix))) return `invalid label key "${key}": the prefix must be a DNS subdomain`;
  if (!NAME.test(name)) return `invalid label key "${key}": a name of at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit`;
  return undefined;
}

/** Why a label value is invalid, or undefined. */
function valueProblem(key: string, value: string): string | undefined {
  return value === '' || NAME.test(value) ? undefined : `invalid label value "${value}" for "${key}": at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit`;
}

function makeSelector(requirements: Requirement[], error?: string): Selector {
  const sorted = [...requirements].sort((a, b) => (a.key === b.key ? a.operator.localeCompare(b.operator) : a.key < b.key ? -1 : 1));
  const key = error !== undefined ? `!invalid:${error}` : JSON.stringify(sorted.map((r) => [r.key, r.operator, [...r.values].sort()]));
  return {
    requirements: sorted,
    empty: error === undefined && sorted.length === 0,
    key,
    ...(error !== undefined ? { error } : {}),
    matches: error !== undefined ? () => false : sorted.length === 0 ? () => true : (labels) => sorted.every((requirement) => requirementHolds(requirement, labels)),
  };
}

/** The selector that selects everything. */
export const EVERYTHING: Selector = makeSelector([]);

/**
 * Compiles a label selector as apimachinery's `LabelSelectorAsSelector` reads it: `matchLabels`
 * and `matchExpressions` are ANDed; `In`/`NotIn` need values, `Exists`/`DoesNotExist` take none.
 * A missing or null selector is the empty selector (callers decide whether absent means "all").
 */
export function compileSelector(raw: unknown): Selector {
  if (raw === undefined || raw === null) return EVERYTHING;
  if (!isRecord(raw)) return makeSelector([], 'a label selector must be an object');
  // Policies repeat the same few selectors (a namespace by name, kube-dns…): each text is
  // compiled once. Selectors are never changed once made, so they can be shared.
  let text: string | undefined;
  try {
    text = JSON.stringify(raw);
  } catch {
    text = undefined; // a YAML alias cycle: compiled without the cache
  }
  // JSON writes `.nan` and `.inf` as `null`, so a text holding `null` may stand for selectors that
  // are judged differently (`matchLabels: null` selects all, `matchLabels: .nan` is invalid): those
  // are compiled each time.
  const cacheable = text !== undefined && text.length <= MAX_CACHED_TEXT && !text.includes('null');
  const known = cacheable ? compiled.get(text as string) : undefined;
  if (known !== undefined) return known;
  const selector = compileObject(raw);
  if (cacheable) {
    if (compiled.size >= MAX_COMPILED) compiled.clear();
    compiled.set(text as string, selector);
  }
  return selector;
}

const MAX_COMPILED = 4096;
const MAX_CACHED_TEXT = 2048;
const compiled = new Map<string, Selector>();

function compileObject(raw: Record<string, unknown>): Selector {
  const requirements: Requirement[] = [];
  const matchLabels = raw.matchLabels ?? {};
  if (!isRecord(matchLabels)) return makeSelector([], 'matchLabels must be a map of strings');
  for (const [key, value] of Object.entries(matchLabels)) {
    if (typeof value !== 'string') return makeSelector([], `matchLabels value of "${key}" must be a string`);
    const problem = keyProblem(key) ?? valueProblem(key, value);
    if (problem !== undefined) return makeSelector([], problem);
    requirements.push({ key, operator: 'In', values: [value] });
  }
  const expressions = raw.matchExpressions ?? [];
  if (!Array.isArray(expressions)) return makeSelector([], 'matchExpressions must be a list');
  for (const expression of expressions) {
    if (!isRecord(expression) || typeof expression.key !== 'string') return makeSelector([], 'a matchExpressions item needs a key');
    const operator = expression.operator;
    const values = expression.values ?? [];
    if (!isStringList(values)) return makeSelector([], `values of "${expression.key}" must be a list of strings`);
    if (operator === 'In' || operator === 'NotIn') {
      if (values.length === 0) return makeSelector([], `for '${operator}' operator, values set can't be empty`);
    } else if (operator === 'Exists' || operator === 'DoesNotExist') {
      if (values.length > 0) return makeSelector([], `values set must be empty for exists and does not exist`);
    } else {
      return makeSelector([], `"${String(operator)}" is not a valid label selector operator`);
    }
    const problem = keyProblem(expression.key) ?? (values as string[]).map((value) => valueProblem(expression.key as string, value)).find((found) => found !== undefined);
    if (problem !== undefined) return makeSelector([], problem);
    requirements.push({ key: expression.key, operator, values: values as string[] });
  }
  return makeSelector(requirements);
}

/** Short text of a selector for people: `{app=web,tier in (a,b),!debug}`; `{}` selects all. */
export function describeSelector(selector: Selector): string {
  if (selector.error !== undefined) return '{<invalid>}';
  const parts = selector.requirements.map((requirement) => {
    switch (requirement.operator) {
      case 'In':
        return requirement.values.length === 1 ? `${requirement.key}=${requirement.values[0]}` : `${requirement.key} in (${requirement.values.join(',')})`;
      case 'NotIn':
        return `${requirement.key} notin (${requirement.values.join(',')})`;
      case 'Exists':
        return requirement.key;
      case 'DoesNotExist':
        return `!${requirement.key}`;
    }
  });
  return `{${parts.join(',')}}`;
}
