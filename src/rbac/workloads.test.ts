import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseSource } from '../loader/parse.js';
import { DEFAULT_LIMITS } from '../loader/types.js';
import { extractResources } from '../model/resource.js';
import { formatPath } from '../yaml/path.js';
import { workloadIdentities } from './workloads.js';

function identities(yaml: string) {
  const parsed = parseSource('workloads.yaml', yaml, DEFAULT_LIMITS);
  return workloadIdentities(extractResources(parsed.documents, 'default').resources);
}

const pod = (spec: string) => `apiVersion: v1
kind: Pod
metadata:
  name: web
  namespace: shop
spec:
${spec}  containers:
  - name: app
    image: web:1.0
`;

describe('workload ServiceAccount and token', () => {
  const cases: { name: string; yaml: string; account: string; source: string; path: string; held: boolean; via?: string; decidedBy: string }[] = [
    { name: 'no ServiceAccount named: default, token mounted', yaml: pod(''), account: 'shop/default', source: 'default', path: 'spec.serviceAccountName', held: true, via: 'automount', decidedBy: 'default' },
    { name: 'serviceAccountName', yaml: pod('  serviceAccountName: api\n'), account: 'shop/api', source: 'serviceAccountName', path: 'spec.serviceAccountName', held: true, via: 'automount', decidedBy: 'default' },
    { name: 'the deprecated serviceAccount', yaml: pod('  serviceAccount: legacy\n'), account: 'shop/legacy', source: 'serviceAccount', path: 'spec.serviceAccount', held: true, via: 'automount', decidedBy: 'default' },
    { name: 'serviceAccountName wins over serviceAccount', yaml: pod('  serviceAccountName: api\n  serviceAccount: legacy\n'), account: 'shop/api', source: 'serviceAccountName', path: 'spec.serviceAccountName', held: true, via: 'automount', decidedBy: 'default' },
    { name: 'the pod opts out', yaml: pod('  automountServiceAccountToken: false\n'), account: 'shop/default', source: 'default', path: 'spec.serviceAccountName', held: false, decidedBy: 'pod' },
    {
      name: 'the ServiceAccount opts out',
      yaml: `apiVersion: v1
kind: ServiceAccount
metadata:
  name: api
  namespace: shop
automountServiceAccountToken: false
---
${pod('  serviceAccountName: api\n')}`,
      account: 'shop/api',
      source: 'serviceAccountName',
      path: 'spec.serviceAccountName',
      held: false,
      decidedBy: 'service-account',
    },
    {
      name: 'the pod overrides the ServiceAccount opting out',
      yaml: `apiVersion: v1
kind: ServiceAccount
metadata:
  name: api
  namespace: shop
automountServiceAccountToken: false
---
${pod('  serviceAccountName: api\n  automountServiceAccountToken: true\n')}`,
      account: 'shop/api',
      source: 'serviceAccountName',
      path: 'spec.serviceAccountName',
      held: true,
      via: 'automount',
      decidedBy: 'pod',
    },
    {
      name: 'a ServiceAccount of another namespace does not decide',
      yaml: `apiVersion: v1
kind: ServiceAccount
metadata:
  name: api
  namespace: other
automountServiceAccountToken: false
---
${pod('  serviceAccountName: api\n')}`,
      account: 'shop/api',
      source: 'serviceAccountName',
      path: 'spec.serviceAccountName',
      held: true,
      via: 'automount',
      decidedBy: 'default',
    },
    {
      name: 'a projected token for the API server counts despite automount off',
      yaml: pod('  automountServiceAccountToken: false\n  volumes:\n  - name: token\n    projected:\n      sources:\n      - serviceAccountToken: {path: token, expirationSeconds: 3600}\n'),
      account: 'shop/default',
      source: 'default',
      path: 'spec.serviceAccountName',
      held: true,
      via: 'projected-volume',
      decidedBy: 'pod',
    },
    {
      name: 'a projected token for another audience does not',
      yaml: pod('  automountServiceAccountToken: false\n  volumes:\n  - name: token\n    projected:\n      sources:\n      - serviceAccountToken: {path: token, audience: vault}\n'),
      account: 'shop/default',
      source: 'default',
      path: 'spec.serviceAccountName',
      held: false,
      decidedBy: 'pod',
    },
  ];
  for (const testCase of cases) {
    it(testCase.name, () => {
      const [workload] = identities(testCase.yaml);
      assert.ok(workload);
      assert.equal(`${workload.serviceAccount.namespace}/${workload.serviceAccount.name}`, testCase.account);
      assert.equal(workload.serviceAccount.source, testCase.source);
      assert.equal(formatPath(workload.serviceAccount.path), testCase.path);
      assert.equal(workload.token.held, testCase.held);
      assert.equal(workload.token.via, testCase.via);
      assert.equal(workload.token.automountDecidedBy, testCase.decidedBy);
    });
  }

  it('a CronJob acts as its pod template\'s ServiceAccount', () => {
    const [workload] = identities(`apiVersion: batch/v1
kind: CronJob
metadata:
  name: backup
  namespace: ops
spec:
  schedule: "@daily"
  jobTemplate:
    spec:
      template:
        spec:
          serviceAccountName: backup
          restartPolicy: OnFailure
          containers:
          - name: backup
            image: backup:1.0
`);
    assert.ok(workload);
    assert.equal(formatPath(workload.serviceAccount.path), 'spec.jobTemplate.spec.template.spec.serviceAccountName');
    assert.deepEqual(workload.identity, { name: 'system:serviceaccount:ops:backup', groups: ['system:serviceaccounts', 'system:serviceaccounts:ops', 'system:authenticated'] });
  });
});
