/**
 * Label selectors as the reachability engine uses them: compiled once by the shared reader
 * (`src/model/label-selector.ts`, apimachinery's validation and matching), and described for people.
 */
import type { Selector } from '../model/label-selector.js';

export { compileSelector, EVERYTHING, type Labels, type Requirement, type Selector } from '../model/label-selector.js';

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
