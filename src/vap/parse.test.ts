import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseSource } from '../loader/parse.js';
import { DEFAULT_LIMITS } from '../loader/types.js';
import { extractResources, type Resource } from '../model/resource.js';
import { locateField } from '../yaml/positions.js';
import { formatPath } from '../yaml/path.js';
import { compileAdmissionPolicies } from './admission.js';
import { parseAdmissionPolicies } from './parse.js';

function load(yaml: string): Resource[] {
  return extractResources(parseSource('policies.yaml', yaml, DEFAULT_LIMITS).documents, 'default').resources;
}

function problems(yaml: string): [string, string, string, string, string][] {
  return compileAdmissionPolicies(load(yaml)).problems.map((p) => [p.resource.name, formatPath(p.path), p.severity, p.code, p.message]);
}

const BROKEN = `apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata:
  name: broken
spec:
  failurePolicy: Sometimes
  matchConstraints:
    resourceRules:
    - apiGroups: ["apps", "*"]
      apiVersions: ["v1"]
      operations: ["CREATE", "PATCH"]
      resources: ["deployments"]
      scope: Everywhere
    objectSelector:
      matchExpressions: [{key: app, operator: Equals, values: [x]}]
  matchConditions:
  - name: ok
    expression: "true"
  - name: ok
    expression: "object.x +"
  variables:
  - name: good
    expression: "object.spec"
  - name: bad-name
    expression: "1"
  - name: broken
    expression: "object.spec.replicas >"
  validations:
  - expression: "object.spec.replicas <= 5"
  - expression: "object.spec.paused"
  - expression: "object.spec.replicas <= "
  - expression: "params.max > 1"
  - expression: "true"
    messageExpression: "object.metadata.name"
    reason: Teapot
    message: "two\\nlines"
  - expression: ""
  - expression: "true"
    fieldPath: "spec..x"
  auditAnnotations:
  - key: "a b"
    valueExpression: "object.metadata.name"
  - key: ok
    valueExpression: "'x'"
  - key: ok
    valueExpression: "1"
`;

