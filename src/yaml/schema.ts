import yaml from 'js-yaml';

/*
 * Kubernetes reads manifests with a YAML 1.1 parser (go-yaml v2 via sigs.k8s.io/yaml) and
 * converts them to JSON. A YAML 1.2 parser would read `privileged: yes` as the string "yes"
 * and a scanner would miss a privileged container the cluster runs. This schema resolves
 * plain scalars the way go-yaml v2 does: the 1.1 booleans, 0-prefixed octals, and no
 * timestamp type (timestamps stay strings, as they are in the JSON the API server sees).
 */

const TRUE_WORDS = new Set(['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON']);
const FALSE_WORDS = new Set(['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF']);

const bool11 = new yaml.Type('tag:yaml.org,2002:bool', {
  kind: 'scalar',
  resolve: (data: unknown) => typeof data === 'string' && (TRUE_WORDS.has(data) || FALSE_WORDS.has(data)),
  construct: (data: string) => TRUE_WORDS.has(data),
  predicate: (object: unknown) => typeof object === 'boolean',
  represent: { lowercase: (object: object) => (object ? 'true' : 'false') },
  defaultStyle: 'lowercase',
});

/** Most plain scalars are words: a cheap first-character test spares them the number patterns. */
function startsNumeric(text: string): boolean {
  const c = text.charCodeAt(0);
  return (c >= 48 && c <= 57) || c === 45 || c === 43 || c === 46; // 0-9 - + .
}

const INT_PATTERN = /^[-+]?(?:0b[01_]+|0x[0-9a-fA-F_]+|0o[0-7_]+|0[0-7_]+|0|[1-9][0-9_]*)$/;

function parseInt11(text: string): number {
  let value = text.replace(/_/g, '');
  let sign = 1;
  if (value[0] === '-' || value[0] === '+') {
    if (value[0] === '-') sign = -1;
    value = value.slice(1);
  }
  if (value.startsWith('0b')) return sign * parseInt(value.slice(2), 2);
  if (value.startsWith('0x')) return sign * parseInt(value.slice(2), 16);
  if (value.startsWith('0o')) return sign * parseInt(value.slice(2), 8);
  if (value.length > 1 && value[0] === '0') return sign * parseInt(value.slice(1), 8);
  return sign * parseInt(value, 10);
}

const int11 = new yaml.Type('tag:yaml.org,2002:int', {
  kind: 'scalar',
  resolve: (data: unknown) => typeof data === 'string' && startsNumeric(data) && INT_PATTERN.test(data) && /[0-9]/.test(data),
  construct: (data: string) => parseInt11(data),
  predicate: (object: unknown) => typeof object === 'number' && Number.isInteger(object),
  represent: { decimal: (object: object) => String(object) },
  defaultStyle: 'decimal',
});

const FLOAT_PATTERN = /^(?:[-+]?(?:\.[0-9]+|[0-9][0-9_]*(?:\.[0-9_]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;

const float11 = new yaml.Type('tag:yaml.org,2002:float', {
  kind: 'scalar',
  resolve: (data: unknown) => typeof data === 'string' && (startsNumeric(data) || data.charCodeAt(0) === 46) && FLOAT_PATTERN.test(data),
  construct: (data: string) => {
    const lower = data.toLowerCase();
    if (lower.endsWith('.inf')) return lower.startsWith('-') ? -Infinity : Infinity;
    if (lower === '.nan') return NaN;
    return parseFloat(data.replace(/_/g, ''));
  },
  predicate: (object: unknown) => typeof object === 'number' && !Number.isInteger(object),
  represent: { decimal: (object: object) => String(object) },
  defaultStyle: 'decimal',
});

const merge = (yaml.DEFAULT_SCHEMA as unknown as { compiledImplicit: Array<yaml.Type & { tag: string }> }).compiledImplicit.find(
  (type) => type.tag === 'tag:yaml.org,2002:merge',
);
if (merge === undefined) throw new Error('js-yaml no longer provides the merge key type');

/** js-yaml schema with go-yaml v2 (YAML 1.1) scalar resolution and merge keys. */
export const KUBERNETES_YAML_SCHEMA = yaml.CORE_SCHEMA.extend({ implicit: [bool11, int11, float11, merge] });
