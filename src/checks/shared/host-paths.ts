import { severityRank, type Severity } from '../../findings/types.js';
import { isRecord } from '../../model/resource.js';
import type { ContainerRef, PodSpecRef } from '../../model/workload.js';
import type { Path } from '../../yaml/path.js';

/** A `hostPath` volume of a pod spec. */
export interface HostPathVolume {
  name: string;
  index: number;
  /** The host path as written. */
  hostPath: string;
  /** Path of `volumes[i].hostPath.path` inside the resource. */
  path: Path;
}

export function hostPathVolumes(pod: PodSpecRef): HostPathVolume[] {
  const volumes = pod.spec.volumes;
  if (!Array.isArray(volumes)) return [];
  const out: HostPathVolume[] = [];
  volumes.forEach((volume: unknown, index) => {
    if (!isRecord(volume) || !isRecord(volume.hostPath)) return;
    const hostPath = volume.hostPath.path;
    out.push({
      name: typeof volume.name === 'string' ? volume.name : `volumes[${index}]`,
      index,
      hostPath: typeof hostPath === 'string' ? hostPath : '',
      path: [...pod.path, 'volumes', index, 'hostPath', 'path'],
    });
  });
  return out;
}

/** A container's `volumeMounts` entry that mounts a given volume. */
export interface VolumeMountRef {
  container: ContainerRef;
  mount: Record<string, unknown>;
  /** Path of the `volumeMounts[j]` entry inside the resource. */
  path: Path;
}

export function mountsOfVolume(pod: PodSpecRef, volumeName: string): VolumeMountRef[] {
  const out: VolumeMountRef[] = [];
  for (const container of pod.containers) {
    const mounts = container.container.volumeMounts;
    if (!Array.isArray(mounts)) continue;
    mounts.forEach((mount: unknown, index) => {
      if (isRecord(mount) && mount.name === volumeName) out.push({ container, mount, path: [...container.path, 'volumeMounts', index] });
    });
  }
  return out;
}

/**
 * An absolute host path with `.` and `..` resolved and duplicate or trailing slashes
 * removed; undefined for a path that is not absolute (a Windows path, or a mistake).
 */
