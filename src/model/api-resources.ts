/** One built-in resource type. */
export interface BuiltinResource {
  /** API group; `''` is the core group. */
  group: string;
  /** Plural name, as rules and URLs write it. */
  resource: string;
  /** Kind of its objects; absent for what only authorization knows (users, groups, signers…). */
  kind?: string;
  namespaced: boolean;
  /** Singular and short names kubectl accepts (`pod`, `po`). */
  aliases: readonly string[];
  /** The release that stopped serving it, for a type only older clusters have. */
  removedIn?: string;
}

type Row = readonly [resource: string, kind: string | undefined, namespaced: boolean, ...aliases: string[]];

/** Rows by group, in the order a bare name is resolved (core group first). */
const ROWS: ReadonlyArray<readonly [group: string, rows: readonly Row[]]> = [
  [
    '',
    [
      ['pods', 'Pod', true, 'pod', 'po'],
      ['services', 'Service', true, 'service', 'svc'],
      ['endpoints', 'Endpoints', true, 'ep'],
      ['configmaps', 'ConfigMap', true, 'configmap', 'cm'],
      ['secrets', 'Secret', true, 'secret'],
      ['serviceaccounts', 'ServiceAccount', true, 'serviceaccount', 'sa'],
      ['persistentvolumeclaims', 'PersistentVolumeClaim', true, 'persistentvolumeclaim', 'pvc'],
      ['replicationcontrollers', 'ReplicationController', true, 'replicationcontroller', 'rc'],
      ['events', 'Event', true, 'event', 'ev'],
      ['limitranges', 'LimitRange', true, 'limitrange', 'limits'],
      ['resourcequotas', 'ResourceQuota', true, 'resourcequota', 'quota'],
      ['podtemplates', 'PodTemplate', true, 'podtemplate'],
      ['bindings', 'Binding', true, 'binding'],
      ['nodes', 'Node', false, 'node', 'no'],
      ['namespaces', 'Namespace', false, 'namespace', 'ns'],
      ['persistentvolumes', 'PersistentVolume', false, 'persistentvolume', 'pv'],
      ['componentstatuses', 'ComponentStatus', false, 'componentstatus', 'cs'],
      // Not stored objects: what impersonation is authorized against.
      ['users', undefined, false, 'user'],
      ['groups', undefined, false, 'group'],
      ['uids', undefined, false],
      ['userextras', undefined, false],
    ],
  ],
  [
    'apps',
    [
      ['deployments', 'Deployment', true, 'deployment', 'deploy'],
      ['daemonsets', 'DaemonSet', true, 'daemonset', 'ds'],
      ['statefulsets', 'StatefulSet', true, 'statefulset', 'sts'],
      ['replicasets', 'ReplicaSet', true, 'replicaset', 'rs'],
      ['controllerrevisions', 'ControllerRevision', true, 'controllerrevision'],
    ],
  ],
  [
    'batch',
    [
      ['jobs', 'Job', true, 'job'],
      ['cronjobs', 'CronJob', true, 'cronjob', 'cj'],
    ],
  ],
  ['autoscaling', [['horizontalpodautoscalers', 'HorizontalPodAutoscaler', true, 'horizontalpodautoscaler', 'hpa']]],
  [
    'policy',
    [
      ['poddisruptionbudgets', 'PodDisruptionBudget', true, 'poddisruptionbudget', 'pdb'],
      // Removed in v1.25; older manifests and roles still name it.
      ['podsecuritypolicies', 'PodSecurityPolicy', false, 'podsecuritypolicy', 'psp'],
    ],
  ],
  ['discovery.k8s.io', [['endpointslices', 'EndpointSlice', true, 'endpointslice']]],
  ['coordination.k8s.io', [['leases', 'Lease', true, 'lease']]],
  ['events.k8s.io', [['events', 'Event', true]]],
  [
    'networking.k8s.io',
    [
      ['ingresses', 'Ingress', true, 'ingress', 'ing'],
      ['networkpolicies', 'NetworkPolicy', true, 'networkpolicy', 'netpol'],
      ['ingressclasses', 'IngressClass', false, 'ingressclass'],
      ['ipaddresses', 'IPAddress', false, 'ipaddress'],
      ['servicecidrs', 'ServiceCIDR', false, 'servicecidr'],
    ],
  ],
  [
    'rbac.authorization.k8s.io',
    [
      ['roles', 'Role', true, 'role'],
      ['rolebindings', 'RoleBinding', true, 'rolebinding'],
      ['clusterroles', 'ClusterRole', false, 'clusterrole'],
      ['clusterrolebindings', 'ClusterRoleBinding', false, 'clusterrolebinding'],
    ],
  ],
  [
    'admissionregistration.k8s.io',
    [
      ['mutatingwebhookconfigurations', 'MutatingWebhookConfiguration', false, 'mutatingwebhookconfiguration'],
      ['validatingwebhookconfigurations', 'ValidatingWebhookConfiguration', false, 'validatingwebhookconfiguration'],
      ['validatingadmissionpolicies', 'ValidatingAdmissionPolicy', false, 'validatingadmissionpolicy'],
      ['validatingadmissionpolicybindings', 'ValidatingAdmissionPolicyBinding', false, 'validatingadmissionpolicybinding'],
      ['mutatingadmissionpolicies', 'MutatingAdmissionPolicy', false, 'mutatingadmissionpolicy'],
      ['mutatingadmissionpolicybindings', 'MutatingAdmissionPolicyBinding', false, 'mutatingadmissionpolicybinding'],
    ],
  ],
  [
    'certificates.k8s.io',
    [
      ['certificatesigningrequests', 'CertificateSigningRequest', false, 'certificatesigningrequest', 'csr'],
      ['signers', undefined, false],
      ['clustertrustbundles', 'ClusterTrustBundle', false, 'clustertrustbundle'],
    ],
  ],
  [
    'storage.k8s.io',
    [
      ['storageclasses', 'StorageClass', false, 'storageclass', 'sc'],
      ['csidrivers', 'CSIDriver', false, 'csidriver'],
      ['csinodes', 'CSINode', false, 'csinode'],
      ['volumeattachments', 'VolumeAttachment', false, 'volumeattachment'],
      ['volumeattributesclasses', 'VolumeAttributesClass', false, 'volumeattributesclass'],
      ['csistoragecapacities', 'CSIStorageCapacity', true, 'csistoragecapacity'],
    ],
  ],
  ['apiextensions.k8s.io', [['customresourcedefinitions', 'CustomResourceDefinition', false, 'customresourcedefinition', 'crd', 'crds']]],
  ['apiregistration.k8s.io', [['apiservices', 'APIService', false, 'apiservice']]],
  ['scheduling.k8s.io', [['priorityclasses', 'PriorityClass', false, 'priorityclass', 'pc']]],
  ['node.k8s.io', [['runtimeclasses', 'RuntimeClass', false, 'runtimeclass']]],
  [
    'flowcontrol.apiserver.k8s.io',
    [
      ['flowschemas', 'FlowSchema', false, 'flowschema'],
      ['prioritylevelconfigurations', 'PriorityLevelConfiguration', false, 'prioritylevelconfiguration'],
    ],
  ],
  [
    'resource.k8s.io',
    [
      ['deviceclasses', 'DeviceClass', false, 'deviceclass'],
      ['resourceclaims', 'ResourceClaim', true, 'resourceclaim'],
      ['resourceclaimtemplates', 'ResourceClaimTemplate', true, 'resourceclaimtemplate'],
      ['resourceslices', 'ResourceSlice', false, 'resourceslice'],
    ],
  ],
  [
    'authentication.k8s.io',
    [
      ['tokenreviews', 'TokenReview', false],
      ['selfsubjectreviews', 'SelfSubjectReview', false],
    ],
  ],
  [
    'authorization.k8s.io',
    [
      ['subjectaccessreviews', 'SubjectAccessReview', false],
      ['selfsubjectaccessreviews', 'SelfSubjectAccessReview', false],
      ['selfsubjectrulesreviews', 'SelfSubjectRulesReview', false],
      ['localsubjectaccessreviews', 'LocalSubjectAccessReview', true],
    ],
  ],
];

/** Types current releases no longer serve, by `group/resource`. */
const REMOVED_IN: Readonly<Record<string, string>> = { 'policy/podsecuritypolicies': 'v1.25' };

/**
 * The built-in resource types of current Kubernetes releases (what `kubectl api-resources`
 * lists on a plain cluster), plus PodSecurityPolicy, which older manifests still hold. Without
 * a cluster to ask for discovery, this one table is how a kind becomes a plural resource
 * (admission rules name `deployments`, manifests name `Deployment`), how `pods`, `po` or
 * `deploy` become a group, a plural and a scope (RBAC rules and queries), and which kinds of a
 * manifest live outside namespaces.
 */
export const BUILTIN_RESOURCES: readonly BuiltinResource[] = ROWS.flatMap(([group, rows]) =>
  rows.map(([resource, kind, namespaced, ...aliases]): BuiltinResource => {
    const type: BuiltinResource = { group, resource, namespaced, aliases };
    if (kind !== undefined) type.kind = kind;
    const removedIn = REMOVED_IN[`${group}/${resource}`];
    if (removedIn !== undefined) type.removedIn = removedIn;
    return type;
  }),
);
