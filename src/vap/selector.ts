/**
 * `metav1.LabelSelector` as apimachinery's `LabelSelectorAsSelector` turns it into a
 * `labels.Selector`: the same validation (operators, value counts, label key and value
 * syntax) and the same matching. Admission reports an invalid selector as an error of the
 * policy or binding, so parsing returns the message instead of silently matching nothing.
 */
import type { Labels } from '../checks/shared/selectors.js';
import { isRecord, isStringList } from '../model/resource.js';

export type { Labels };

type Operator = 'Equals' | 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';

interface Requirement {
  key: string;
  operator: Operator;
  values: readonly string[];
}

/** A parsed selector: `requirements` empty means it selects everything. */
export interface LabelSelector {
  readonly requirements: readonly Requirement[];
}

export type ParsedSelector = { ok: true; selector: LabelSelector } | { ok: false; message: string };

/** The selector `{}`: admission defaults an absent namespaceSelector or objectSelector to it. */
export const EVERYTHING: LabelSelector = { requirements: [] };

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

function requirement(key: string, operator: Operator, values: readonly string[]): Requirement | string {
  const keyProblem = labelKeyProblem(key);
  if (keyProblem !== undefined) return `key: Invalid value: ${JSON.stringify(key)}: ${keyProblem}`;
  switch (operator) {
    case 'In':
    case 'NotIn':
      if (values.length === 0) return `values: Invalid value: ${goStrings(values)}: for 'in', 'notin' operators, values set can't be empty`;
      break;
    case 'Equals':
      if (values.length !== 1) return `values: Invalid value: ${goStrings(values)}: exact-match compatibility requires one single value`;
      break;
    case 'Exists':
    case 'DoesNotExist':
      if (values.length !== 0) return `values: Invalid value: ${goStrings(values)}: values set must be empty for exists and does not exist`;
      break;
  }
  for (let i = 0; i < values.length; i++) {
    const problem = labelValueProblem(values[i] as string);
    if (problem !== undefined) return `values[${i}]: Invalid value: ${JSON.stringify(values[i])}: ${problem}`;
  }
  return { key, operator, values };
}

const OPERATORS: Readonly<Record<string, Operator>> = { In: 'In', NotIn: 'NotIn', Exists: 'Exists', DoesNotExist: 'DoesNotExist' };

/**
 * Parses a LabelSelector. `undefined`/`null` is the caller's to default (admission uses `{}`);
 * here it selects everything. Values that are not the documented shapes are errors.
 */
export function parseLabelSelector(value: unknown): ParsedSelector {
  if (value === undefined || value === null) return { ok: true, selector: EVERYTHING };
  if (!isRecord(value)) return { ok: false, message: 'a label selector must be an object' };
  const requirements: Requirement[] = [];
  const matchLabels = value.matchLabels ?? {};
  if (!isRecord(matchLabels)) return { ok: false, message: 'matchLabels must be a map of strings' };
  for (const [key, labelValue] of Object.entries(matchLabels)) {
    if (typeof labelValue !== 'string') return { ok: false, message: `matchLabels[${JSON.stringify(key)}] must be a string` };
    const parsed = requirement(key, 'Equals', [labelValue]);
    if (typeof parsed === 'string') return { ok: false, message: parsed };
    requirements.push(parsed);
  }
  const expressions = value.matchExpressions ?? [];
  if (!Array.isArray(expressions)) return { ok: false, message: 'matchExpressions must be a list' };
  for (const expression of expressions) {
    if (!isRecord(expression) || typeof expression.key !== 'string') return { ok: false, message: 'each matchExpressions item needs a key, an operator and values' };
    const operator = typeof expression.operator === 'string' ? OPERATORS[expression.operator] : undefined;
    if (operator === undefined) return { ok: false, message: `${JSON.stringify(String(expression.operator ?? ''))} is not a valid label selector operator` };
    const values = expression.values ?? [];
    if (!isStringList(values)) return { ok: false, message: 'matchExpressions values must be a list of strings' };
    const parsed = requirement(expression.key, operator, values);
    if (typeof parsed === 'string') return { ok: false, message: parsed };
    requirements.push(parsed);
  }
  return { ok: true, selector: { requirements } };
}

function satisfied(requirement: Requirement, labels: Labels): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, requirement.key);
  const value = has ? labels[requirement.key] : undefined;
  switch (requirement.operator) {
    case 'Equals':
    case 'In':
      return has && requirement.values.includes(value as string);
    case 'NotIn':
      // A missing label satisfies NotIn, as in apimachinery.
      return !has || !requirement.values.includes(value as string);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
  }
}

/** Whether every requirement holds for these labels. */
export function selectorMatches(selector: LabelSelector, labels: Labels): boolean {
  return selector.requirements.every((item) => satisfied(item, labels));
}
