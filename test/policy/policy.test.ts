import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BUILTIN_CHECKS } from '../../src/checks/index.js';
import { parsePolicy, PolicyError } from '../../src/policy/load.js';
import { presetChecks } from '../../src/policy/presets.js';
import { scan } from '../../src/scan.js';

const NOW = new Date('2026-11-22T12:00:00Z');

function policy(text: string, now = NOW) {
  return parsePolicy('bulwark.yaml', text, BUILTIN_CHECKS, now);
}

function problems(text: string) {
  try {
    policy(text);
  } catch (error) {
    assert.ok(error instanceof PolicyError, String(error));
    return error.problems.map((problem) => `${problem.line}:${problem.column} ${problem.path} ${problem.code}`);
  }
  assert.fail('the policy should be invalid');
}

const manifests = `apiVersion: v1
kind: Namespace
metadata:
  name: prod-eu
  labels: {env: prod}
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: payments
  namespace: prod-eu
spec:
  template:
    metadata:
      labels: {app.kubernetes.io/name: payments}
    spec:
      containers:
      - name: api
        image: registry.example.com/payments:1.2
        securityContext:
          privileged: true
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: dev
spec:
  template:
    spec:
      containers:
      - name: web
        image: registry.example.com/web:1.2
        securityContext:
          privileged: true
`;

describe('policy: bulwark.yaml', () => {
  it('reports every problem with its path, code, line and column', () => {
    assert.deepEqual(
      problems(`extends: [recommended, paranoid]
failOn: severe
checks:
  no-such-check: off
  privileged-container: {severity: critical, colour: red}
environments:
  - name: prod
color: blue
`),
      ['2:1 failOn schema-enum', '5:46 checks.privileged-container.colour unknown-key', '7:5 environments[0] missing-key', '8:1 color unknown-key'],
    );
    // Meaning the schema cannot see is checked once the shape is right.
    assert.deepEqual(
      problems(`extends: [recommended, paranoid]
checks:
  no-such-check: off
  image-registry-not-allowed:
    options: {registries: [a]}
`),
      ['1:24 extends[1] unknown-preset', '3:3 checks.no-such-check unknown-check', '5:15 checks.image-registry-not-allowed.options.registries unknown-option'],
    );
  });

  it('requires exception expiry and caps its length when the policy says so', () => {
    assert.deepEqual(
      problems(`exceptions:
  - {id: A, checks: [host-pid], scope: {namespace: x}, reason: r, owner: o}
  - {id: B, checks: [host-pid], scope: {namespace: x}, reason: r, owner: o, expires: "2030-01-01"}
exceptionPolicy: {requireExpiry: true, maxDays: 90}
`),
      ['2:5 exceptions[0] expiry-required', '3:77 exceptions[1].expires expiry-too-far'],
    );
  });

  it('generates presets from check meta', () => {
    assert.ok(presetChecks('strict', BUILTIN_CHECKS).has('single-replica'));
    assert.ok(!presetChecks('recommended', BUILTIN_CHECKS).has('single-replica'));
    assert.deepEqual([...presetChecks('pss-restricted', BUILTIN_CHECKS)], ['pss-restricted']);
    assert.ok([...presetChecks('cis', BUILTIN_CHECKS)].every((id) => BUILTIN_CHECKS.find((check) => check.id === id)?.meta.frameworks.some((mapping) => mapping.framework === 'CIS')));
  });
});

