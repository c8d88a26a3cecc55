import { apiGroup, isRecord, type Resource } from '../model/resource.js';
import { ApiResourceCatalog } from './api-resources.js';
import { buildRbacModel, type BindingDef, type RbacModel, type RbacModelOptions } from './model.js';
import { parseServiceAccountUserName } from './subjects.js';
import { workloadIdentities, type WorkloadIdentity } from './workloads.js';

/** A ServiceAccount the input knows of, and where it is mentioned. */
export interface KnownServiceAccount {
  namespace: string;
  name: string;
  /** The ServiceAccount object, when the input holds it. */
  resource: Resource | undefined;
  /** Workloads whose pods run as it. */
  workloads: WorkloadIdentity[];
}

/**
 * A Secret of type `kubernetes.io/service-account-token`: the token controller writes a
 * long-lived token of the annotated ServiceAccount into it, readable by whoever can read the
 * Secret.
 */
export interface TokenSecret {
  resource: Resource;
  namespace: string;
  serviceAccount: string;
}

/** What the RBAC queries and the escalation search need, built once from the input. */
export interface RbacAnalysis {
  resources: readonly Resource[];
  model: RbacModel;
  workloads: readonly WorkloadIdentity[];
  catalog: ApiResourceCatalog;
  /** Every ServiceAccount the input names (objects, binding subjects, workloads, token Secrets), sorted by namespace and name. */
  serviceAccounts: readonly KnownServiceAccount[];
  tokenSecrets: readonly TokenSecret[];
}

export const SERVICE_ACCOUNT_TOKEN_TYPE = 'kubernetes.io/service-account-token';
const SERVICE_ACCOUNT_NAME_ANNOTATION = 'kubernetes.io/service-account.name';

function tokenSecretOf(resource: Resource): TokenSecret | undefined {
  if (resource.kind !== 'Secret' || apiGroup(resource.apiVersion) !== '' || resource.object.type !== SERVICE_ACCOUNT_TOKEN_TYPE) return undefined;
  const metadata = isRecord(resource.object.metadata) ? resource.object.metadata : {};
  const annotations = isRecord(metadata.annotations) ? metadata.annotations : {};
  const account = annotations[SERVICE_ACCOUNT_NAME_ANNOTATION];
  if (typeof account !== 'string' || account === '') return undefined;
  return { resource, namespace: resource.namespace ?? 'default', serviceAccount: account };
}

/** The ServiceAccounts bindings name, as subjects or as users of the `system:serviceaccount:` form. */
function boundServiceAccounts(bindings: readonly BindingDef[]): { namespace: string; name: string }[] {
  const out: { namespace: string; name: string }[] = [];
  for (const binding of bindings) {
    for (const { subject } of binding.subjects) {
      if (subject?.kind === 'ServiceAccount') out.push({ namespace: subject.namespace, name: subject.name });
      else if (subject?.kind === 'User') {
        const account = parseServiceAccountUserName(subject.name);
        if (account !== undefined) out.push(account);
      }
    }
  }
  return out;
}

export interface RbacAnalysisOptions extends RbacModelOptions {
  /** The RBAC model of the same resources, when the caller has built it already (the scan's RBAC checks share one). */
  model?: RbacModel;
}

/** Builds the RBAC model of the input with its workloads, ServiceAccounts, token Secrets and resource types. */
export function buildRbacAnalysis(resources: readonly Resource[], options: RbacAnalysisOptions = {}): RbacAnalysis {
  const model = options.model ?? buildRbacModel(resources, options);
  const workloads = workloadIdentities(resources);
  const tokenSecrets = resources.flatMap((resource) => tokenSecretOf(resource) ?? []);
  const accounts = new Map<string, KnownServiceAccount>();
  const note = (namespace: string, name: string): KnownServiceAccount => {
    const key = `${namespace}/${name}`;
    let known = accounts.get(key);
    if (known === undefined) {
      known = { namespace, name, resource: undefined, workloads: [] };
      accounts.set(key, known);
    }
    return known;
  };
  for (const resource of resources) {
    if (resource.kind === 'ServiceAccount' && apiGroup(resource.apiVersion) === '') note(resource.namespace ?? 'default', resource.name).resource = resource;
  }
  for (const account of boundServiceAccounts(model.bindings)) note(account.namespace, account.name);
  for (const workload of workloads) note(workload.serviceAccount.namespace, workload.serviceAccount.name).workloads.push(workload);
  for (const secret of tokenSecrets) note(secret.namespace, secret.serviceAccount);
  const serviceAccounts = [...accounts.values()].sort((a, b) => compareText(a.namespace, b.namespace) || compareText(a.name, b.name));
  return { resources, model, workloads, catalog: new ApiResourceCatalog(resources), serviceAccounts, tokenSecrets };
}

/** Code-point order, the same on every machine (unlike `localeCompare`). */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
