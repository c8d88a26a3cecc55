import type { SetCheck } from '../../engine/types.js';
import { isRecord, type Resource } from '../../model/resource.js';
import { podSpecOf, WORKLOAD_KINDS } from '../../model/workload.js';
import type { Path } from '../../yaml/path.js';
import { maskSecret, secretDigest } from '../shared/masking.js';
import { findTokens, literalSecret } from '../shared/secret-detection.js';
import { holdsConfidentialValue, isServiceAccountTokenSecret, secretEntries } from './secret-entries.js';

/** One place where a secret value is committed. */
interface Occurrence {
  resource: Resource;
  namespace: string;
  path: Path;
  container?: string;
  /** How the message names the place, e.g. `Secret "db" key "password"`. */
  label: string;
  value: string | Uint8Array;
}

/**
 * Secret keys that name an identity or a location rather than a credential: the same
 * user name or database host in several namespaces is normal.
 */
const IDENTITY_KEY = /^(?:user(?:name)?|login|email|host(?:name)?|port|database|db|db[-_.]?name|name|namespace|region|endpoint|url|uri)$/i;

function secretOccurrences(resource: Resource, namespace: string): Occurrence[] {
  if (isServiceAccountTokenSecret(resource.object)) return [];
  return secretEntries(resource.object)
    .filter(holdsConfidentialValue)
    .filter((entry) => !IDENTITY_KEY.test(entry.key) || (typeof entry.value === 'string' && findTokens(entry.value).length > 0))
    .map((entry) => ({ resource, namespace, path: entry.path, label: `Secret "${resource.name}" key "${entry.key}"`, value: entry.value }));
}

function envOccurrences(resource: Resource, namespace: string): Occurrence[] {
  const occurrences: Occurrence[] = [];
  for (const container of podSpecOf(resource)?.containers ?? []) {
    const env = container.container.env;
    if (!Array.isArray(env)) continue;
    env.forEach((variable: unknown, index) => {
      if (!isRecord(variable) || typeof variable.name !== 'string' || typeof variable.value !== 'string') return;
      if (literalSecret(variable.name, variable.value) === undefined) return;
      occurrences.push({
        resource,
        namespace,
        path: [...container.path, 'env', index, 'value'],
        container: container.name,
        label: `${resource.kind} "${resource.name}" container "${container.name}" env ${variable.name}`,
        value: variable.value,
      });
    });
  }
  return occurrences;
}

const quoted = (names: readonly string[]) => names.map((name) => `"${name}"`).join(', ');

export const secretValueReused: SetCheck = {
  id: 'secret-value-reused',
  scope: 'set',
  appliesTo: [...WORKLOAD_KINDS, 'Secret'],
  meta: {
    title: 'Secret value reused across namespaces',
    summary: 'The same secret value is committed in more than one namespace, so a compromise of any one of them exposes the others and the value cannot be rotated in one place.',
    severity: 'medium',
    category: 'secrets',
    remediation:
      'Give every namespace (environment, tenant, team) its own credentials, generated per namespace, and rotate the reused one. Where one credential must really be shared, deliver it from an external store (External Secrets, Vault) rather than copying it.',
    references: [
      'https://kubernetes.io/docs/concepts/security/secrets-good-practices/',
      'https://kubernetes.io/docs/concepts/security/multi-tenancy/',
    ],
    frameworks: [
      { framework: 'NSA', control: 'secrets/protection' },
      { framework: 'MITRE', control: 'T1078' },
    ],
    options: {
      minLength: {
        description: 'Values shorter than this (characters, or bytes for binary data) are not compared: short values repeat by chance.',
        type: 'number',
        default: 8,
      },
    },
  },
  run({ resources, options, report }) {
    const minLength = typeof options.minLength === 'number' ? options.minLength : 8;
    const byValue = new Map<string, Occurrence[]>();
    for (const resource of resources) {
      if (resource.namespace === undefined) continue;
      const found = resource.kind === 'Secret' ? secretOccurrences(resource, resource.namespace) : envOccurrences(resource, resource.namespace);
      for (const occurrence of found) {
        const length = typeof occurrence.value === 'string' ? [...occurrence.value].length : occurrence.value.length;
        if (length < minLength) continue;
        const digest = secretDigest(occurrence.value);
        const group = byValue.get(digest);
        if (group === undefined) byValue.set(digest, [occurrence]);
        else group.push(occurrence);
      }
    }
    for (const group of byValue.values()) {
      const namespaces = [...new Set(group.map((occurrence) => occurrence.namespace))];
      const first = group[0];
      if (first === undefined || namespaces.length < 2) continue;
      // Reuse within one namespace is one trust domain: only the spread to others is reported.
      for (const occurrence of group) {
        if (occurrence.namespace === first.namespace) continue;
        const others = namespaces.filter((namespace) => namespace !== occurrence.namespace);
        report(occurrence.resource, {
          path: occurrence.path,
          ...(occurrence.container !== undefined ? { container: occurrence.container } : {}),
          message: `${occurrence.label} in namespace "${occurrence.namespace}" holds a secret value (${maskSecret(occurrence.value)}) also used in namespace${others.length === 1 ? '' : 's'} ${quoted(others)}; first seen in ${first.label} in namespace "${first.namespace}"`,
        });
      }
    }
  },
};
