import { apiGroup, isRecord, type Resource } from '../model/resource.js';
import { podSpecOf, WORKLOAD_KINDS, type PodSpecRef } from '../model/workload.js';
import type { Path } from '../yaml/path.js';
import { serviceAccountIdentity } from './subjects.js';
import type { UserInfo } from './types.js';
import { rememberedPer } from '../model/memo.js';

/** The ServiceAccount a workload's pods run as, and the field that names it (or would). */
export interface WorkloadServiceAccount {
  namespace: string;
  name: string;
  /** `serviceAccountName`, the deprecated `serviceAccount` (which the API server copies over), or neither: `default`. */
  source: 'serviceAccountName' | 'serviceAccount' | 'default';
  /** Path of the naming field inside the workload; for `default`, where `serviceAccountName` would go. */
  path: Path;
}

export function workloadServiceAccount(resource: Resource, podSpec: PodSpecRef): WorkloadServiceAccount {
  const namespace = resource.namespace ?? 'default';
  for (const field of ['serviceAccountName', 'serviceAccount'] as const) {
    const value = podSpec.spec[field];
    if (typeof value === 'string' && value !== '') return { namespace, name: value, source: field, path: [...podSpec.path, field] };
  }
  return { namespace, name: 'default', source: 'default', path: [...podSpec.path, 'serviceAccountName'] };
}

/** Whether the pods hold an API token of their ServiceAccount, and what decided it. */
export interface ApiToken {
  held: boolean;
  /** The automatically mounted token, or a projected `serviceAccountToken` volume for the API server's audience. */
  via: 'automount' | 'projected-volume' | undefined;
  /** What decided automounting: the pod's `automountServiceAccountToken` overrides the ServiceAccount's; with neither, the token is mounted. */
  automountDecidedBy: 'pod' | 'service-account' | 'default';
}

/**
 * Whether a pod's token can be used against the API server. A projected `serviceAccountToken`
 * without `audience` is issued for the API server, whatever the automount settings say; one
 * with another audience is meant for some other service and is not counted.
 */
export function apiTokenOf(podSpec: PodSpecRef, serviceAccount: Resource | undefined): ApiToken {
  const own = podSpec.spec.automountServiceAccountToken;
  const inherited = serviceAccount?.object.automountServiceAccountToken;
  let automount: boolean;
  let automountDecidedBy: ApiToken['automountDecidedBy'];
  if (typeof own === 'boolean') [automount, automountDecidedBy] = [own, 'pod'];
  else if (typeof inherited === 'boolean') [automount, automountDecidedBy] = [inherited, 'service-account'];
  else [automount, automountDecidedBy] = [true, 'default'];
  if (automount) return { held: true, via: 'automount', automountDecidedBy };
  if (projectsApiServerToken(podSpec)) return { held: true, via: 'projected-volume', automountDecidedBy };
  return { held: false, via: undefined, automountDecidedBy };
}

function projectsApiServerToken(podSpec: PodSpecRef): boolean {
  const volumes = Array.isArray(podSpec.spec.volumes) ? podSpec.spec.volumes : [];
  return volumes.some((volume: unknown) => {
    if (!isRecord(volume) || !isRecord(volume.projected) || !Array.isArray(volume.projected.sources)) return false;
    return volume.projected.sources.some((source: unknown) => {
      if (!isRecord(source) || !isRecord(source.serviceAccountToken)) return false;
      const audience = source.serviceAccountToken.audience;
      return audience === undefined || audience === '';
    });
  });
}

/** A workload with the identity its pods act as. */
export interface WorkloadIdentity {
  resource: Resource;
  podSpec: PodSpecRef;
  serviceAccount: WorkloadServiceAccount;
  /** The ServiceAccount object, when the input holds it. */
  serviceAccountResource: Resource | undefined;
  token: ApiToken;
  identity: UserInfo;
}

const WORKLOADS = new Set(WORKLOAD_KINDS);

/**
 * Every workload of the input (everything that runs pods and has a pod template), with its
 * ServiceAccount and token; worked out once per input, for the analysis and the token check alike.
 */
export const workloadIdentities: (resources: readonly Resource[]) => readonly WorkloadIdentity[] = rememberedPer(findWorkloadIdentities);

function findWorkloadIdentities(resources: readonly Resource[]): WorkloadIdentity[] {
  const serviceAccounts = new Map<string, Resource>();
  for (const resource of resources) {
    if (resource.kind === 'ServiceAccount' && apiGroup(resource.apiVersion) === '') serviceAccounts.set(`${resource.namespace ?? ''}/${resource.name}`, resource);
  }
  const out: WorkloadIdentity[] = [];
  for (const resource of resources) {
    if (!WORKLOADS.has(resource.kind)) continue;
    const podSpec = podSpecOf(resource);
    if (podSpec === undefined) continue;
    const serviceAccount = workloadServiceAccount(resource, podSpec);
    const serviceAccountResource = serviceAccounts.get(`${serviceAccount.namespace}/${serviceAccount.name}`);
    out.push({
      resource,
      podSpec,
      serviceAccount,
      serviceAccountResource,
      token: apiTokenOf(podSpec, serviceAccountResource),
      identity: serviceAccountIdentity(serviceAccount.namespace, serviceAccount.name),
    });
  }
  return out;
}
