import type { Report, ResourceCheck } from '../../engine/types.js';
import { isRecord, type Resource } from '../../model/resource.js';
import { WORKLOAD_KINDS, type PodSpecRef } from '../../model/workload.js';
import type { Path } from '../../yaml/path.js';
import { containerImages, parseImageReference } from '../shared/image.js';
import { isIstioKind, isIstioTrafficSetup, recordAt, specOf } from '../shared/istio.js';

type Version = readonly [major: number, minor: number, patch: number];

/**
 * `1.24.0`, `v1.24.0`, and with a suffix (`1.22.3-distroless`, `1.20.8-asm.1`) which is
 * ignored: Istio uses it for image variants and vendor builds, not only pre-releases.
 */
const VERSION = /^v?(\d+)\.(\d+)\.(\d+)(?:[-+_.][0-9A-Za-z._+-]*)?$/;

function parseVersion(text: string): Version | undefined {
  const match = VERSION.exec(text);
  if (match === null) return undefined;
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

function compareVersions(a: Version, b: Version): number {
  for (let i = 0; i < 3; i++) {
    const difference = (a[i] ?? 0) - (b[i] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}

function formatVersion(version: Version): string {
  return version.join('.');
}

/** The Istio proxy image: `proxyv2` from any registry or mirror, or whatever a container named istio-proxy runs. */
function isProxyContainer(containerName: string, repository: string): boolean {
  return containerName === 'istio-proxy' || repository === 'proxyv2' || repository.endsWith('/proxyv2');
}

/** The version an image reference's tag names; none for digest-only, tagless or non-version tags. */
function versionOfImage(image: unknown): Version | undefined {
  const tag = typeof image === 'string' ? parseImageReference(image)?.tag : undefined;
  return tag === undefined ? undefined : parseVersion(tag);
}

/** A version the manifest sets for the proxy, and where. */
interface ProxyVersion {
  version: Version;
  path: Path;
  /** What sets it, for the message. */
  source: string;
  container?: string;
}

function fromPod(podSpec: PodSpecRef): ProxyVersion[] {
  const out: ProxyVersion[] = [];
  for (const { container, image, reference } of containerImages(podSpec)) {
    // istio-init and istio-validation run the same image only to set up iptables, and handle no traffic.
    if (isIstioTrafficSetup(container) || !isProxyContainer(container.name, reference.repository)) continue;
    const version = reference.tag === undefined ? undefined : parseVersion(reference.tag);
    if (version === undefined) continue;
    out.push({ version, path: [...container.path, 'image'], source: `container "${container.name}" runs image "${image}"`, container: container.name });
  }
  // The injector uses this annotation instead of its own image when it is a full reference.
  const annotations = recordAt(podSpec.metadata, 'annotations');
  const override = annotations?.['sidecar.istio.io/proxyImage'];
  const overrideVersion = typeof override === 'string' && override.includes('/') ? versionOfImage(override) : undefined;
  if (overrideVersion !== undefined) {
    out.push({
      version: overrideVersion,
      path: [...podSpec.metadataPath, 'annotations', 'sidecar.istio.io/proxyImage'],
      source: `annotation sidecar.istio.io/proxyImage injects "${String(override)}"`,
    });
  }
  return out;
}

/**
 * The proxy version that Helm-style values (`global.proxy.image`, `global.tag`) inject, and
 * the key under `global` that sets it: a `proxy.image` with a `/` is a full reference,
 * otherwise the image is `<hub>/<image>:<tag>`.
 */
function fromGlobalValues(global: Record<string, unknown> | undefined): { version: Version; key: Path } | undefined {
  if (global === undefined) return undefined;
  const image = recordAt(global, 'proxy')?.image;
  if (typeof image === 'string' && image.includes('/')) {
    const version = versionOfImage(image);
    return version === undefined ? undefined : { version, key: ['proxy', 'image'] };
  }
  const version = typeof global.tag === 'string' ? parseVersion(global.tag) : undefined;
  return version === undefined ? undefined : { version, key: ['tag'] };
}

/** The sidecar injector's ConfigMap (`istio-sidecar-injector`, `-<revision>` for revisions): its `values` are JSON. */
function fromInjectorConfigMap(resource: Resource): ProxyVersion[] {
  if (!/^istio-sidecar-injector(-.+)?$/.test(resource.name)) return [];
  const values = isRecord(resource.object.data) ? resource.object.data.values : undefined;
  if (typeof values !== 'string') return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(values);
  } catch {
    return [];
  }
  const found = fromGlobalValues(isRecord(parsed) ? recordAt(parsed, 'global') : undefined);
  if (found === undefined) return [];
  // A position inside the JSON text cannot be addressed: point at the `values` key.
  return [{ version: found.version, path: ['data', 'values'], source: `sidecar injector ConfigMap "${resource.name}" injects the proxy of its values global.${found.key.join('.')}` }];
}

/** An IstioOperator: `spec.values.global.proxy.image` when a full reference, else `spec.tag`, else `spec.values.global.tag`. */
function fromIstioOperator(resource: Resource): ProxyVersion[] {
  const spec = specOf(resource);
  const values = recordAt(spec, 'values');
  const global = values === undefined ? undefined : recordAt(values, 'global');
  const image = global === undefined ? undefined : recordAt(global, 'proxy')?.image;
  const fullImage = typeof image === 'string' && image.includes('/');
  const specTag = typeof spec.tag === 'string' ? parseVersion(spec.tag) : undefined;
  if (!fullImage && specTag !== undefined) {
    return [{ version: specTag, path: ['spec', 'tag'], source: `IstioOperator "${resource.name}" installs spec.tag "${String(spec.tag)}"` }];
  }
  const found = fromGlobalValues(global);
  if (found === undefined) return [];
  return [{ version: found.version, path: ['spec', 'values', 'global', ...found.key], source: `IstioOperator "${resource.name}" sets values.global.${found.key.join('.')}` }];
}

export const istioProxyOutdated: ResourceCheck = {
  id: 'istio-proxy-outdated',
  scope: 'resource',
  appliesTo: [...WORKLOAD_KINDS, 'ConfigMap', 'IstioOperator'],
  meta: {
    title: 'Outdated Istio proxy',
    summary: 'An Istio sidecar or gateway proxy (istio/proxyv2) is older than the minimum supported version, so it may lack Envoy and Istio security fixes.',
    severity: 'medium',
    category: 'mesh',
    remediation:
      'Upgrade the Istio control plane to a supported release (canary upgrade with a new revision) and restart the workloads so they are re-injected with the new proxy; remove pinned `sidecar.istio.io/proxyImage` annotations and hard-coded proxyv2 images.',
    references: [
      'https://istio.io/latest/docs/releases/supported-releases/',
      'https://istio.io/latest/news/security/',
      'https://istio.io/latest/docs/setup/upgrade/canary/',
    ],
    frameworks: [
      { framework: 'NSA', control: 'supply-chain/immutable-images' },
      { framework: 'MITRE', control: 'T1190' },
    ],
    options: {
      minimumVersion: { description: 'The oldest acceptable proxy version, MAJOR.MINOR.PATCH (e.g. the oldest Istio release that still gets security fixes).', type: 'string', default: '1.24.0' },
    },
  },
  run({ resource, podSpec, options, report }) {
    const minimum = typeof options.minimumVersion === 'string' ? parseVersion(options.minimumVersion) : undefined;
    if (minimum === undefined) throw new Error(`option minimumVersion must be a version like 1.24.0, got ${JSON.stringify(options.minimumVersion)}`);
    let found: ProxyVersion[] = [];
    if (podSpec !== undefined) found = fromPod(podSpec);
    else if (resource.kind === 'ConfigMap' && resource.apiVersion === 'v1') found = fromInjectorConfigMap(resource);
    else if (isIstioKind(resource, 'install.istio.io', 'IstioOperator')) found = fromIstioOperator(resource);
    for (const { version, path, source, container } of found) {
      if (compareVersions(version, minimum) >= 0) continue;
      const finding: Report = { path, message: `${source}: Istio proxy ${formatVersion(version)} is older than the minimum ${formatVersion(minimum)}` };
      if (container !== undefined) finding.container = container;
      report(finding);
    }
  },
};
