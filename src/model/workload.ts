import type { Path } from '../yaml/path.js';
import { isRecord, type Resource } from './resource.js';

export type ContainerKind = 'containers' | 'initContainers' | 'ephemeralContainers';

export interface ContainerRef {
  kind: ContainerKind;
  index: number;
  /** The container's name, or `<kind>[index]` when it has none. */
  name: string;
  container: Record<string, unknown>;
  /** Path of the container inside the resource. */
  path: Path;
}

/** The pod spec a resource runs, and where it sits. */
export interface PodSpecRef {
  spec: Record<string, unknown>;
  /** Path of the pod spec inside the resource (`spec`, `spec.template.spec`, …). */
  path: Path;
  /** Metadata of the pod (template), where pod annotations live. */
  metadata: Record<string, unknown>;
  metadataPath: Path;
  containers: ContainerRef[];
}

/** Where the pod template lies in each workload kind, keyed by kind (and group where kinds clash). */
const TEMPLATE_PATHS: Record<string, Path> = {
  Deployment: ['spec', 'template'],
  StatefulSet: ['spec', 'template'],
  DaemonSet: ['spec', 'template'],
  ReplicaSet: ['spec', 'template'],
  ReplicationController: ['spec', 'template'],
  Job: ['spec', 'template'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template'],
  PodTemplate: ['template'],
  // Argo Rollouts and OpenShift DeploymentConfig carry a standard pod template.
  Rollout: ['spec', 'template'],
  DeploymentConfig: ['spec', 'template'],
};

/** Whether a resource runs pods: a built-in workload kind, or a kind the policy declares. */
export function isWorkload(resource: Resource): boolean {
  return resource.podTemplatePath !== undefined || WORKLOAD_SET.has(resource.kind);
}

/** Kinds whose objects run pods. */
export const WORKLOAD_KINDS: readonly string[] = ['Pod', ...Object.keys(TEMPLATE_PATHS)];
const WORKLOAD_SET = new Set(WORKLOAD_KINDS);

function get(object: unknown, path: Path): unknown {
  let node = object;
  for (const segment of path) {
    if (!isRecord(node)) return undefined;
    node = node[segment as string];
  }
  return node;
}

/**
 * The pod spec of a workload, or undefined for kinds that run no pods (and for workloads
 * without a template, such as a Rollout that refers to a Deployment by `workloadRef`).
 */
export function podSpecOf(resource: Resource, extraTemplatePaths?: Readonly<Record<string, Path>>): PodSpecRef | undefined {
  if (extraTemplatePaths !== undefined) return extractPodSpec(resource, extraTemplatePaths);
  // Most kinds run no pods: nothing to find or remember.
  if (!isWorkload(resource)) return undefined;
  // Many checks ask for the same resource's pod spec: extract it once.
  let pod = podSpecs.get(resource);
  if (pod === undefined && !podSpecs.has(resource)) {
    pod = extractPodSpec(resource, {});
    podSpecs.set(resource, pod);
  }
  return pod;
}

const podSpecs = new WeakMap<Resource, PodSpecRef | undefined>();

function extractPodSpec(resource: Resource, extraTemplatePaths: Readonly<Record<string, Path>>): PodSpecRef | undefined {
  const object = resource.object;
  let specPath: Path;
  let metadataPath: Path;
  if (resource.kind === 'Pod') {
    specPath = ['spec'];
    metadataPath = ['metadata'];
  } else {
    const templatePath = extraTemplatePaths[resource.kind] ?? resource.podTemplatePath ?? TEMPLATE_PATHS[resource.kind];
    if (templatePath === undefined) return undefined;
    specPath = [...templatePath, 'spec'];
    metadataPath = [...templatePath, 'metadata'];
  }
  const spec = get(object, specPath);
  if (!isRecord(spec)) return undefined;
  const metadata = get(object, metadataPath);
  const containers: ContainerRef[] = [];
  for (const kind of ['initContainers', 'containers', 'ephemeralContainers'] as const) {
    const list = spec[kind];
    if (!Array.isArray(list)) continue;
    list.forEach((container: unknown, index) => {
      if (!isRecord(container)) return;
      containers.push({
        kind,
        index,
        name: typeof container.name === 'string' && container.name !== '' ? container.name : `${kind}[${index}]`,
        container,
        path: [...specPath, kind, index],
      });
    });
  }
  return { spec, path: specPath, metadata: isRecord(metadata) ? metadata : {}, metadataPath, containers };
}
