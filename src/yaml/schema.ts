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

/** Whether a plain scalar can be a 1.1 boolean at all: every such word starts with one of `yYnNtTfFoO`. */
function mayBeBoolean(text: string): boolean {
  switch (text.charCodeAt(0) | 0x20) {
    case 0x79: // y
    case 0x6e: // n
    case 0x74: // t
    case 0x66: // f
    case 0x6f: // o
      return text.length <= 5;
    default:
      return false;
  }
}

const bool11 = new yaml.Type('tag:yaml.org,2002:bool', {
  kind: 'scalar',
  // The first letter rules out almost every other word.
  resolve: (data: unknown) => typeof data === 'string' && mayBeBoolean(data) && (TRUE_WORDS.has(data) || FALSE_WORDS.has(data)),
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

type CompiledType = yaml.Type & { tag: string; resolve(data: unknown): boolean; construct(data: unknown): unknown };

function builtinType(schema: yaml.Schema, tag: string): CompiledType {
  const type = (schema as unknown as { compiledImplicit: CompiledType[] }).compiledImplicit.find((candidate) => candidate.tag === tag);
  if (type === undefined) throw new Error(`js-yaml no longer provides the ${tag} type`);
  return type;
}

const null12 = builtinType(yaml.CORE_SCHEMA, 'tag:yaml.org,2002:null');
const merge = builtinType(yaml.DEFAULT_SCHEMA, 'tag:yaml.org,2002:merge');

/** The type the last plain scalar resolved to: js-yaml calls `construct` right after a `resolve` that says yes. */
let resolved: yaml.Type = null12;

/**
 * Every plain scalar (keys included) is offered to each implicit type in turn; most are words
 * that none of them takes. One resolver tells null, boolean, integer and float apart by the
 * first character, in the order they would be tried one by one (they never overlap).
 */
const plain11 = new yaml.Type('tag:bulwark.dev,2024:plain-1.1', {
  kind: 'scalar',
  resolve: (data: unknown) => {
    if (typeof data !== 'string') return false;
    const c = data.charCodeAt(0);
    // Only `~` and words that begin with n or N can be null.
    if ((c === 0x7e || c === 0x6e || c === 0x4e) && null12.resolve(data)) resolved = null12;
    else if (bool11.resolve(data)) resolved = bool11;
    else if (int11.resolve(data)) resolved = int11;
    else if (float11.resolve(data)) resolved = float11;
    else return false;
    return true;
  },
  construct: (data: string) => resolved.construct(data),
});

/**
 * js-yaml schema with go-yaml v2 (YAML 1.1) scalar resolution and merge keys. Explicit tags
 * (`!!int "0755"`, `!!bool yes`) resolve with the same 1.1 rules.
 */
export const KUBERNETES_YAML_SCHEMA = yaml.FAILSAFE_SCHEMA.extend({ implicit: [plain11, merge], explicit: [null12, bool11, int11, float11] });
