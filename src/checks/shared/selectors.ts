import { rememberedPer } from '../../model/memo.js';
import { isRecord, isStringList } from '../../model/resource.js';

/** An object's labels: string values only (the API server rejects anything else). */
export type Labels = Readonly<Record<string, string>>;

const EMPTY_LABELS: Labels = Object.freeze({});

/** Set checks ask for the same object's labels many times: they are read once. */
const readLabels = rememberedPer((raw: Record<string, unknown>): Labels => {
  const read: Record<string, string> = {};
  for (const [key, value] of Object.entries(raw)) if (typeof value === 'string') read[key] = value;
  return read;
});

export function labelsOf(metadata: unknown): Labels {
  return isRecord(metadata) && isRecord(metadata.labels) ? readLabels(metadata.labels) : EMPTY_LABELS;
}

/** One `matchExpressions` requirement, as apimachinery evaluates it; an invalid one matches nothing. */
function requirementMatches(requirement: unknown, labels: Labels): boolean {
  if (!isRecord(requirement) || typeof requirement.key !== 'string') return false;
  const has = Object.prototype.hasOwnProperty.call(labels, requirement.key);
  const value = labels[requirement.key];
  const values = requirement.values ?? [];
  if (!isStringList(values)) return false;
  switch (requirement.operator) {
    case 'In':
      // `In` needs at least one value; the API server rejects an empty list.
      return values.length > 0 && has && values.includes(value as string);
    case 'NotIn':
      // Unlike In, NotIn is satisfied by an object that lacks the label altogether.
      return values.length > 0 && (!has || !values.includes(value as string));
    case 'Exists':
      return values.length === 0 && has;
    case 'DoesNotExist':
      return values.length === 0 && !has;
    default:
      return false;
  }
}

/**
 * Whether a `metav1.LabelSelector` selects an object with these labels: every `matchLabels`
 * pair and every `matchExpressions` requirement must hold (they are ANDed). An empty selector
 * (`{}`, or one with empty lists) selects everything. A selector that is not an object at all
 * is up to the caller: for a NetworkPolicy's `podSelector` absent means empty, for other
 * fields a null selector selects nothing.
 */
export function selectorMatches(selector: Record<string, unknown>, labels: Labels): boolean {
  const matchLabels = selector.matchLabels ?? {};
  if (!isRecord(matchLabels)) return false;
  for (const [key, wanted] of Object.entries(matchLabels)) {
    if (typeof wanted !== 'string' || labels[key] !== wanted || !Object.prototype.hasOwnProperty.call(labels, key)) return false;
  }
  const expressions = selector.matchExpressions ?? [];
  if (!Array.isArray(expressions)) return false;
  return expressions.every((requirement) => requirementMatches(requirement, labels));
}