describe('problems in policies', () => {
  it('are reported with a path and the API server wording, compile errors with line and column', () => {
    assert.deepEqual(problems(BROKEN), [
      ['broken', 'spec.failurePolicy', 'error', 'invalid-value', 'Unsupported value: "Sometimes": supported values: "Fail", "Ignore"'],
      ['broken', 'spec.matchConstraints.objectSelector', 'error', 'invalid-value', 'invalid label selector: "Equals" is not a valid label selector operator'],
      ['broken', 'spec.matchConstraints.resourceRules[0].apiGroups', 'error', 'invalid-value', `Invalid value: ["apps","*"]: if '*' is present, must not specify other values`],
      ['broken', 'spec.matchConstraints.resourceRules[0].operations[1]', 'error', 'invalid-value', 'Unsupported value: "PATCH": supported values: "*", "CONNECT", "CREATE", "DELETE", "UPDATE"'],
      ['broken', 'spec.matchConstraints.resourceRules[0].scope', 'error', 'invalid-value', 'Unsupported value: "Everywhere": supported values: "*", "Cluster", "Namespaced"'],
      ['broken', 'spec.matchConditions[1].name', 'error', 'duplicate', 'Duplicate value: "ok"'],
      ['broken', 'spec.variables[1].name', 'error', 'invalid-value', 'Invalid value: "bad-name": name is not a valid CEL identifier'],
      ['broken', 'spec.validations[4].message', 'error', 'invalid-value', 'Invalid value: "two\\nlines": message must not contain line breaks'],
      ['broken', 'spec.validations[4].reason', 'error', 'invalid-value', 'Unsupported value: "Teapot": supported values: "Forbidden", "Invalid", "RequestEntityTooLarge", "Unauthorized"'],
      ['broken', 'spec.validations[5].expression', 'error', 'required', 'Required value: expression is not specified'],
      ['broken', 'spec.validations[6].fieldPath', 'warning', 'unknown-field', 'unknown field: the API server drops it; Bulwark only uses it to point findings at a field'],
      ['broken', 'spec.validations[6].fieldPath', 'error', 'invalid-value', 'Invalid value: "spec..x": invalid field path at column 6: expected a field name after "."'],
      ['broken', 'spec.auditAnnotations[0].key', 'error', 'invalid-value', `Invalid value: "broken/a b": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character`],
      ['broken', 'spec.auditAnnotations[2].key', 'error', 'duplicate', 'Duplicate value: "ok"'],
      ['broken', 'spec.variables[2].expression', 'error', 'invalid-expression', 'compilation failed: ERROR: <input>:1:23: syntax error: unexpected end of expression'],
      ['broken', 'spec.matchConditions[1].expression', 'error', 'invalid-expression', 'compilation failed: ERROR: <input>:1:11: syntax error: unexpected end of expression'],
      ['broken', 'spec.validations[1].expression', 'error', 'invalid-expression', 'must evaluate to bool but got dyn'],
      ['broken', 'spec.validations[2].expression', 'error', 'invalid-expression', 'compilation failed: ERROR: <input>:1:25: syntax error: unexpected end of expression'],
      ['broken', 'spec.validations[3].expression', 'error', 'invalid-expression', "compilation failed: ERROR: <input>:1:1: undeclared reference to 'params'"],
      ['broken', 'spec.validations[4].messageExpression', 'error', 'invalid-expression', 'must evaluate to string but got dyn'],
      ['broken', 'spec.auditAnnotations[0].valueExpression', 'error', 'invalid-expression', 'must evaluate to one of [string null_type] but got dyn'],
      ['broken', 'spec.auditAnnotations[2].valueExpression', 'error', 'invalid-expression', 'must evaluate to one of [string null_type] but got int'],
    ]);
  });

  it('carry the position of a compile error inside the expression, and a path the loader can place', () => {
    const [resource] = load(BROKEN);
    const problem = compileAdmissionPolicies([resource as Resource]).problems.find((p) => formatPath(p.path) === 'spec.validations[2].expression');
    assert.deepEqual(problem?.expressionLocation, { line: 1, column: 25 });
    assert.equal(locateField((resource as Resource).document, problem?.path ?? [])?.line, 31);
  });

  const required: [name: string, yaml: string, expected: [string, string, string, string, string][]][] = [
    [
      'an empty spec',
      'apiVersion: admissionregistration.k8s.io/v1\nkind: ValidatingAdmissionPolicy\nmetadata: {name: empty}\nspec: {}\n',
      [
        ['empty', 'spec.matchConstraints', 'error', 'required', 'Required value'],
        ['empty', 'spec.validations', 'error', 'required', 'Required value: validations or auditAnnotations must contain at least one item'],
      ],
    ],
    [
      'no resourceRules and an incomplete paramKind',
      'apiVersion: admissionregistration.k8s.io/v1\nkind: ValidatingAdmissionPolicy\nmetadata: {name: p}\nspec:\n  paramKind: {kind: ReplicaLimit}\n  matchConstraints: {}\n  validations: [{expression: "true"}]\n',
      [
        ['p', 'spec.paramKind.apiVersion', 'error', 'required', 'Required value'],
        ['p', 'spec.matchConstraints.resourceRules', 'error', 'required', 'Required value'],
      ],
    ],
    [
      'a nameless policy',
      'apiVersion: admissionregistration.k8s.io/v1\nkind: ValidatingAdmissionPolicy\nmetadata: {}\nspec: {}\n',
      [['<unnamed>', 'metadata.name', 'error', 'required', 'Required value: name or generateName is required']],
    ],
    [
      'fields of the wrong type, never a crash',
      'apiVersion: admissionregistration.k8s.io/v1\nkind: ValidatingAdmissionPolicy\nmetadata: {name: odd}\nspec:\n  failurePolicy: 3\n  matchConstraints: {resourceRules: "all"}\n  validations: ["true", {expression: 5}]\n',
      [
        ['odd', 'spec.failurePolicy', 'error', 'invalid-value', 'Invalid value: 3: must be a string'],
        ['odd', 'spec.matchConstraints.resourceRules', 'error', 'invalid-value', 'Invalid value: "all": must be a list'],
        ['odd', 'spec.matchConstraints.resourceRules', 'error', 'required', 'Required value'],
        ['odd', 'spec.validations[0]', 'error', 'invalid-value', 'Invalid value: "true": must be an object'],
        ['odd', 'spec.validations[1].expression', 'error', 'invalid-value', 'Invalid value: 5: must be a string'],
        ['odd', 'spec.validations[1].expression', 'error', 'required', 'Required value: expression is not specified'],
      ],
    ],
  ];
  for (const [name, yaml, expected] of required) it(name, () => assert.deepEqual(problems(yaml), expected));
});

