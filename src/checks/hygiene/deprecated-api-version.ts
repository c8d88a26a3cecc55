import type { ResourceCheck } from '../../engine/types.js';
import { DEPRECATED_API_KINDS, deprecatedApi, type DeprecatedApi } from './deprecated-apis.js';

/** Reads `1.33`, `v1.33` or `1.33.2` as the minor version 33. */
function targetMinor(value: unknown): number {
  const match = typeof value === 'string' ? /^v?1\.(\d+)(?:\.\d+)?$/.exec(value.trim()) : null;
  if (match === null) throw new Error(`option targetVersion must be a Kubernetes version such as "1.33", got ${JSON.stringify(value)}`);
  return Number(match[1]);
}

function instead(entry: DeprecatedApi): string {
  if (entry.replacement === undefined) return entry.advice ?? '';
  const since = entry.replacementSince === undefined ? '' : ` (served since 1.${entry.replacementSince})`;
  return `use ${entry.replacement}${since}`;
}

export const deprecatedApiVersion: ResourceCheck = {
  id: 'deprecated-api-version',
  scope: 'resource',
  appliesTo: DEPRECATED_API_KINDS,
  meta: {
    title: 'Deprecated or removed API version',
    summary: 'A resource is written in an API version that Kubernetes has deprecated or no longer serves: on a cluster of the target version it is rejected (removed) or will be on a coming upgrade (deprecated).',
    severity: 'medium',
    category: 'hygiene',
    remediation:
      'Change `apiVersion` to the replacement named in the finding and adapt the fields that changed between versions (see the migration guide); `kubectl convert` can do most of it. Where the kind has no successor (PodSecurityPolicy), remove it and use Pod Security Admission.',
    references: ['https://kubernetes.io/docs/reference/using-api/deprecation-guide/', 'https://kubernetes.io/docs/reference/using-api/deprecation-policy/'],
    frameworks: [{ framework: 'NSA', control: 'monitoring/health' }],
    options: {
      targetVersion: {
        description:
          'The Kubernetes version the manifests are deployed to (`1.33`, `v1.30`). API versions no longer served by it are reported at medium severity; API versions deprecated by it but still served, at low; API versions deprecated only after it are not reported.',
        type: 'string',
        default: '1.33',
      },
    },
  },
  run({ resource, options, report }) {
    const target = targetMinor(options.targetVersion);
    const entry = deprecatedApi(resource.apiVersion, resource.kind);
    if (entry === undefined || entry.deprecatedIn > target) return;
    const subject = `${resource.kind} "${resource.name}" uses ${resource.apiVersion} ${resource.kind}`;
    const advice = instead(entry);
    if (entry.removedIn !== undefined && entry.removedIn <= target) {
      report({
        path: ['apiVersion'],
        message: `${subject}, which Kubernetes no longer serves since 1.${entry.removedIn} (target 1.${target}): the API server rejects the manifest; ${advice}`,
      });
      return;
    }
    const removal = entry.removedIn === undefined ? 'still served' : `no longer served from 1.${entry.removedIn}`;
    report({
      path: ['apiVersion'],
      severity: 'low',
      message: `${subject}, deprecated since 1.${entry.deprecatedIn} and ${removal} (target 1.${target}); ${advice}`,
    });
  },
};
