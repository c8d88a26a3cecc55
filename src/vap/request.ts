/**
 * What the API server hands a ValidatingAdmissionPolicy: the object as stored (after the
 * handler and defaulting touched it), the `request` variable, and `namespaceObject`. For the
 * scan every resource is a CREATE; the webhook passes real requests.
 */
import { appendTo } from '../model/lists.js';
import { isRecord, type KubernetesObject, type Resource } from '../model/resource.js';
import { parseApiVersion, type ResourceCatalog } from './resources.js';
import type { AdmissionCluster, AdmissionRequestInput, AdmissionUserInfo } from './types.js';
import type { PolicyInput } from './validate.js';

/** The label the API server puts on every Namespace. */
export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

/** Who the scan pretends creates its resources. */
export const DEFAULT_USER: AdmissionUserInfo = { username: 'bulwark', groups: ['system:authenticated'] };

const REPLICATED_KINDS = new Set(['apps/Deployment', 'apps/ReplicaSet', 'apps/StatefulSet', '/ReplicationController']);

function withMetadata(object: KubernetesObject, change: (metadata: Record<string, unknown>) => void): KubernetesObject {
  const metadata = { ...(isRecord(object.metadata) ? object.metadata : {}) };
  change(metadata);
  return { ...object, metadata };
}

/**
 * The object as validating admission sees it on CREATE: `metadata.namespace` set to the
 * request's namespace (cleared for cluster-scoped kinds), a Namespace carrying its
 * `kubernetes.io/metadata.name` label, and `spec.replicas` defaulted to 1 for Deployments,
 * ReplicaSets, StatefulSets and ReplicationControllers. Other defaults are not applied.
 * The input is not modified; unchanged objects are returned as they are.
 */
export function storedObjectView(object: KubernetesObject, namespace: string): KubernetesObject {
  let view = object;
  const { group } = parseApiVersion(object.apiVersion);
  const metadata = isRecord(object.metadata) ? object.metadata : {};
  if (group === '' && object.kind === 'Namespace') {
    const name = typeof metadata.name === 'string' ? metadata.name : '';
    const labels = isRecord(metadata.labels) ? metadata.labels : {};
    if (labels[NAMESPACE_NAME_LABEL] !== name) view = withMetadata(view, (m) => (m.labels = { ...labels, [NAMESPACE_NAME_LABEL]: name }));
    if ('namespace' in metadata) view = withMetadata(view, (m) => delete m.namespace);
  } else if (namespace === '') {
    if ('namespace' in metadata) view = withMetadata(view, (m) => delete m.namespace);
  } else if (metadata.namespace !== namespace) {
    view = withMetadata(view, (m) => (m.namespace = namespace));
  }
  if (REPLICATED_KINDS.has(`${group}/${object.kind}`) && isRecord(object.spec) && object.spec.replicas === undefined) {
    view = { ...view, spec: { ...object.spec, replicas: 1 } };
  }
  return view;
}

/** The CREATE request the API server would build for a scanned resource. */
export function createRequestFor(resource: Resource, catalog: ResourceCatalog, user: AdmissionUserInfo): AdmissionRequestInput {
  const { group, version } = parseApiVersion(resource.apiVersion);
  const info = catalog.lookup(group, resource.kind);
  const metadata = isRecord(resource.object.metadata) ? resource.object.metadata : {};
  const name = typeof metadata.name === 'string' ? metadata.name : '';
  // For a Namespace the API server uses its own name as the request's namespace.
  const namespace = group === '' && resource.kind === 'Namespace' ? name : info.namespaced ? (resource.namespace ?? 'default') : '';
  return {
    operation: 'CREATE',
    kind: { group, version, kind: resource.kind },
    resource: { group, version, resource: info.resource },
    name,
    namespace,
    object: storedObjectView(resource.object, info.namespaced ? namespace : ''),
    oldObject: null,
    userInfo: user,
    dryRun: false,
    options: { kind: 'CreateOptions', apiVersion: 'meta.k8s.io/v1' },
  };
}

/**
 * The `request` variable: an `admission.k8s.io/v1` AdmissionRequest without `uid`, `object`
 * and `oldObject`, with empty optional fields left out as in its JSON form.
 */
