import type { ResourceCheck } from '../../engine/types.js';
import { isStringList } from '../../model/resource.js';
import type { ImageReference } from '../shared/image.js';
import { containerImages } from '../shared/image.js';

/** Docker Hub answers to several host names; references without a host are `docker.io`. */
const DOCKER_HUB_ALIASES = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io', 'registry.hub.docker.com']);

function normalizeHost(host: string): string {
  const lower = host.toLowerCase();
  return DOCKER_HUB_ALIASES.has(lower) ? 'docker.io' : lower;
}

/** One allow-list entry: a registry host (with port), optionally narrowed to a repository path prefix. */
interface AllowedLocation {
  host: string;
  /** Repository path prefix without slashes at either end, or empty for the whole registry. */
  pathPrefix: string;
}

function parseAllowedLocation(entry: string): AllowedLocation | undefined {
  const text = entry.trim().replace(/^[a-z]+:\/\//i, '');
  if (text === '') return undefined;
  const slash = text.indexOf('/');
  const host = slash === -1 ? text : text.slice(0, slash);
  const pathPrefix = slash === -1 ? '' : text.slice(slash + 1).replace(/^\/+|\/+$/g, '');
  return { host: normalizeHost(host), pathPrefix };
}

/** Path prefixes match whole segments: `ghcr.io/acme` allows `ghcr.io/acme/web`, not `ghcr.io/acme-evil/web`. */
function isAllowed(reference: ImageReference, allowed: readonly AllowedLocation[]): boolean {
  const host = normalizeHost(reference.registry);
  return allowed.some(
    (location) =>
      location.host === host &&
      (location.pathPrefix === '' || reference.repository === location.pathPrefix || reference.repository.startsWith(`${location.pathPrefix}/`)),
  );
}

function allowedRegistriesOption(value: unknown): string[] {
  if (!isStringList(value)) {
    throw new Error('option allowedRegistries must be a list of strings, e.g. ["ghcr.io/acme/", "registry.internal:5000"]');
  }
  return value;
}

export const imageRegistryNotAllowed: ResourceCheck = {
  id: 'image-registry-not-allowed',
  scope: 'resource',
  appliesTo: 'workloads',
  meta: {
    title: 'Image from a registry that is not allowed',
    summary: 'A container image comes from a registry (or a repository path) outside the configured allow-list of trusted sources.',
    severity: 'medium',
    category: 'images',
    remediation: 'Mirror or rebuild the image into one of your trusted registries and reference it there, or add its registry to `allowedRegistries` if it is trusted. Enforce the same list at admission (e.g. with a ValidatingAdmissionPolicy).',
    references: [
      'https://kubernetes.io/docs/concepts/containers/images/#image-names',
      'https://kubernetes.io/docs/concepts/security/security-checklist/#images',
    ],
    frameworks: [
      { framework: 'NSA', control: 'supply-chain/immutable-images' },
      { framework: 'CIS', control: '5.5.1' },
      { framework: 'MITRE', control: 'T1525' },
    ],
    options: {
      allowedRegistries: {
        description:
          'Trusted image locations: a registry host (`ghcr.io`, `registry.internal:5000`) or a host with a repository path prefix (`ghcr.io/acme/`). Docker Hub is `docker.io` (official images are `docker.io/library/`). Empty: the check reports nothing until configured.',
        type: 'string[]',
        default: [],
      },
    },
  },
  run({ podSpec, options, report }) {
    const entries = allowedRegistriesOption(options.allowedRegistries);
    const allowed = entries.map(parseAllowedLocation).filter((location) => location !== undefined);
    if (allowed.length === 0) return;
    for (const { container, image, reference } of containerImages(podSpec)) {
      if (isAllowed(reference, allowed)) continue;
      report({
        path: [...container.path, 'image'],
        container: container.name,
        message: `container "${container.name}" uses image "${image}" from ${normalizeHost(reference.registry)}/${reference.repository}, which is not under any allowed registry (${entries.join(', ')})`,
      });
    }
  },
};
