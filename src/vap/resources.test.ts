import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseSource } from '../loader/parse.js';
import { DEFAULT_LIMITS } from '../loader/types.js';
import { extractResources } from '../model/resource.js';
import { guessResource, parseApiVersion, ResourceCatalog } from './resources.js';

describe('parseApiVersion', () => {
  const cases: [string, { group: string; version: string }][] = [
    ['v1', { group: '', version: 'v1' }],
    ['apps/v1', { group: 'apps', version: 'v1' }],
    ['rules.example.com/v1beta1', { group: 'rules.example.com', version: 'v1beta1' }],
  ];
  for (const [apiVersion, expected] of cases) it(apiVersion, () => assert.deepEqual(parseApiVersion(apiVersion), expected));
});

describe('built-in kinds', () => {
  const catalog = new ResourceCatalog();
  const cases: [group: string, kind: string, resource: string, namespaced: boolean][] = [
    ['', 'Pod', 'pods', true],
    ['', 'Endpoints', 'endpoints', true],
    ['', 'Namespace', 'namespaces', false],
    ['', 'ComponentStatus', 'componentstatuses', false],
    ['apps', 'Deployment', 'deployments', true],
    ['apps', 'DaemonSet', 'daemonsets', true],
    ['batch', 'CronJob', 'cronjobs', true],
    ['networking.k8s.io', 'Ingress', 'ingresses', true],
    ['networking.k8s.io', 'NetworkPolicy', 'networkpolicies', true],
    ['networking.k8s.io', 'IngressClass', 'ingressclasses', false],
    ['rbac.authorization.k8s.io', 'ClusterRoleBinding', 'clusterrolebindings', false],
    ['policy', 'PodDisruptionBudget', 'poddisruptionbudgets', true],
    ['admissionregistration.k8s.io', 'ValidatingAdmissionPolicy', 'validatingadmissionpolicies', false],
    ['storage.k8s.io', 'StorageClass', 'storageclasses', false],
    ['storage.k8s.io', 'CSIStorageCapacity', 'csistoragecapacities', true],
    ['autoscaling', 'HorizontalPodAutoscaler', 'horizontalpodautoscalers', true],
    ['events.k8s.io', 'Event', 'events', true],
    ['scheduling.k8s.io', 'PriorityClass', 'priorityclasses', false],
  ];
  for (const [group, kind, resource, namespaced] of cases) {
    it(`${group}/${kind}`, () => assert.deepEqual(catalog.lookup(group, kind), { resource, namespaced, source: 'builtin' }));
  }
});

describe('plural guesses for unknown kinds', () => {
  const cases: [string, string][] = [
    ['ReplicaLimit', 'replicalimits'],
    ['Policy', 'policies'],
    ['Gateway', 'gateways'],
    ['Ingress', 'ingresses'],
    ['Box', 'boxes'],
    ['Batch', 'batches'],
    ['Mesh', 'meshes'],
    ['Quiz', 'quizes'],
    ['ServiceEndpoints', 'serviceendpoints'],
    ['HTTPRoute', 'httproutes'],
  ];
  for (const [kind, resource] of cases) it(`${kind} → ${resource}`, () => assert.equal(guessResource(kind), resource));

  it('is namespaced unless the kind is a known cluster-scoped one', () => {
    const catalog = new ResourceCatalog();
    assert.deepEqual(catalog.lookup('rules.example.com', 'ReplicaLimit'), { resource: 'replicalimits', namespaced: true, source: 'guess' });
    assert.deepEqual(catalog.lookup('cert-manager.io', 'ClusterIssuer'), { resource: 'clusterissuers', namespaced: false, source: 'guess' });
  });
});

describe('CustomResourceDefinitions in the input', () => {
  const yaml = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: replicalimits.rules.example.com
spec:
  group: rules.example.com
  scope: Cluster
  names:
    kind: ReplicaLimit
    plural: replicalimitz
    singular: replicalimit
  versions: [{name: v1, served: true, storage: true}]
`;
  const catalog = ResourceCatalog.fromResources(extractResources(parseSource('crd.yaml', yaml, DEFAULT_LIMITS).documents, 'default').resources);

  it('give the plural and scope exactly', () => {
    assert.deepEqual(catalog.lookup('rules.example.com', 'ReplicaLimit'), { resource: 'replicalimitz', namespaced: false, source: 'crd' });
  });

  it('only for their own group', () => {
    assert.deepEqual(catalog.lookup('other.example.com', 'ReplicaLimit'), { resource: 'replicalimits', namespaced: true, source: 'guess' });
  });
});
