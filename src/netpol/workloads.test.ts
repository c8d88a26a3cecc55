import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { NetpolDiagnostic } from './diagnostics.js';
import { loadInputs } from '../loader/load.js';
import { buildClusterModel, workloadLabel } from './workloads.js';

async function model(yaml: string) {
  const loaded = await loadInputs({ sources: [{ file: 'input.yaml', text: yaml }] });
  const diagnostics: NetpolDiagnostic[] = [];
  return { ...buildClusterModel(loaded.resources, diagnostics), diagnostics, loaded };
}

const podOwnedBy = (name: string, owner: string) => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  namespace: shop
  labels: {app: web}
${owner}spec:
  containers:
  - name: web
    image: web:1
    ports:
    - {name: http, containerPort: 8080}
`;

describe('workloads', () => {
  const cases: { name: string; yaml: string; expected: string[] }[] = [
    { name: 'a bare pod is its own workload', yaml: podOwnedBy('web-1', ''), expected: ['shop/web-1[Pod]'] },
    {
      name: 'pods of a ReplicaSet absent from the input show as that ReplicaSet',
      yaml: [podOwnedBy('web-abc-1', '  ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: web-abc, controller: true}]\n'), podOwnedBy('web-abc-2', '  ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: web-abc, controller: true}]\n')].join('---\n'),
      expected: ['shop/web-abc[ReplicaSet]'],
    },
    {
      name: 'owners present in the input lead to the top owner',
      yaml: [
        podOwnedBy('web-abc-1', '  ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: web-abc, controller: true}]\n'),
        `apiVersion: apps/v1
kind: ReplicaSet
metadata:
  name: web-abc
  namespace: shop
  ownerReferences: [{apiVersion: apps/v1, kind: Deployment, name: web, controller: true}]
spec:
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: web, image: web:1}]}
`,
        `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: web, image: web:1}]}
`,
      ].join('---\n'),
      expected: ['shop/web[Deployment]'],
    },
    {
      name: 'an owner reference that is not the controller does not group',
      yaml: podOwnedBy('web-1', '  ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: web-abc}]\n'),
      expected: ['shop/web-1[Pod]'],
    },
    {
      name: 'static pods owned by their node stand alone',
      yaml: podOwnedBy('etcd-node-1', '  ownerReferences: [{apiVersion: v1, kind: Node, name: node-1, controller: true}]\n'),
      expected: ['shop/etcd-node-1[Pod]'],
    },
    {
      name: 'an owner reference without a kind groups the pods under a Pod-kind name',
      yaml: podOwnedBy('web-1', '  ownerReferences: [{name: internal, controller: true}]\n'),
      expected: ['shop/internal[Pod]'],
    },
    {
      name: 'workload kinds stand for their template',
      yaml: ['StatefulSet', 'DaemonSet', 'Job', 'ReplicationController']
        .map((kind) => `apiVersion: apps/v1\nkind: ${kind}\nmetadata: {name: ${kind.toLowerCase()}, namespace: shop}\nspec:\n  template:\n    metadata: {labels: {app: x}}\n    spec: {containers: [{name: x, image: x}]}\n`)
        .concat('apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: nightly, namespace: shop}\nspec:\n  schedule: "0 0 * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec: {containers: [{name: x, image: x}]}\n')
        .join('---\n'),
      expected: ['shop/statefulset[StatefulSet]', 'shop/daemonset[DaemonSet]', 'shop/job[Job]', 'shop/replicationcontroller[ReplicationController]', 'shop/nightly[CronJob]'],
    },
  ];
  for (const { name, yaml, expected } of cases) it(name, async () => assert.deepEqual((await model(yaml)).workloads.map(workloadLabel), expected));

  it('keeps the labels and container ports of the pods', async () => {
    const { workloads } = await model(podOwnedBy('web-1', ''));
    assert.deepEqual(workloads[0]?.labels, { app: 'web' });
    assert.deepEqual(workloads[0]?.ports, [{ port: 8080, protocol: 'TCP', name: 'http' }]);
  });

  it('pods of one owner with different labels are reported', async () => {
    const owner = '  ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: web-abc, controller: true}]\n';
    const { workloads, diagnostics } = await model([podOwnedBy('web-1', owner), podOwnedBy('web-2', owner).replace('{app: web}', '{app: web, canary: "true"}')].join('---\n'));
    assert.equal(workloads.length, 1);
    assert.deepEqual(
      diagnostics.map((diagnostic) => diagnostic.message),
      ['pods of shop/web-abc[ReplicaSet] have different labels; the labels of the first one read are used for the whole workload'],
    );
  });

  it('namespaces carry their name label; namespaces without an object still exist', async () => {
    const { namespaces } = await model(`apiVersion: v1\nkind: Namespace\nmetadata: {name: ops, labels: {team: ops}}\n---\n${podOwnedBy('web-1', '')}`);
    assert.deepEqual(Object.fromEntries(namespaces), { ops: { team: 'ops', 'kubernetes.io/metadata.name': 'ops' }, shop: { 'kubernetes.io/metadata.name': 'shop' } });
  });

  it('items of kubectl typed lists load without their own kind', async () => {
    const { workloads, loaded } = await model(`kind: PodList
apiVersion: v1
items:
- metadata: {name: a, namespace: shop}
  spec: {containers: [{name: a, image: a}]}
- metadata: {name: b, namespace: shop}
  spec: {containers: [{name: b, image: b}]}
`);
    assert.deepEqual(workloads.map(workloadLabel), ['shop/a[Pod]', 'shop/b[Pod]']);
    assert.deepEqual(loaded.diagnostics, []);
  });
});

describe('workloads of extra kinds', () => {
  const yaml = `apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata: {name: checkout, namespace: shop}
spec:
  template:
    metadata: {labels: {app: checkout}}
    spec: {containers: [{name: checkout, image: checkout:1}]}
---
apiVersion: apps/v1
kind: ReplicaSet
metadata:
  name: checkout-6f9c
  namespace: shop
  ownerReferences: [{apiVersion: argoproj.io/v1alpha1, kind: Rollout, name: checkout, controller: true}]
spec:
  template:
    metadata: {labels: {app: checkout}}
    spec: {containers: [{name: checkout, image: checkout:1}]}
`;

  it('connectivity reports leave a Rollout out and show its ReplicaSet; with extraWorkloadKinds, the ReplicaSet counts under the Rollout', async () => {
    const loaded = await loadInputs({ sources: [{ file: 'input.yaml', text: yaml }] });
    assert.deepEqual(buildClusterModel(loaded.resources, []).workloads.map(workloadLabel), ['shop/checkout-6f9c[ReplicaSet]']);
    const extended = buildClusterModel(loaded.resources, [], { extraWorkloadKinds: new Set(['Rollout']) });
    assert.deepEqual(extended.workloads.map(workloadLabel), ['shop/checkout[Rollout]']);
    assert.deepEqual(extended.workloads[0]?.resources.map((resource) => resource.kind), ['Rollout', 'ReplicaSet']);
  });
});
