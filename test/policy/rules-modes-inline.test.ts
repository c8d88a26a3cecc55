import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BUILTIN_CHECKS } from '../../src/checks/index.js';
import { parsePolicy, PolicyError } from '../../src/policy/load.js';
import { renderReport } from '../../src/report/index.js';
import { scan } from '../../src/scan.js';
import { parseFieldPath } from '../../src/yaml/path.js';

const NOW = new Date('2026-11-22T12:00:00Z');

function policy(text: string) {
  return parsePolicy('bulwark.yaml', text, BUILTIN_CHECKS, NOW);
}

function problems(text: string): string[] {
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
  name: prod
  labels: {env: prod}
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: prod
  labels: {team: shop}
  annotations:
    bulwark.io/ignore: "privileged-container=vendor agent until 2.0"
spec:
  replicas: 7
  template:
    spec:
      containers:
      - name: web
        image: registry.example.com/web:1.2
        securityContext:
          privileged: true
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  namespace: dev
spec:
  replicas: 3
  template:
    metadata:
      annotations:
        bulwark.io/ignore: |
          privileged-container=debugging a kernel module
          team-label
    spec:
      containers:
      - name: api
        image: registry.example.com/api:1.2
        securityContext:
          privileged: true
`;

const rules = `rules:
  - id: replica-limit
    title: Deployments stay within the replica limit
    severity: medium
    kinds: [Deployment]
    params: {maxReplicas: 5}
    validations:
      - expression: object.spec.replicas <= params.maxReplicas
        messageExpression: "'replicas ' + string(object.spec.replicas) + ' exceed ' + string(params.maxReplicas)"
        fieldPath: spec.replicas
  - id: team-label
    title: Workloads name their team
    severity: low
    kinds: [workloads]
    variables:
      - name: labels
        expression: "has(object.metadata.labels) ? object.metadata.labels : {}"
    validations:
      - expression: "'team' in variables.labels"
        message: every workload needs a team label
        fieldPath: metadata.labels
  - id: prod-namespace-labelled
    title: Workloads in prod namespaces carry the env label
    severity: high
    kinds: [Deployment]
    matchConditions:
      - name: only-prod
        expression: object.metadata.namespace == 'prod'
    validations:
      - expression: "namespaceObject.metadata.labels.env == 'prod' && request.operation == 'CREATE' && oldObject == null"
`;

describe('policy: custom rules in CEL', () => {
  it('run like built-in checks, with positions, params, variables, match conditions and namespaceObject', async () => {
    const result = await scan({ sources: [{ file: 'k8s.yaml', text: manifests }], policy: policy(rules), now: NOW, checks: ['replica-limit', 'team-label', 'prod-namespace-labelled'] });
    assert.deepEqual(
      result.findings.map((finding) => [finding.checkId, finding.resource.name, finding.line, finding.column, finding.path, finding.severity, finding.message]),
      [
        ['replica-limit', 'web', 16, 3, 'spec.replicas', 'medium', 'replicas 7 exceed 5'],
        ['team-label', 'api', 27, 1, 'metadata.labels', 'low', 'every workload needs a team label'],
      ],
    );
    assert.equal(result.summary.checks, 3);
    assert.equal(result.exitCode, 0);
  });

  it('take their params from the hierarchy as options', async () => {
    const text = `${rules}environments:
  - name: dev
    match: {namespaces: [dev]}
    checks:
      replica-limit: {severity: high, options: {maxReplicas: 2}}
`;
    const result = await scan({ sources: [{ file: 'k8s.yaml', text: manifests }], policy: policy(text), now: NOW, checks: ['replica-limit'] });
    assert.deepEqual(
      result.findings.map((finding) => [finding.resource.name, finding.severity, finding.message]),
      [
        ['web', 'medium', 'replicas 7 exceed 5'],
        ['api', 'high', 'replicas 3 exceed 2'],
      ],
    );
    assert.equal(result.exitCode, 1);
  });

  it('report an expression that cannot be evaluated as a finding, unless failurePolicy is Ignore', async () => {
    const text = (failurePolicy: string) => `rules:
  - id: needs-strategy
    title: Deployments name a strategy
    severity: low
    kinds: [Deployment]
    failurePolicy: ${failurePolicy}
    validations:
      - expression: object.spec.strategy.type != ''
`;
    const failing = await scan({ sources: [{ file: 'k8s.yaml', text: manifests }], policy: policy(text('Fail')), now: NOW, checks: ['needs-strategy'] });
    assert.equal(failing.findings.length, 2);
    assert.match(failing.findings[0]?.message ?? '', /^rule needs-strategy could not be evaluated \(object\.spec\.strategy\.type != ''\): 1:13: no such key: 'strategy'$/);
    const ignored = await scan({ sources: [{ file: 'k8s.yaml', text: manifests }], policy: policy(text('Ignore')), now: NOW, checks: ['needs-strategy'] });
    assert.equal(ignored.findings.length, 0);
  });

  it('are validated with every problem placed in bulwark.yaml', () => {
    assert.deepEqual(
      problems(`rules:
  - id: privileged-container
    title: Clash
    severity: low
    validations:
      - expression: object.spec.replicas <=
  - id: bad-types
    title: Wrong result type
    severity: low
    params: {limits: {cpu: 1}}
    variables:
      - name: x
        expression: object.metadata.name +
    validations:
      - expression: "'a' + 'b'"
        fieldPath: "spec[x]"
checks:
  no-such-rule: high
`),
      [
        '2:5 rules[0].id rule-id-taken',
        '6:9 rules[0].validations[0].expression cel-compile-error',
        '10:14 rules[1].params.limits invalid-param',
        '13:9 rules[1].variables[0].expression cel-compile-error',
        '18:3 checks.no-such-rule unknown-check',
      ],
    );
    assert.deepEqual(
      problems(`rules:
  - id: wrong-type
    title: Wrong result type
    severity: low
    validations:
      - expression: "'a' + 'b'"
        fieldPath: "spec[x]"
`),
      ['6:9 rules[0].validations[0].expression cel-compile-error', '7:9 rules[0].validations[0].fieldPath invalid-field-path'],
    );
  });

  it('appear in SARIF without a link to built-in docs', async () => {
    const result = await scan({ sources: [{ file: 'k8s.yaml', text: manifests }], policy: policy(rules), now: NOW, checks: ['replica-limit'] });
    const sarif = JSON.parse(renderReport(result, 'sarif')) as { runs: Array<{ tool: { driver: { rules: Array<{ id: string; helpUri?: string }> } } }> };
    const rule = sarif.runs[0]?.tool.driver.rules.find((entry) => entry.id === 'replica-limit');
    assert.ok(rule);
    assert.equal(rule.helpUri, undefined);
  });
});

describe('policy: enforcement modes', () => {
  const text = `mode: enforce
environments:
  - name: dev
    match: {namespaces: [dev]}
    mode: warn
  - name: prod
    match: {namespaces: [prod]}
    mode: audit
    checks:
      privileged-container: {mode: enforce}
`;

  it('enforce fails the gate; warn and audit report without failing; a check-level mode beats the level', async () => {
    const result = await scan({ sources: [{ file: 'k8s.yaml', text: manifests }], policy: policy(text), now: NOW, checks: ['privileged-container', 'image-not-pinned-by-digest'] });
    const modes = result.findings.map((finding) => [finding.checkId, finding.resource.name, finding.mode ?? 'enforce']);
    assert.deepEqual(modes, [
      ['image-not-pinned-by-digest', 'web', 'audit'],
      ['privileged-container', 'web', 'enforce'],
      ['image-not-pinned-by-digest', 'api', 'warn'],
      ['privileged-container', 'api', 'warn'],
    ]);
    assert.equal(result.summary.failing, 1);
    assert.equal(result.exitCode, 1);
    const text_ = renderReport(result, 'text');
    assert.match(text_, /privileged-container \[warn\]/);
    assert.doesNotMatch(text_, /image-not-pinned-by-digest.*\n.*Deployment prod\/web/);
    assert.match(text_, /1 in warn mode|2 in warn mode/);
    assert.match(text_, /1 recorded in audit mode \(not listed\)/);
  });

  it('off turns checks off for the level', async () => {
    const off = `environments:\n  - name: dev\n    match: {namespaces: [dev]}\n    mode: off\n`;
    const result = await scan({ sources: [{ file: 'k8s.yaml', text: manifests }], policy: policy(off), now: NOW, checks: ['privileged-container'] });
    assert.deepEqual(result.findings.map((finding) => finding.resource.name), ['web']);
  });
});

describe('policy: inline opt-outs (bulwark.io/ignore)', () => {
  const text = `inlineIgnores: deny
environments:
  - name: dev
    match: {namespaces: [dev]}
    inlineIgnores: [privileged-container]
  - name: prod
    match: {namespaces: [prod]}
`;

  it('apply where the level allows them and are refused where it forbids them', async () => {
    const result = await scan({ sources: [{ file: 'k8s.yaml', text: manifests }], policy: policy(text), now: NOW, checks: ['privileged-container'] });
    const byName = Object.fromEntries(result.findings.map((finding) => [finding.resource.name, finding]));
    assert.deepEqual([byName.api?.status, byName.api?.exception, byName.api?.inlineReason], ['excepted', 'inline', 'debugging a kernel module']);
    // In prod the global level forbids opt-outs: the developer's annotation does not exempt the workload.
    assert.deepEqual([byName.web?.status, byName.web?.exception], ['fail', undefined]);
    assert.equal(result.exitCode, 1);
    const refused = result.diagnostics.filter((diagnostic) => diagnostic.code === 'inline-ignore-refused');
    assert.deepEqual(
      refused.map((diagnostic) => [diagnostic.line, diagnostic.column, diagnostic.message]),
      [[14, 5, 'the bulwark.io/ignore opt-out of privileged-container on Deployment prod/web is refused: the global level does not allow them (bulwark.yaml:1)']],
    );
    const malformed = result.diagnostics.filter((diagnostic) => diagnostic.code === 'inline-ignore-malformed');
    assert.deepEqual(malformed.map((diagnostic) => [diagnostic.line, diagnostic.column]), [[35, 9]]);
  });

  it('are refused without a policy, and say how to allow them', async () => {
    const result = await scan({ sources: [{ file: 'k8s.yaml', text: manifests }], now: NOW, checks: ['privileged-container'] });
    assert.ok(result.findings.every((finding) => finding.status === 'fail'));
    assert.match(result.diagnostics.find((diagnostic) => diagnostic.code === 'inline-ignore-refused')?.message ?? '', /no policy allows inline opt-outs/);
  });

  it('an allowed opt-out shows in SARIF as an in-source suppression with its reason', async () => {
    const result = await scan({ sources: [{ file: 'k8s.yaml', text: manifests }], policy: policy('inlineIgnores: allow\n'), now: NOW, checks: ['privileged-container'] });
    const sarif = JSON.parse(renderReport(result, 'sarif')) as { runs: Array<{ results: Array<{ suppressions?: Array<{ kind: string; justification: string }> }> }> };
    assert.deepEqual(
      sarif.runs[0]?.results.map((entry) => entry.suppressions?.[0]),
      [
        { kind: 'inSource', status: 'accepted', justification: 'inline opt-out: vendor agent until 2.0' },
        { kind: 'inSource', status: 'accepted', justification: 'inline opt-out: debugging a kernel module' },
      ],
    );
    assert.equal(result.exitCode, 0);
  });
});

describe('parseFieldPath', () => {
  const cases: Array<[string, Array<string | number> | undefined]> = [
    ['spec.replicas', ['spec', 'replicas']],
    ['spec.containers[0].image', ['spec', 'containers', 0, 'image']],
    ["metadata.labels['app.kubernetes.io/name']", ['metadata', 'labels', 'app.kubernetes.io/name']],
    ['metadata.annotations["a.b/c"].x', ['metadata', 'annotations', 'a.b/c', 'x']],
    ['.spec', ['spec']],
    ['spec..x', undefined],
    ['spec[x]', undefined],
    ["spec['open", undefined],
    ['spec[0]x', undefined],
    ['', undefined],
  ];
  for (const [text, expected] of cases) it(JSON.stringify(text), () => assert.deepEqual(parseFieldPath(text), expected));
});
