import { isRecord, type Resource } from '../model/resource.js';
import { WILDCARD } from './types.js';

/** A resource type the API server serves: its plural name, API group and whether objects live in namespaces. */
export interface ApiResource {
  group: string;
  resource: string;
  namespaced: boolean;
  /** Singular and short names kubectl accepts (`pod`, `po`). */
  aliases?: readonly string[];
}

const core = (resource: string, namespaced: boolean, ...aliases: string[]): ApiResource => ({ group: '', resource, namespaced, aliases });
const of = (group: string) => (resource: string, namespaced: boolean, ...aliases: string[]): ApiResource => ({ group, resource, namespaced, aliases });
const apps = of('apps');
const batch = of('batch');
const rbac = of('rbac.authorization.k8s.io');
const admission = of('admissionregistration.k8s.io');
const certificates = of('certificates.k8s.io');
const networking = of('networking.k8s.io');
const storage = of('storage.k8s.io');
const authorization = of('authorization.k8s.io');
const authentication = of('authentication.k8s.io');

/**
 * The built-in resource types of current Kubernetes releases (what `kubectl api-resources`
 * lists on a plain cluster), with kubectl's singular and short names. Without a cluster to
 * ask, this is how `pods` or `deploy` become a group, a plural and a scope.
 */
export const BUILTIN_API_RESOURCES: readonly ApiResource[] = [
  core('pods', true, 'pod', 'po'),
  core('services', true, 'service', 'svc'),
  core('endpoints', true, 'ep'),
  core('configmaps', true, 'configmap', 'cm'),
  core('secrets', true, 'secret'),
  core('serviceaccounts', true, 'serviceaccount', 'sa'),
  core('persistentvolumeclaims', true, 'persistentvolumeclaim', 'pvc'),
  core('replicationcontrollers', true, 'replicationcontroller', 'rc'),
  core('events', true, 'event', 'ev'),
  core('limitranges', true, 'limitrange', 'limits'),
  core('resourcequotas', true, 'resourcequota', 'quota'),
  core('podtemplates', true, 'podtemplate'),
  core('bindings', true, 'binding'),
  core('nodes', false, 'node', 'no'),
  core('namespaces', false, 'namespace', 'ns'),
  core('persistentvolumes', false, 'persistentvolume', 'pv'),
  core('componentstatuses', false, 'componentstatus', 'cs'),
  // Not stored objects: what impersonation is authorized against.
  core('users', false, 'user'),
  core('groups', false, 'group'),
  core('uids', false),
  core('userextras', false),
  apps('deployments', true, 'deployment', 'deploy'),
  apps('daemonsets', true, 'daemonset', 'ds'),
  apps('statefulsets', true, 'statefulset', 'sts'),
  apps('replicasets', true, 'replicaset', 'rs'),
  apps('controllerrevisions', true, 'controllerrevision'),
  batch('jobs', true, 'job'),
  batch('cronjobs', true, 'cronjob', 'cj'),
  of('autoscaling')('horizontalpodautoscalers', true, 'horizontalpodautoscaler', 'hpa'),
  of('policy')('poddisruptionbudgets', true, 'poddisruptionbudget', 'pdb'),
  of('discovery.k8s.io')('endpointslices', true, 'endpointslice'),
  of('coordination.k8s.io')('leases', true, 'lease'),
  of('events.k8s.io')('events', true),
  networking('ingresses', true, 'ingress', 'ing'),
  networking('networkpolicies', true, 'networkpolicy', 'netpol'),
  networking('ingressclasses', false, 'ingressclass'),
  networking('ipaddresses', false, 'ipaddress'),
  networking('servicecidrs', false, 'servicecidr'),
  rbac('roles', true, 'role'),
  rbac('rolebindings', true, 'rolebinding'),
  rbac('clusterroles', false, 'clusterrole'),
  rbac('clusterrolebindings', false, 'clusterrolebinding'),
  admission('mutatingwebhookconfigurations', false, 'mutatingwebhookconfiguration'),
  admission('validatingwebhookconfigurations', false, 'validatingwebhookconfiguration'),
  admission('validatingadmissionpolicies', false, 'validatingadmissionpolicy'),
  admission('validatingadmissionpolicybindings', false, 'validatingadmissionpolicybinding'),
  admission('mutatingadmissionpolicies', false, 'mutatingadmissionpolicy'),
  admission('mutatingadmissionpolicybindings', false, 'mutatingadmissionpolicybinding'),
  certificates('certificatesigningrequests', false, 'certificatesigningrequest', 'csr'),
  certificates('signers', false),
  certificates('clustertrustbundles', false, 'clustertrustbundle'),
  storage('storageclasses', false, 'storageclass', 'sc'),
  storage('csidrivers', false, 'csidriver'),
  storage('csinodes', false, 'csinode'),
  storage('volumeattachments', false, 'volumeattachment'),
  storage('volumeattributesclasses', false, 'volumeattributesclass'),
  storage('csistoragecapacities', true, 'csistoragecapacity'),
  of('apiextensions.k8s.io')('customresourcedefinitions', false, 'customresourcedefinition', 'crd', 'crds'),
  of('apiregistration.k8s.io')('apiservices', false, 'apiservice'),
  of('scheduling.k8s.io')('priorityclasses', false, 'priorityclass', 'pc'),
  of('node.k8s.io')('runtimeclasses', false, 'runtimeclass'),
  of('flowcontrol.apiserver.k8s.io')('flowschemas', false, 'flowschema'),
  of('flowcontrol.apiserver.k8s.io')('prioritylevelconfigurations', false, 'prioritylevelconfiguration'),
  of('resource.k8s.io')('deviceclasses', false, 'deviceclass'),
  of('resource.k8s.io')('resourceclaims', true, 'resourceclaim'),
  of('resource.k8s.io')('resourceclaimtemplates', true, 'resourceclaimtemplate'),
  authentication('tokenreviews', false),
  authentication('selfsubjectreviews', false),
  authorization('subjectaccessreviews', false),
  authorization('selfsubjectaccessreviews', false),
  authorization('selfsubjectrulesreviews', false),
  authorization('localsubjectaccessreviews', true),
];

