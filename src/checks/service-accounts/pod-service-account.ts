import { isRecord, type Resource } from '../../model/resource.js';
import type { PodSpecRef } from '../../model/workload.js';
import type { Path } from '../../yaml/path.js';
import type { ResourceIndex } from '../shared/resource-index.js';

const RBAC_GROUP = 'rbac.authorization.k8s.io';

/** The ServiceAccount a pod runs as, and the field that names it (or should). */
export interface PodServiceAccount {
  name: string;
  /** `serviceAccountName`, the deprecated `serviceAccount`, or neither (the pod falls back to `default`). */
  source: 'serviceAccountName' | 'serviceAccount' | 'unset';
  path: Path;
}

/**
 * Resolves the pod's ServiceAccount as the API server does: `serviceAccountName`, else the
 * deprecated `serviceAccount` (copied into it), else `default`.
 */
export function podServiceAccount(podSpec: PodSpecRef): PodServiceAccount {
  for (const field of ['serviceAccountName', 'serviceAccount'] as const) {
    const value = podSpec.spec[field];
    if (typeof value === 'string' && value !== '') return { name: value, source: field, path: [...podSpec.path, field] };
  }
  return { name: 'default', source: 'unset', path: [...podSpec.path, 'serviceAccountName'] };
}

/** Whether the pod gets the API token mounted automatically, and which setting decided it. */
export interface TokenAutomount {
  mounted: boolean;
  /** The pod's field overrides the ServiceAccount's; with neither, Kubernetes mounts the token. */
  decidedBy: 'pod' | 'service-account' | 'default';
}

export function tokenAutomount(podSpec: PodSpecRef, serviceAccount: Resource | undefined): TokenAutomount {
  const own = podSpec.spec.automountServiceAccountToken;
  if (typeof own === 'boolean') return { mounted: own, decidedBy: 'pod' };
  const inherited = serviceAccount?.object.automountServiceAccountToken;
  if (typeof inherited === 'boolean') return { mounted: inherited, decidedBy: 'service-account' };
  return { mounted: true, decidedBy: 'default' };
}

/** Whether a volume of the pod projects a ServiceAccount token explicitly, which automount settings do not affect. */
export function projectsServiceAccountToken(podSpec: PodSpecRef): boolean {
  const volumes = Array.isArray(podSpec.spec.volumes) ? podSpec.spec.volumes : [];
  return volumes.some(
    (volume) =>
      isRecord(volume) &&
      isRecord(volume.projected) &&
      Array.isArray(volume.projected.sources) &&
      volume.projected.sources.some((source) => isRecord(source) && isRecord(source.serviceAccountToken)),
  );
}

/** Whether the pod holds an API token at all: mounted automatically or projected by a volume. */
export function holdsServiceAccountToken(podSpec: PodSpecRef, serviceAccount: Resource | undefined): boolean {
  return tokenAutomount(podSpec, serviceAccount).mounted || projectsServiceAccountToken(podSpec);
}

/**
 * The RoleBindings and ClusterRoleBindings of the input that grant something to this
 * ServiceAccount by name. A ServiceAccount subject of a RoleBinding without a namespace
 * means the binding's own namespace. Grants to groups (`system:serviceaccounts`) are not
 * counted: they say nothing about what this workload needs.
 */
export function bindingsOf(index: ResourceIndex, namespace: string | undefined, name: string): Resource[] {
  const bindings = [...index.ofKind('RoleBinding', RBAC_GROUP), ...index.ofKind('ClusterRoleBinding', RBAC_GROUP)];
  return bindings.filter((binding) => {
    const subjects = Array.isArray(binding.object.subjects) ? binding.object.subjects : [];
    return subjects.some((subject) => {
      if (!isRecord(subject) || subject.kind !== 'ServiceAccount' || subject.name !== name) return false;
      const subjectNamespace = typeof subject.namespace === 'string' && subject.namespace !== '' ? subject.namespace : binding.kind === 'RoleBinding' ? binding.namespace : undefined;
      return subjectNamespace === namespace;
    });
  });
}
