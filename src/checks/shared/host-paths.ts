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
  /** Path of `volumes[i].hostPath`, the volume source, inside the resource. */
  sourcePath: Path;
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
      sourcePath: [...pod.path, 'volumes', index, 'hostPath'],
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
  /** What it is, as a noun phrase: "the node's configuration". */
  what: string;
  /** Why a container must not have it. */
  risk: string;
  severity: Severity;
}

const RUNTIME_SOCKET_RISK = 'whoever can write to it controls every container on the node, and the node itself';

const SENSITIVE_HOST_PATHS: readonly SensitiveHostPath[] = [
  { path: '/', what: "the node's root filesystem", risk: 'everything on the node, its credentials included', severity: 'critical' },
  { path: '/run/docker.sock', what: 'the Docker daemon socket', risk: RUNTIME_SOCKET_RISK, severity: 'critical' },
  { path: '/run/containerd/containerd.sock', what: 'the containerd socket', risk: RUNTIME_SOCKET_RISK, severity: 'critical' },
  { path: '/run/crio/crio.sock', what: 'the CRI-O socket', risk: RUNTIME_SOCKET_RISK, severity: 'critical' },
  { path: '/etc', what: "the node's configuration", risk: "credentials such as /etc/shadow and the kubelet's kubeconfig, and files that run as root", severity: 'high' },
  {
    path: '/etc/kubernetes',
    what: "the node's Kubernetes configuration",
    risk: "the kubelet's credentials and, on control-plane nodes, the cluster CA keys and an admin kubeconfig",
    severity: 'high',
  },
  { path: '/proc', what: "the host's /proc", risk: 'the environment and memory maps of host processes, and kernel settings', severity: 'high' },
  { path: '/sys', what: "the host's /sys", risk: 'kernel, device and cgroup interfaces of the node', severity: 'high' },
  { path: '/boot', what: "the node's boot files", risk: 'its kernel and boot loader', severity: 'high' },
  { path: '/dev', what: "the node's devices", risk: 'raw access to its disks and kernel interfaces', severity: 'high' },
  { path: '/root', what: "the home directory of the node's root user", risk: 'SSH keys and shell history', severity: 'high' },
  { path: '/home', what: "the home directories of the node's users", risk: 'SSH keys and credentials', severity: 'high' },
  { path: '/var/lib/kubelet', what: "the kubelet's state", risk: "the secrets and volumes of every pod on the node, and the kubelet's credentials", severity: 'high' },
  { path: '/var/lib/etcd', what: "etcd's data on control-plane nodes", risk: 'every object of the cluster, its Secrets included', severity: 'high' },
  { path: '/var/lib/docker', what: "Docker's storage", risk: 'the filesystem of every container on the node', severity: 'high' },
  { path: '/var/lib/containerd', what: "containerd's storage", risk: 'the filesystem of every container on the node', severity: 'high' },
];

/** File names of container runtime sockets, wherever a distribution puts them (k3s, cri-dockerd, Podman). */
const RUNTIME_SOCKET_NAMES: ReadonlySet<string> = new Set(['docker.sock', 'containerd.sock', 'crio.sock', 'cri-dockerd.sock', 'dockershim.sock', 'podman.sock']);

/**
 * Files under the sensitive directories that hold nothing secret and that ordinary
 * workloads mount read-only (time zone, public CA bundles, host identification, user and
 * group names). Reading them is harmless; writing to them is not.
 */
const PUBLIC_HOST_FILES: readonly string[] = [
  '/etc/localtime',
  '/etc/timezone',
  '/etc/machine-id',
  '/etc/os-release',
  '/etc/passwd',
  '/etc/group',
  '/etc/ssl/certs',
  '/etc/ca-certificates',
];

export interface SensitiveHostPathMatch {
  /** The host path, normalized. */
  path: string;
  /** `is`: the path itself; `under`: inside it; `contains`: the mount includes it. */
  relation: 'is' | 'under' | 'contains';
  sensitive: SensitiveHostPath;
  /** One of the public files: harmless unless mounted read-write. */
  public: boolean;
}

function isUnder(path: string, ancestor: string): boolean {
  return path.startsWith(`${ancestor}/`);
}

/**
 * Whether mounting a host path exposes something sensitive: the path is one of the
 * sensitive paths, lies inside one, or is a directory that contains one (`/var` contains
 * `/var/lib/kubelet`). The most specific match wins; for `contains`, the most severe.
 */
export function findSensitiveHostPath(raw: string): SensitiveHostPathMatch | undefined {
  const path = normalizeHostPath(raw);
  if (path === undefined) return undefined;
  const canonical = withoutVarRunAlias(path);
  const isPublic = PUBLIC_HOST_FILES.some((file) => canonical === file || isUnder(canonical, file));

  const exact = SENSITIVE_HOST_PATHS.find((sensitive) => sensitive.path === canonical);
  if (exact !== undefined) return { path, relation: 'is', sensitive: exact, public: isPublic };

  const socketName = canonical.slice(canonical.lastIndexOf('/') + 1);
  if (RUNTIME_SOCKET_NAMES.has(socketName)) {
    return { path, relation: 'is', sensitive: { path: canonical, what: 'a container runtime socket', risk: RUNTIME_SOCKET_RISK, severity: 'critical' }, public: false };
  }

  // Every path is under `/`: only mounting `/` itself counts as mounting the root.
  const ancestors = SENSITIVE_HOST_PATHS.filter((sensitive) => sensitive.path !== '/' && isUnder(canonical, sensitive.path));
  const closest = ancestors.sort((a, b) => b.path.length - a.path.length)[0];
  if (closest !== undefined) return { path, relation: 'under', sensitive: closest, public: isPublic };

  const contained = SENSITIVE_HOST_PATHS.filter((sensitive) => isUnder(sensitive.path, canonical));
  const worst = contained.sort((a, b) => severityRank(b.severity) - severityRank(a.severity))[0];
  if (worst !== undefined) return { path, relation: 'contains', sensitive: worst, public: false };
  return undefined;
}