/** Custom resource types defined by CustomResourceDefinitions of the input. */
function customResources(resources: readonly Resource[]): ApiResource[] {
  const out: ApiResource[] = [];
  for (const resource of resources) {
    if (resource.kind !== 'CustomResourceDefinition' || !resource.apiVersion.startsWith('apiextensions.k8s.io/')) continue;
    const spec = isRecord(resource.object.spec) ? resource.object.spec : {};
    const names = isRecord(spec.names) ? spec.names : {};
    if (typeof spec.group !== 'string' || typeof names.plural !== 'string') continue;
    const aliases = [names.singular, ...(Array.isArray(names.shortNames) ? names.shortNames : [])].filter((alias): alias is string => typeof alias === 'string' && alias !== '');
    out.push({ group: spec.group, resource: names.plural, namespaced: spec.scope !== 'Cluster', aliases });
  }
  return out;
}

function nameKey(group: string, resource: string): string {
  return `${group}\u0000${resource}`;
}

/** The resource types a query can name: the built-in ones and those the input's CustomResourceDefinitions define. */
export class ApiResourceCatalog {
  private readonly all: readonly ApiResource[];
  /** By group and plural name, the first of `all` for each: the matrix asks about every resource of every rule. */
  private readonly byName = new Map<string, ApiResource>();

  constructor(resources: readonly Resource[] = []) {
    this.all = [...BUILTIN_API_RESOURCES, ...customResources(resources)];
    for (const type of this.all) {
      const key = nameKey(type.group, type.resource);
      if (!this.byName.has(key)) this.byName.set(key, type);
    }
  }

  /** The type of a plural name in a group, if known. */
  find(group: string, resource: string): ApiResource | undefined {
    return this.byName.get(nameKey(group, resource));
  }

  /**
   * Whether objects of a type live in namespaces. Unknown types are taken to be namespaced,
   * as most custom resources are; `*` is namespaced too, since it covers namespaced types.
   */
  isNamespaced(group: string, resource: string): boolean {
    if (group === WILDCARD || resource === WILDCARD) return true;
    return this.find(group, resource)?.namespaced ?? true;
  }

  /**
   * What `pods`, `po`, `deployments.apps`, `deploy` or `widgets.example.com` stands for, as
   * kubectl resolves a resource argument: `name.group` names the group; a bare name is looked
   * up by plural, then singular and short names (core group first). A bare name nothing
   * knows is taken as a plural of the core group.
   */
  resolve(text: string): { group: string; resource: string; known: boolean } {
    const dot = text.indexOf('.');
    if (dot > 0) {
      const name = text.slice(0, dot);
      const group = text.slice(dot + 1);
      const known = this.all.find((candidate) => candidate.group === group && (candidate.resource === name || candidate.aliases?.includes(name) === true));
      return { group, resource: known?.resource ?? name, known: known !== undefined || name === WILDCARD };
    }
    const byPlural = this.all.find((candidate) => candidate.resource === text);
    const byAlias = byPlural ?? this.all.find((candidate) => candidate.aliases?.includes(text) === true);
    if (byAlias !== undefined) return { group: byAlias.group, resource: byAlias.resource, known: true };
    return { group: '', resource: text, known: text === WILDCARD };
  }
}