function requestVariable(request: AdmissionRequestInput): Record<string, unknown> {
  const userInfo: Record<string, unknown> = { username: request.userInfo.username };
  if (request.userInfo.uid !== undefined && request.userInfo.uid !== '') userInfo.uid = request.userInfo.uid;
  if (request.userInfo.groups !== undefined && request.userInfo.groups.length > 0) userInfo.groups = [...request.userInfo.groups];
  if (request.userInfo.extra !== undefined && Object.keys(request.userInfo.extra).length > 0) userInfo.extra = request.userInfo.extra;
  const out: Record<string, unknown> = {
    kind: { ...request.kind },
    resource: { ...request.resource },
    requestKind: { ...request.kind },
    requestResource: { ...request.resource },
  };
  if (request.subResource !== undefined && request.subResource !== '') {
    out.subResource = request.subResource;
    out.requestSubResource = request.subResource;
  }
  if (request.name !== undefined && request.name !== '') out.name = request.name;
  if (request.namespace !== undefined && request.namespace !== '') out.namespace = request.namespace;
  out.operation = request.operation;
  out.userInfo = userInfo;
  out.dryRun = request.dryRun ?? false;
  out.options = request.options ?? null;
  return out;
}

/**
 * The `namespaceObject` variable: the Namespace with only the fields the API server exposes
 * (metadata without managedFields and ownerReferences, spec, status). A namespace missing
 * from the input is synthesized as the API server would store an empty one.
 */
function namespaceVariable(name: string, namespace: KubernetesObject | undefined): Record<string, unknown> {
  const metadata = namespace !== undefined && isRecord(namespace.metadata) ? namespace.metadata : {};
  const labels = isRecord(metadata.labels) ? metadata.labels : {};
  const exposed: Record<string, unknown> = { name };
  for (const key of ['generateName', 'uid', 'resourceVersion', 'generation', 'creationTimestamp', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'annotations', 'finalizers']) {
    if (metadata[key] !== undefined && metadata[key] !== null) exposed[key] = metadata[key];
  }
  exposed.labels = { ...labels, [NAMESPACE_NAME_LABEL]: name };
  return {
    metadata: exposed,
    spec: namespace !== undefined && isRecord(namespace.spec) ? namespace.spec : { finalizers: ['kubernetes'] },
    status: namespace !== undefined && isRecord(namespace.status) ? namespace.status : { phase: 'Active' },
  };
}

/**
 * What a policy's CEL sees for a request, `params` aside: `object` and `oldObject` as the request
 * carries them, the `request` variable, and `namespaceObject`, which the API server gives for the
 * request's namespace except for a Namespace itself (null then, and for cluster-scoped objects).
 * `namespaceOf` finds a Namespace in the input by name.
 */
export function admissionVariables(request: AdmissionRequestInput, namespaceOf: (name: string) => KubernetesObject | undefined): Omit<PolicyInput, 'params'> {
  const isNamespaceKind = request.kind.group === '' && request.kind.version === 'v1' && request.kind.kind === 'Namespace';
  const namespaceName = isNamespaceKind ? '' : (request.namespace ?? '');
  return {
    object: request.object,
    oldObject: request.oldObject,
    request: requestVariable(request),
    namespaceObject: namespaceName === '' ? null : namespaceVariable(namespaceName, namespaceOf(namespaceName)),
  };
}

/**
 * Answers admission's questions from the scanned resources: Namespaces by name, parameter
 * objects by kind and namespace, and scopes from the catalog (CRDs in the input included).
 */
export function clusterFromResources(resources: readonly Resource[], catalog: ResourceCatalog): AdmissionCluster {
  const namespaces = new Map<string, KubernetesObject>();
  const byKind = new Map<string, Resource[]>();
  for (const resource of resources) {
    if (resource.apiVersion === 'v1' && resource.kind === 'Namespace') namespaces.set(resource.name, resource.object);
    appendTo(byKind, `${resource.apiVersion}/${resource.kind}`, resource);
  }
  const views = new Map<Resource, KubernetesObject>();
  const viewOf = (resource: Resource, namespaced: boolean): KubernetesObject => {
    let view = views.get(resource);
    if (view === undefined) {
      view = storedObjectView(resource.object, namespaced ? (resource.namespace ?? 'default') : '');
      views.set(resource, view);
    }
    return view;
  };
  return {
    namespace: (name) => namespaces.get(name),
    params: (apiVersion, kind, namespace) => {
      const namespaced = catalog.lookup(parseApiVersion(apiVersion).group, kind).namespaced;
      const candidates = byKind.get(`${apiVersion}/${kind}`) ?? [];
      return candidates.filter((resource) => namespace === undefined || !namespaced || (resource.namespace ?? 'default') === namespace).map((resource) => viewOf(resource, namespaced));
    },
    isNamespaced: (group, kind) => catalog.lookup(group, kind).namespaced,
  };
}