export function normalizeHostPath(raw: string): string | undefined {
  if (!raw.startsWith('/')) return undefined;
  const segments: string[] = [];
  for (const segment of raw.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  return `/${segments.join('/')}`;
}

/** `/var/run` is a symbolic link to `/run` on every current distribution. */
function withoutVarRunAlias(path: string): string {
  if (path === '/var/run') return '/run';
  return path.startsWith('/var/run/') ? `/run/${path.slice('/var/run/'.length)}` : path;
}

export interface SensitiveHostPath {
  path: string;
  /** What a container gets by mounting it. */
  exposes: string;
  severity: Severity;
}

const RUNTIME_SOCKET = 'whoever can write to it controls every container on the node, and the node itself';

const SENSITIVE_HOST_PATHS: readonly SensitiveHostPath[] = [
  { path: '/', exposes: "the node's entire filesystem", severity: 'critical' },
  { path: '/run/docker.sock', exposes: `the Docker daemon socket: ${RUNTIME_SOCKET}`, severity: 'critical' },
  { path: '/run/containerd/containerd.sock', exposes: `the containerd socket: ${RUNTIME_SOCKET}`, severity: 'critical' },
  { path: '/run/crio/crio.sock', exposes: `the CRI-O socket: ${RUNTIME_SOCKET}`, severity: 'critical' },
  { path: '/etc', exposes: "the node's configuration, including credentials such as /etc/shadow and the kubelet's kubeconfig", severity: 'high' },
  {
    path: '/etc/kubernetes',
    exposes: "Kubernetes node configuration: the kubelet's credentials and, on control-plane nodes, the cluster CA keys and admin kubeconfig",
    severity: 'high',
  },
  { path: '/proc', exposes: "the host's processes (their environments and memory maps) and kernel settings", severity: 'high' },
  { path: '/sys', exposes: "the host's kernel, device and cgroup interfaces", severity: 'high' },
  { path: '/boot', exposes: "the node's kernel and boot loader", severity: 'high' },
  { path: '/dev', exposes: "the node's devices, including its disks", severity: 'high' },
  { path: '/root', exposes: "the home directory of the node's root user (SSH keys, shell history)", severity: 'high' },
  { path: '/home', exposes: "the home directories of the node's users (SSH keys, credentials)", severity: 'high' },
  {
    path: '/var/lib/kubelet',
    exposes: "the kubelet's state: the secrets and volumes of every pod on the node, and the kubelet's credentials",
    severity: 'high',
  },
  { path: '/var/lib/docker', exposes: "Docker's storage: the filesystem of every container on the node", severity: 'high' },
  { path: '/var/lib/containerd', exposes: "containerd's storage: the filesystem of every container on the node", severity: 'high' },
];

/** File names of container runtime sockets, wherever a distribution puts them (k3s, cri-dockerd, Podman). */
const RUNTIME_SOCKET_NAMES: ReadonlySet<string> = new Set(['docker.sock', 'containerd.sock', 'crio.sock', 'cri-dockerd.sock', 'dockershim.sock', 'podman.sock']);

/**
 * Paths under the sensitive directories that hold nothing secret and are mounted read-only
 * by many ordinary workloads (time zone, public CA bundles, host identification).
 */
const HARMLESS_HOST_PATHS: readonly string[] = ['/etc/localtime', '/etc/timezone', '/etc/machine-id', '/etc/os-release', '/etc/ssl/certs', '/etc/ca-certificates'];

export interface SensitiveHostPathMatch {
  /** The host path, normalized. */
  path: string;
  /** `is`: the path itself; `under`: inside it; `contains`: the mount includes it. */
  relation: 'is' | 'under' | 'contains';
  sensitive: SensitiveHostPath;
}

function isUnder(path: string, ancestor: string): boolean {
  return path.startsWith(`${ancestor}/`);
}

/**
 * Whether mounting a host path exposes something sensitive: the path is one of the
 * sensitive paths, lies inside one, or is a directory that contains one (`/var` contains
 * `/var/lib/kubelet`). The most specific match wins; for `contains`, the most severe.
 */
export function sensitiveHostPath(raw: string): SensitiveHostPathMatch | undefined {
  const path = normalizeHostPath(raw);
  if (path === undefined) return undefined;
  const canonical = withoutVarRunAlias(path);
  if (HARMLESS_HOST_PATHS.some((harmless) => canonical === harmless || isUnder(canonical, harmless))) return undefined;

  const exact = SENSITIVE_HOST_PATHS.find((sensitive) => sensitive.path === canonical);
  if (exact !== undefined) return { path, relation: 'is', sensitive: exact };

  const socketName = canonical.slice(canonical.lastIndexOf('/') + 1);
  if (RUNTIME_SOCKET_NAMES.has(socketName)) {
    return { path, relation: 'is', sensitive: { path: canonical, exposes: `a container runtime socket: ${RUNTIME_SOCKET}`, severity: 'critical' } };
  }

  // Every path is under `/`: only mounting `/` itself counts as mounting the root.
  const ancestors = SENSITIVE_HOST_PATHS.filter((sensitive) => sensitive.path !== '/' && isUnder(canonical, sensitive.path));
  const closest = ancestors.sort((a, b) => b.path.length - a.path.length)[0];
  if (closest !== undefined) return { path, relation: 'under', sensitive: closest };

  const contained = SENSITIVE_HOST_PATHS.filter((sensitive) => isUnder(sensitive.path, canonical));
  const worst = contained.sort((a, b) => severityRank(b.severity) - severityRank(a.severity))[0];
  if (worst !== undefined) return { path, relation: 'contains', sensitive: worst };
  return undefined;
}
