import { BulwarkError } from '../errors/index.js';
import { RBAC_API_GROUP, type PolicyRule, type Subject } from './types.js';

/** A Kubernetes object as written out: plain data, keys in the order they are printed. */
export type ManifestObject = Record<string, unknown> & { apiVersion: string; kind: string };

export type ManifestFormat = 'yaml' | 'json';

export const MANIFEST_FORMATS: readonly ManifestFormat[] = ['yaml', 'json'];

/** The format of a command that writes manifests; a usage error for anything else. */
export function requireManifestFormat(format: string): ManifestFormat {
  const known = MANIFEST_FORMATS.find((candidate) => candidate === format);
  if (known === undefined) throw new BulwarkError('BULWARK_E_UNKNOWN_FORMAT', `unknown format "${format}" for this command`, 'Use yaml or json.');
  return known;
}

/** The label every generated object carries, so that they can be found, compared and pruned together. */
export const MANAGED_BY_LABEL = { 'app.kubernetes.io/managed-by': 'bulwark' } as const;

const RBAC_API_VERSION = `${RBAC_API_GROUP}/v1`;

/** A rule with its fields in the order the Kubernetes documentation writes them, empty ones left out. */
export function ruleObject(rule: PolicyRule): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  if (rule.nonResourceURLs.length > 0) out.nonResourceURLs = [...rule.nonResourceURLs];
  else {
    out.apiGroups = [...rule.apiGroups];
    out.resources = [...rule.resources];
    if (rule.resourceNames.length > 0) out.resourceNames = [...rule.resourceNames];
  }
  out.verbs = [...rule.verbs];
  return out;
}

/** A binding subject as the API server expects it. */
export function subjectObject(subject: Subject): Record<string, string> {
  if (subject.kind === 'ServiceAccount') return { kind: 'ServiceAccount', name: subject.name, namespace: subject.namespace };
  return { kind: subject.kind, name: subject.name, apiGroup: RBAC_API_GROUP };
}

function metadata(name: string, namespace: string | undefined, labels: Readonly<Record<string, string>>): Record<string, unknown> {
  return { name, ...(namespace !== undefined ? { namespace } : {}), ...(Object.keys(labels).length > 0 ? { labels: { ...labels } } : {}) };
}

/** A Role (with a namespace) or ClusterRole. */
export function roleObject(name: string, namespace: string | undefined, rules: readonly PolicyRule[], labels: Readonly<Record<string, string>> = MANAGED_BY_LABEL): ManifestObject {
  return { apiVersion: RBAC_API_VERSION, kind: namespace === undefined ? 'ClusterRole' : 'Role', metadata: metadata(name, namespace, labels), rules: rules.map(ruleObject) };
}

/** A RoleBinding (with a namespace) or ClusterRoleBinding giving a role to subjects. */
export function bindingObject(
  name: string,
  namespace: string | undefined,
  roleRef: { kind: 'Role' | 'ClusterRole'; name: string },
  subjects: readonly Subject[],
  labels: Readonly<Record<string, string>> = MANAGED_BY_LABEL,
): ManifestObject {
  return {
    apiVersion: RBAC_API_VERSION,
    kind: namespace === undefined ? 'ClusterRoleBinding' : 'RoleBinding',
    metadata: metadata(name, namespace, labels),
    subjects: subjects.map(subjectObject),
    roleRef: { apiGroup: RBAC_API_GROUP, kind: roleRef.kind, name: roleRef.name },
  };
}

// YAML 1.1 reads these plain scalars as something other than a string (booleans, null, numbers,
// timestamps, merge keys); they and anything with syntax characters are written quoted.
const PLAIN_SAFE = /^[A-Za-z_/][A-Za-z0-9_./@:-]*$/;
const YAML_11_WORDS = /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|null|Null|NULL|~)$/;

/** A scalar as YAML; in a flow list (`[a, b]`) a colon is quoted too, which some parsers would take for a key. */
function scalar(value: unknown, flow = false): string {
  if (typeof value === 'string') {
    const plain = PLAIN_SAFE.test(value) && !YAML_11_WORDS.test(value) && !value.endsWith(':') && !(flow ? value.includes(':') : value.includes(': '));
    return plain ? value : JSON.stringify(value);
  }
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value === null || value === undefined) return 'null';
  throw new TypeError(`not a scalar: ${typeof value}`);
}

function isScalar(value: unknown): boolean {
  return value === null || value === undefined || typeof value !== 'object';
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** One `key: value` entry (or `- item`) and what nests under it, at an indentation. */
function writeValue(value: unknown, indent: string, out: string[], lead: string): void {
  if (isScalar(value)) {
    out.push(`${lead} ${scalar(value)}`);
    return;
  }
  if (Array.isArray(value)) {
    // Lists of words stay on one line (`verbs: [get, list]`), as RBAC manifests are usually written.
    if (value.every(isScalar)) {
      out.push(`${lead} [${value.map((item) => scalar(item, true)).join(', ')}]`);
      return;
    }
    out.push(lead);
    for (const item of value) writeItem(item, indent, out);
    return;
  }
  if (isPlainObject(value)) {
    const entries = Object.entries(value);
    if (entries.length === 0) {
      out.push(`${lead} {}`);
      return;
    }
    out.push(lead);
    writeMapping(value, `${indent}  `, out);
  }
}

function writeItem(item: unknown, indent: string, out: string[]): void {
  if (isPlainObject(item) && Object.keys(item).length > 0) {
    // `- key: value` with the other keys aligned under the first.
    const lines: string[] = [];
    writeMapping(item, `${indent}  `, lines);
    out.push(`${indent}- ${(lines[0] as string).slice(indent.length + 2)}`, ...lines.slice(1));
    return;
  }
  writeValue(item, `${indent}  `, out, `${indent}-`);
}

function writeMapping(object: Record<string, unknown>, indent: string, out: string[]): void {
  for (const [key, value] of Object.entries(object)) {
    if (value === undefined) continue;
    writeValue(value, indent, out, `${indent}${scalar(key)}:`);
  }
}

/**
 * Objects as a YAML stream (one document each, `---` between them) or as a JSON `v1 List`, the
 * two forms `kubectl apply -f` takes. The YAML is written by hand to keep it stable and compact:
 * keys in the order given, lists of words on one line, strings quoted wherever YAML 1.1 would
 * read them as something else.
 */
export function renderManifests(objects: readonly ManifestObject[], format: ManifestFormat, header: readonly string[] = []): string {
  if (format === 'json') return `${JSON.stringify({ apiVersion: 'v1', kind: 'List', items: objects }, null, 2)}\n`;
  const comments = header.map((line) => `# ${line}`.trimEnd());
  const documents = objects.map((object) => {
    const lines: string[] = [];
    writeMapping(object, '', lines);
    return lines.join('\n');
  });
  return `${[...comments, ...documents.flatMap((document, index) => (index === 0 && comments.length === 0 ? [document] : ['---', document]))].join('\n')}\n`;
}