describe('policy: hierarchy', () => {
  const text = `extends: recommended
failOn: high
checks:
  privileged-container: medium
environments:
  - name: production
    match: {namespaceLabels: {env: prod}}
    failOn: medium
    checks:
      privileged-container: critical
applications:
  - name: payments
    match: {labels: {app.kubernetes.io/name: payments}}
    checks:
      image-not-pinned-by-digest: off
`;

  it('overrides at environment level and inherits at application level', async () => {
    const result = await scan({ sources: [{ file: 'k8s.yaml', text: manifests }], policy: policy(text), now: NOW });
    const privileged = result.findings.filter((finding) => finding.checkId === 'privileged-container');
    const byName = Object.fromEntries(privileged.map((finding) => [finding.resource.name, finding]));
    // payments: production sets critical, the application level does not touch it and inherits it.
    assert.equal(byName.payments?.severity, 'critical');
    assert.equal(byName.payments?.failOn, 'medium');
    // web (namespace dev): no environment matches, the global medium applies.
    assert.equal(byName.web?.severity, 'medium');
    assert.equal(byName.web?.failOn, undefined);
    // The application turned one check off for payments only.
    const pinned = result.findings.filter((finding) => finding.checkId === 'image-not-pinned-by-digest').map((finding) => finding.resource.name);
    assert.deepEqual(pinned, ['web']);
    assert.equal(result.exitCode, 1);
  });

  it('a more specific environment wins, deterministically', async () => {
    const tie = `environments:
  - name: by-label
    match: {namespaceLabels: {env: prod}}
    checks: {privileged-container: low}
  - name: by-name
    match: {namespaces: [prod-eu]}
    checks: {privileged-container: info}
`;
    const result = await scan({ sources: [{ file: 'k8s.yaml', text: manifests }], policy: policy(tie), now: NOW, checks: ['privileged-container'] });
    assert.equal(result.findings.find((finding) => finding.resource.name === 'payments')?.severity, 'info');
  });
});

describe('policy: exceptions', () => {
  const text = `exceptions:
  - id: EXC-7
    checks: [privileged-container]
    scope: {namespace: "prod-*", kind: Deployment, name: payments}
    reason: vendor agent needs it until the 2.0 release
    owner: payments-team
    ticket: SEC-7
    expires: "2026-12-31"
`;

  it('excepts until expiry, then the finding fails the gate again', async () => {
    const before = await scan({ sources: [{ file: 'k8s.yaml', text: manifests }], policy: policy(text), now: NOW, checks: ['privileged-container'] });
    const payments = before.findings.find((finding) => finding.resource.name === 'payments');
    assert.deepEqual([payments?.status, payments?.exception], ['excepted', 'EXC-7']);
    assert.deepEqual(before.exceptions?.map((status) => [status.id, status.state, status.used]), [['EXC-7', 'active', 1]]);

    const after = new Date('2027-01-01T00:00:01Z');
    const later = await scan({ sources: [{ file: 'k8s.yaml', text: manifests }], policy: policy(text, after), now: after, checks: ['privileged-container'] });
    assert.equal(later.findings.find((finding) => finding.resource.name === 'payments')?.status, 'fail');
    assert.equal(later.exceptions?.[0]?.state, 'expired');
    assert.ok(later.diagnostics.some((diagnostic) => diagnostic.code === 'exception-expired'));
    assert.equal(later.summary.failing, 2);
  });
});

describe('policy: custom workload kinds', () => {
  it('checks the pod template of a kind the policy declares, with positions', async () => {
    const custom = `apiVersion: ml.example.com/v1
kind: TrainingJob
metadata:
  name: train
  namespace: ml
spec:
  worker:
    template:
      spec:
        containers:
        - name: trainer
          image: trainer:3.1
          securityContext:
            privileged: true
`;
    const declared = policy(`workloads:\n  - kind: TrainingJob\n    podTemplatePath: spec.worker.template\n`);
    const result = await scan({ sources: [{ file: 'job.yaml', text: custom }], policy: declared, now: NOW, checks: ['privileged-container'] });
    assert.deepEqual(
      result.findings.map((finding) => [finding.checkId, finding.line, finding.column, finding.path]),
      [['privileged-container', 14, 13, 'spec.worker.template.spec.containers[0].securityContext.privileged']],
    );
    const unknown = await scan({ sources: [{ file: 'job.yaml', text: custom }], checks: ['privileged-container'] });
    assert.equal(unknown.findings.length, 0, 'without the declaration the kind runs no pods as far as Bulwark knows');
    assert.equal(unknown.exitCode, 3);
  });
});
