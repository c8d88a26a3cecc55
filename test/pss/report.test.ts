import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { checkPodSecurity, renderPss } from '../../src/pss/index.js';
import { ROOT } from '../helpers.js';

const validate = new Ajv2020({ allErrors: true, strict: true }).compile(JSON.parse(readFileSync(join(ROOT, 'docs/schemas/pss-result.schema.json'), 'utf8')) as object);

const input = `apiVersion: v1
kind: Namespace
metadata:
  name: prod
  labels:
    pod-security.kubernetes.io/enforce: baseline
    pod-security.kubernetes.io/enforce-version: v1.29
    pod-security.kubernetes.io/audit: restricted
---
apiVersion: v1
kind: Namespace
metadata:
  name: legacy
---
apiVersion: v1
kind: Namespace
metadata:
  name: odd
  labels:
    pod-security.kubernetes.io/enforce: strict
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: agent
  namespace: prod
spec:
  template:
    spec:
      hostPID: true
      containers:
      - name: agent
        image: agent:1
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: prod
spec:
  template:
    spec:
      containers:
      - name: web
        image: web:1
---
apiVersion: v1
kind: Pod
metadata:
  name: old
  namespace: legacy
spec:
  containers:
  - name: old
    image: old:1
    securityContext:
      privileged: true
`;

describe('bulwark pss', () => {
  it('evaluates each workload at its namespace labels, with audit results and namespace notes', async () => {
    const run = await checkPodSecurity({ sources: [{ file: 'k8s.yaml', text: input }] });
    assert.ok(validate(JSON.parse(renderPss(run, 'json', false))), JSON.stringify(validate.errors));
    const byName = new Map(run.results.map((result) => [`${result.kind}/${result.name}`, result]));
    const agent = byName.get('Deployment/agent');
    assert.equal(agent?.allowed, false);
    assert.deepEqual([agent?.level, agent?.version, agent?.policySource], ['baseline', 'v1.29', 'namespace']);
    assert.deepEqual(agent?.violations.map((violation) => [violation.check, violation.line, violation.column, violation.path]), [['hostNamespaces', 30, 7, 'spec.template.spec.hostPID']]);
    assert.equal(agent?.audit?.level, 'restricted');
    assert.equal(agent?.audit?.allowed, false);
    const web = byName.get('Deployment/web');
    assert.equal(web?.allowed, true);
    assert.ok((web?.audit?.violations.length ?? 0) >= 3, 'restricted audit finds the default pod wanting');
    const old = byName.get('Pod/old');
    assert.deepEqual([old?.allowed, old?.level, old?.policySource], [true, 'privileged', 'default']);
    assert.match(byName.get('Namespace/legacy')?.notes?.join() ?? '', /no pod-security.kubernetes.io\/enforce label/);
    assert.match(byName.get('Namespace/odd')?.notes?.join() ?? '', /invalid label pod-security.kubernetes.io\/enforce=strict/);
    assert.equal(run.exitCode, 1);
    const text = renderPss(run, 'text', false);
    assert.match(text, /DENIED {2}Deployment prod\/agent {2}k8s\.yaml:22 {2}baseline:v1\.29, from the namespace label\n {4}30:7 {2}host namespaces \(hostPID=true\)/);
    assert.match(text, /3 workloads evaluated, 1 denied\./);
  });

  it('evaluates everything at one level and version when asked', async () => {
    const run = await checkPodSecurity({ sources: [{ file: 'k8s.yaml', text: input }], level: 'baseline', minor: 37 });
    const workloads = run.results.filter((result) => result.kind !== 'Namespace');
    assert.equal(workloads.length, 3);
    assert.deepEqual(
      workloads.filter((result) => !result.allowed).map((result) => result.name),
      ['agent', 'old'],
    );
    assert.ok(workloads.every((result) => result.policySource === 'option' && result.version === 'latest'));
  });

  it('is untrusted without workloads', async () => {
    const run = await checkPodSecurity({ sources: [{ file: 'ns.yaml', text: 'apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n' }] });
    assert.equal(run.exitCode, 3);
  });
});
