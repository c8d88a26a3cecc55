import type { ResourceCheck } from '../../engine/types.js';
import { isRecord } from '../../model/resource.js';
import type { Path } from '../../yaml/path.js';
import { maskSecret } from '../shared/masking.js';
import { findTokens } from '../shared/secret-detection.js';

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/** Keys of a Secret's `data`/`stringData` that hold something, in a copy of the Secret. */
function keysWithValues(secret: unknown): string[] {
  if (!isRecord(secret)) return [];
  const keys = new Set<string>();
  for (const field of ['data', 'stringData']) {
    const values = secret[field];
    if (!isRecord(values)) continue;
    for (const [key, value] of Object.entries(values)) if (typeof value === 'string' && value !== '') keys.add(key);
  }
  return [...keys];
}

/** The copy kubectl keeps of the applied object, parsed; undefined when it is not JSON. */
function parseLastApplied(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

export const secretInAnnotation: ResourceCheck = {
  id: 'secret-in-annotation',
  scope: 'resource',
  meta: {
    title: 'Secret in an annotation',
    summary: 'An annotation holds a credential, or the last-applied-configuration annotation of a Secret holds a copy of its data. Annotations are readable by anyone who can read the object.',
    severity: 'high',
    category: 'secrets',
    remediation:
      'Remove the credential from the annotation and keep it in a Secret managed outside the repository; rotate it. For Secrets, apply with server-side apply (`kubectl apply --server-side`) or `kubectl create`, which do not write the last-applied-configuration annotation, and strip the annotation from exported manifests.',
    references: [
      'https://kubernetes.io/docs/concepts/overview/working-with-objects/annotations/',
      'https://kubernetes.io/docs/tasks/manage-kubernetes-objects/declarative-config/',
      'https://kubernetes.io/docs/concepts/security/secrets-good-practices/',
    ],
    frameworks: [
      { framework: 'NSA', control: 'secrets/protection' },
      { framework: 'MITRE', control: 'T1552.001' },
      { framework: 'MITRE', control: 'T1552.007' },
    ],
  },
  run({ resource, podSpec, report }) {
    const scan = (metadata: unknown, metadataPath: Path, owner: string) => {
      if (!isRecord(metadata) || !isRecord(metadata.annotations)) return;
      for (const [key, value] of Object.entries(metadata.annotations)) {
        if (typeof value !== 'string') continue;
        const path = [...metadataPath, 'annotations', key];
        if (key === LAST_APPLIED && resource.kind === 'Secret') {
          // kubectl apply stores the whole applied Secret here, data included, in plain base64.
          const keys = keysWithValues(parseLastApplied(value));
          if (keys.length > 0) {
            report({ path, message: `the ${LAST_APPLIED} annotation of Secret "${resource.name}" holds a copy of its data (keys ${keys.map((k) => `"${k}"`).join(', ')})` });
            continue;
          }
        }
        const tokens = findTokens(value);
        if (tokens.length === 0) continue;
        const found = tokens.map((token) => `${token.format.label} (${maskSecret(token.text)})`).join(' and ');
        report({ path, message: `annotation "${key}" of ${owner} holds ${found}` });
      }
    };
    scan(resource.object.metadata, ['metadata'], `${resource.kind} "${resource.name}"`);
    if (podSpec !== undefined && resource.kind !== 'Pod') scan(podSpec.metadata, podSpec.metadataPath, `the pod template of ${resource.kind} "${resource.name}"`);
  },
};
