/**
 * `metav1.LabelSelector` as apimachinery's `LabelSelectorAsSelector` turns it into a
 * `labels.Selector`: the same validation (operators, value counts, label key and value syntax),
 * worded as the API server words it, and the same matching. The one reader of label selectors
 * for the analyses that must judge them exactly: NetworkPolicy reachability and admission
 * policies. An invalid selector carries `error` and selects nothing, so a broken policy never
 * widens access; admission reports the error as the policy's.
 */
import { isRecord, isStringList } from './resource.js';

/** An object's labels: string values only (the API server rejects anything else). */
export type Labels = Readonly<Record<string, string>>;

/** One requirement of a selector, `matchLabels` pairs being `In` with one value. */
export interface Requirement {
  key: string;
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  values: readonly string[];
}

/** A label selector checked once and ready to match many label sets. */
export interface Selector {
  /** In a canonical order (by key, then operator, then values). */
  readonly requirements: readonly Requirement[];
  /** Selects every label set (`{}`). */
  readonly empty: boolean;
  /** Canonical text: equal selectors have equal keys. */
  readonly key: string;
  /** Why the selector is invalid, as the API server says it; an invalid selector matches nothing. */
  readonly error?: string;
  matches(labels: Labels): boolean;
}

/** apimachinery's qualified-name alphabet: the name part of a label key, a label value, a matchCondition name. */
export const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** apimachinery's `IsQualifiedName`: `[prefix/]name`, name ≤ 63 characters, prefix a DNS subdomain. */
function labelKeyProblem(key: string): string | undefined {
  const parts = key.split('/');
  let name = key;
  if (parts.length === 2) {
    const [prefix = '', rest = ''] = parts;
    if (prefix === '') return 'prefix part must be non-empty';
    if (prefix.length > 253 || !DNS_SUBDOMAIN.test(prefix)) return 'prefix part must be a lowercase RFC 1123 subdomain';
    name = rest;
  } else if (parts.length > 2) {
    return "a qualified name must consist of alphanumeric characters, '-', '_' or '.', with an optional DNS subdomain prefix and '/'";
  }
  if (name === '') return 'name part must be non-empty';
  if (name.length > 63) return 'name part must be no more than 63 characters';
  if (!QUALIFIED_NAME.test(name)) return "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
  return undefined;
}

/** apimachinery's `IsValidLabelValue`: empty, or ≤ 63 characters of the qualified-name alphabet. */
function labelValueProblem(value: string): string | undefined {
  if (value === '') return undefined;
  if (value.length > 63) return 'must be no more than 63 characters';
  if (!QUALIFIED_NAME.test(value)) return "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
  return undefined;
}

/** Go's `%#v` of a `[]string`, as field errors print rejected value lists. */
function goStrings(values: readonly string[]): string {
  return `[]string{${values.map((value) => JSON.stringify(value)).join(', ')}}`;
}

const OPERATORS: Readonly<Record<string, Requirement['operator']>> = { In: 'In', NotIn: 'NotIn', Exists: 'Exists', DoesNotExist: 'DoesNotExist' };

/** The operator a `matchExpressions` item names, or undefined for anything else (own keys only: `toString` is no operator). */
export function operatorOf(value: unknown): Requirement['operator'] | undefined {
  return typeof value === 'string' && Object.hasOwn(OPERATORS, value) ? OPERATORS[value] : undefined;
}

/** Why an operator cannot take this many values, as the API server says it; undefined when it can. `Equals` is a `matchLabels` pair. */
export function valueCountProblem(operator: Requirement['operator'] | 'Equals', values: readonly string[]): string | undefined {
  switch (operator) {
    case 'In':
    case 'NotIn':
      return values.length === 0 ? `values: Invalid value: ${goStrings(values)}: for 'in', 'notin' operators, values set can't be empty` : undefined;
    case 'Equals':
      return values.length !== 1 ? `values: Invalid value: ${goStrings(values)}: exact-match compatibility requires one single value` : undefined;
    case 'Exists':
    case 'DoesNotExist':
      return values.length !== 0 ? `values: Invalid value: ${goStrings(values)}: values set must be empty for exists and does not exist` : undefined;
  }
}

/** One requirement as `labels.NewRequirement` checks it, or why it is invalid. */
function requirement(key: string, operator: Requirement['operator'] | 'Equals', values: readonly string[]): Requirement | string {
  const keyProblem = labelKeyProblem(key);
  if (keyProblem !== undefined) return `key: Invalid value: ${JSON.stringify(key)}: ${keyProblem}`;
  const countProblem = valueCountProblem(operator, values);
  if (countProblem !== undefined) return countProblem;
  for (let i = 0; i < values.length; i++) {
    const problem = labelValueProblem(values[i] as string);
    if (problem !== undefined) return `values[${i}]: Invalid value: ${JSON.stringify(values[i])}: ${problem}`;
  }
  return { key, operator: operator === 'Equals' ? 'In' : operator, values };
}

