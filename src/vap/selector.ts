/**
 * Label selectors of admission policies and bindings (`namespaceSelector`, `objectSelector`,
 * `paramRef.selector`): read by the shared reader, which validates them as apimachinery's
 * `LabelSelectorAsSelector` does. Admission reports an invalid selector as an error of the
 * policy or binding, so parsing returns the message instead of silently matching nothing.
 */
import { compileSelector, EVERYTHING, QUALIFIED_NAME, type Labels, type Selector } from '../model/label-selector.js';

export type { Labels };
export { EVERYTHING, QUALIFIED_NAME };

/** A parsed selector: no requirements means it selects everything. */
export type LabelSelector = Selector;

export type ParsedSelector = { ok: true; selector: LabelSelector } | { ok: false; message: string };

/**
 * Parses a LabelSelector. `undefined`/`null` is the caller's to default (admission uses `{}`);
 * here it selects everything. Values that are not the documented shapes are errors.
 */
export function parseLabelSelector(value: unknown): ParsedSelector {
  const selector = compileSelector(value);
  return selector.error === undefined ? { ok: true, selector } : { ok: false, message: selector.error };
}

/** Whether every requirement holds for these labels. */
export function selectorMatches(selector: LabelSelector, labels: Labels): boolean {
  return selector.matches(labels);
}