describe('problems in bindings', () => {
  const cases: [name: string, spec: string, expected: [string, string, string, string, string][]][] = [
    [
      'duplicate, unknown and conflicting actions; name and selector both set',
      'policyName: p\n  validationActions: [Deny, Warn, Deny, Block]\n  paramRef: {name: x, selector: {}, parameterNotFoundAction: Deny}',
      [
        ['b', 'spec.validationActions[2]', 'error', 'duplicate', 'Duplicate value: "Deny"'],
        ['b', 'spec.validationActions[3]', 'error', 'invalid-value', 'Unsupported value: "Block": supported values: "Audit", "Deny", "Warn"'],
        ['b', 'spec.validationActions', 'error', 'invalid-value', 'Invalid value: ["Deny","Warn","Deny","Block"]: must not contain both Deny and Warn (repeating the same validation failure information in the API response and headers serves no purpose)'],
        ['b', 'spec.paramRef.selector', 'error', 'invalid-value', 'Forbidden: name and selector are mutually exclusive'],
      ],
    ],
    [
      'no actions, an empty paramRef',
      'policyName: p\n  paramRef: {}',
      [
        ['b', 'spec.validationActions', 'error', 'required', 'Required value: at least one validation action is required'],
        ['b', 'spec.paramRef', 'error', 'required', 'Required value: one of name or selector must be specified'],
        ['b', 'spec.paramRef.parameterNotFoundAction', 'error', 'required', 'Required value'],
      ],
    ],
    [
      'an unknown parameterNotFoundAction and an invalid selector',
      'policyName: p\n  validationActions: [Audit]\n  paramRef: {selector: {matchExpressions: [{key: a, operator: In}]}, parameterNotFoundAction: Skip}\n  matchResources: {matchPolicy: Fuzzy}',
      [
        ['b', 'spec.paramRef.selector', 'error', 'invalid-value', "invalid label selector: values: Invalid value: []string{}: for 'in', 'notin' operators, values set can't be empty"],
        ['b', 'spec.paramRef.parameterNotFoundAction', 'error', 'invalid-value', 'Unsupported value: "Skip": supported values: "Deny", "Allow"'],
        ['b', 'spec.matchResources.matchPolicy', 'error', 'invalid-value', 'Unsupported value: "Fuzzy": supported values: "Equivalent", "Exact"'],
      ],
    ],
    ['a missing policyName', 'validationActions: [Deny]', [['b', 'spec.policyName', 'error', 'required', 'Required value']]],
  ];
  const policy = 'apiVersion: admissionregistration.k8s.io/v1\nkind: ValidatingAdmissionPolicy\nmetadata: {name: p}\nspec:\n  matchConstraints: {resourceRules: [{apiGroups: ["*"], apiVersions: ["*"], operations: ["*"], resources: ["*"]}]}\n  validations: [{expression: "true"}]\n---\n';
  for (const [name, spec, expected] of cases) {
    it(name, () => assert.deepEqual(problems(`${policy}apiVersion: admissionregistration.k8s.io/v1\nkind: ValidatingAdmissionPolicyBinding\nmetadata: {name: b}\nspec:\n  ${spec}\n`), expected));
  }
});

describe('reading policies', () => {
  it('ignores other kinds and other API groups', () => {
    const parsed = parseAdmissionPolicies(
      load('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n---\napiVersion: example.com/v1\nkind: ValidatingAdmissionPolicy\nmetadata: {name: lookalike}\n'),
    );
    assert.deepEqual([parsed.policies.length, parsed.bindings.length, parsed.problems.length], [0, 0, 0]);
  });

  it('applies the API server defaults', () => {
    const parsed = parseAdmissionPolicies(
      load('apiVersion: admissionregistration.k8s.io/v1\nkind: ValidatingAdmissionPolicy\nmetadata: {name: p}\nspec:\n  matchConstraints: {resourceRules: [{apiGroups: [""], apiVersions: [v1], operations: [CREATE], resources: [pods]}]}\n  validations: [{expression: "true"}]\n'),
    );
    const policy = parsed.policies[0];
    assert.equal(policy?.failurePolicy, 'Fail');
    assert.equal(policy?.matchConstraints?.matchPolicy, 'Equivalent');
    assert.equal(policy?.matchConstraints?.resourceRules[0]?.scope, '*');
    const namespaceSelector = policy?.matchConstraints?.namespaceSelector;
    assert.ok(namespaceSelector?.ok === true && namespaceSelector.selector.empty, 'the namespace selector defaults to {}');
  });

  it('lets a later object of the same name replace an earlier one', () => {
    const one = (expression: string) =>
      `apiVersion: admissionregistration.k8s.io/v1\nkind: ValidatingAdmissionPolicy\nmetadata: {name: p}\nspec:\n  matchConstraints: {resourceRules: [{apiGroups: ["*"], apiVersions: ["*"], operations: ["*"], resources: ["*"]}]}\n  validations: [{expression: "${expression}"}]\n`;
    const parsed = parseAdmissionPolicies(load(`${one('true')}---\n${one('false')}`));
    assert.deepEqual(parsed.policies.map((p) => p.validations[0]?.expression), ['false']);
  });
});
