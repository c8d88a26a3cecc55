import { rememberedPer } from '../../model/memo.js';
import { operatorOf, requirementHolds, valueCountProblem, type Labels } from '../../model/label-selector.js';
import { isRecord, isStringList } from '../../model/resource.js';

export type { Labels };

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

/**
 * One `matchExpressions` requirement as written, evaluated as apimachinery does; an invalid one
 * (unknown operator, values where none belong or none where some must be) matches nothing. The
 * key's spelling is not judged here: the hygiene checks ask whether a selector as written
 * selects some labels, and an invalid key is a problem of its own.
 */
function requirementMatches(requirement: unknown, labels: Labels): boolean {
  if (!isRecord(requirement) || typeof requirement.key !== 'string') return false;
  const operator = operatorOf(requirement.operator);
  const values = requirement.values ?? [];
  if (operator === undefined || !isStringList(values) || valueCountProblem(operator, values) !== undefined) return false;
  return requirementHolds({ key: requirement.key, operator, values }, labels);
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