/** Whether one requirement holds for these labels. */
export function requirementHolds(requirement: Requirement, labels: Labels): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, requirement.key);
  switch (requirement.operator) {
    case 'In':
      return has && requirement.values.includes(labels[requirement.key] as string);
    case 'NotIn':
      // NotIn is satisfied by an object that lacks the label altogether, as in apimachinery.
      return !has || !requirement.values.includes(labels[requirement.key] as string);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
  }
}

/** A requirement as canonical text: its values sorted. */
function requirementText(requirement: Requirement): string {
  return JSON.stringify([requirement.key, requirement.operator, [...requirement.values].sort()]);
}

/** Whether every requirement holds: a plain loop, as selectors are matched against every workload's labels. */
function allHold(requirements: readonly Requirement[], labels: Labels): boolean {
  for (const requirement of requirements) if (!requirementHolds(requirement, labels)) return false;
  return true;
}

function makeSelector(requirements: Requirement[], error?: string): Selector {
  // Ordered by their canonical texts, so that equal selectors written in any order get equal keys.
  const written = requirements.map((requirement) => ({ requirement, text: requirementText(requirement) })).sort((a, b) => (a.text < b.text ? -1 : a.text > b.text ? 1 : 0));
  const sorted = written.map((entry) => entry.requirement);
  const key = error !== undefined ? `!invalid:${error}` : `[${written.map((entry) => entry.text).join(',')}]`;
  return {
    requirements: sorted,
    empty: error === undefined && sorted.length === 0,
    key,
    ...(error !== undefined ? { error } : {}),
    matches: error !== undefined ? () => false : sorted.length === 0 ? () => true : (labels) => allHold(sorted, labels),
  };
}

/** The selector `{}`: it selects everything. */
export const EVERYTHING: Selector = makeSelector([]);

function compileObject(raw: Record<string, unknown>): Selector {
  const requirements: Requirement[] = [];
  const invalid = (message: string) => makeSelector([], message);
  const matchLabels = raw.matchLabels ?? {};
  if (!isRecord(matchLabels)) return invalid('matchLabels must be a map of strings');
  for (const [key, value] of Object.entries(matchLabels)) {
    if (typeof value !== 'string') return invalid(`matchLabels[${JSON.stringify(key)}] must be a string`);
    const parsed = requirement(key, 'Equals', [value]);
    if (typeof parsed === 'string') return invalid(parsed);
    requirements.push(parsed);
  }
  const expressions = raw.matchExpressions ?? [];
  if (!Array.isArray(expressions)) return invalid('matchExpressions must be a list');
  for (const expression of expressions) {
    if (!isRecord(expression) || typeof expression.key !== 'string') return invalid('each matchExpressions item needs a key, an operator and values');
    const operator = operatorOf(expression.operator);
    if (operator === undefined) return invalid(`${JSON.stringify(String(expression.operator ?? ''))} is not a valid label selector operator`);
    const values = expression.values ?? [];
    if (!isStringList(values)) return invalid('matchExpressions values must be a list of strings');
    const parsed = requirement(expression.key, operator, values);
    if (typeof parsed === 'string') return invalid(parsed);
    requirements.push(parsed);
  }
  return makeSelector(requirements);
}

/** Selectors by their JSON text: policies repeat the same few (a namespace by name, kube-dns…). */
const compiled = new Map<string, Selector>();
/** Bounds of that table: the first texts seen are kept, longer ones are not. */
const MAX_COMPILED = 10_000;
const MAX_CACHED_TEXT = 2048;

/**
 * Compiles a label selector: `matchLabels` and `matchExpressions` are ANDed; `In`/`NotIn` need
 * values, `Exists`/`DoesNotExist` take none. A missing or null selector is the empty selector
 * (callers decide whether absent means "all"); a value that is not an object is invalid.
 */
export function compileSelector(raw: unknown): Selector {
  if (raw === undefined || raw === null) return EVERYTHING;
  if (!isRecord(raw)) return makeSelector([], 'a label selector must be an object');
  let text: string | undefined;
  try {
    text = JSON.stringify(raw);
  } catch {
    text = undefined; // a YAML alias cycle: compiled without the table
  }
  // JSON writes `.nan` and `.inf` as `null`, so a text holding `null` may stand for selectors that
  // are judged differently (`matchLabels: null` selects all, `matchLabels: .nan` is invalid): those
  // are compiled each time. Selectors are never changed once made, so they can be shared.
  const cacheable = text !== undefined && text.length <= MAX_CACHED_TEXT && !text.includes('null');
  const known = cacheable ? compiled.get(text as string) : undefined;
  if (known !== undefined) return known;
  const selector = compileObject(raw);
  if (cacheable && compiled.size < MAX_COMPILED) compiled.set(text as string, selector);
  return selector;
}
