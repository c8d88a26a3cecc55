import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseSource } from '../loader/parse.js';
import { DEFAULT_LIMITS } from '../loader/types.js';
import { extractResources, type Resource } from '../model/resource.js';
import { formatPath } from '../yaml/path.js';
import { admitRequest, compileAdmissionPolicies, evaluateAdmissionPolicies, type VapScanOptions } from './admission.js';
import { clusterFromResources } from './request.js';
import { ResourceCatalog } from './resources.js';
import type { AdmissionRequestInput, VapResourceResult } from './types.js';

let nextIndex = 0;
function load(yaml: string): Resource[] {
  const resources = extractResources(parseSource('test.yaml', yaml, DEFAULT_LIMITS).documents, 'default', nextIndex).resources;
  nextIndex += resources.length;
  return resources;
}

/** The outcome for each scanned resource, by `namespace/name` (or `name`), in a shape easy to compare. */
function scan(policies: string, manifests: string, options: VapScanOptions = {}): Map<string, VapResourceResult> {
  const compiled = compileAdmissionPolicies(load(policies));
  const results = evaluateAdmissionPolicies(compiled, load(manifests), options);
  return new Map(results.map((result) => [result.resource.namespace === undefined ? result.resource.name : `${result.resource.namespace}/${result.resource.name}`, result]));
}

function summary(result: VapResourceResult | undefined) {
  if (result === undefined) return undefined;
  return {
    allowed: result.allowed,
    denyMessage: result.denyMessage,
    warnings: result.warnings,
    decisions: result.decisions.map((d) => ({ kind: d.kind, actions: d.actions, detail: d.detail, ...(d.param !== undefined ? { param: d.param } : {}) })),
    ignored: result.ignoredErrors.map((d) => d.detail),
  };
}

const allowed = { allowed: true, denyMessage: undefined, warnings: [], decisions: [], ignored: [] };

const NAMESPACES = `apiVersion: v1
kind: Namespace
metadata: {name: test, labels: {environment: test}}
---
apiVersion: v1
kind: Namespace
metadata: {name: prod, labels: {environment: prod}}
`;

function deployment(name: string, namespace: string, replicas: number | undefined, extra = ''): string {
  return `---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: ${namespace}${extra}
spec:
${replicas === undefined ? '' : `  replicas: ${replicas}\n`}  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
    spec:
      containers: [{name: app, image: nginx}]
`;
}

// The documentation's first example (validatingadmissionpolicy/basic-example-policy.yaml and -binding.yaml).
const DEMO_POLICY = `apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata:
  name: "demo-policy.example.com"
spec:
  failurePolicy: Fail
  matchConstraints:
    resourceRules:
    - apiGroups:   ["apps"]
      apiVersions: ["v1"]
      operations:  ["CREATE", "UPDATE"]
      resources:   ["deployments"]
  validations:
    - expression: "object.spec.replicas <= 5"
`;
const demoBinding = (actions: string) => `---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata:
  name: "demo-binding-test.example.com"
spec:
  policyName: "demo-policy.example.com"
  validationActions: ${actions}
  matchResources:
    namespaceSelector:
      matchLabels:
        environment: test
`;

describe('the documentation example: replicas <= 5 in test namespaces', () => {
  const results = scan(DEMO_POLICY + demoBinding('[Deny]'), NAMESPACES + deployment('nginx', 'test', 6) + deployment('small', 'test', 3) + deployment('defaulted', 'test', undefined) + deployment('big', 'prod', 9));

  it('denies 6 replicas with the API server message', () => {
    const result = results.get('test/nginx');
    assert.deepEqual(summary(result), {
      allowed: false,
      denyMessage: "ValidatingAdmissionPolicy 'demo-policy.example.com' with binding 'demo-binding-test.example.com' denied request: failed expression: object.spec.replicas <= 5",
      warnings: [],
      decisions: [{ kind: 'violation', actions: ['Deny'], detail: 'failed expression: object.spec.replicas <= 5' }],
      ignored: [],
    });
    assert.equal(
      result?.statusMessage,
      `deployments.apps "nginx" is forbidden: ValidatingAdmissionPolicy 'demo-policy.example.com' with binding 'demo-binding-test.example.com' denied request: failed expression: object.spec.replicas <= 5`,
    );
    assert.equal(result?.reason, 'Invalid');
    assert.equal(result?.code, 422);
    const decision = result?.decisions[0];
    assert.equal(decision?.message, result?.denyMessage);
    assert.equal(decision?.validationIndex, 0);
    assert.equal(decision?.expression, 'object.spec.replicas <= 5');
    assert.equal(formatPath(decision?.policyPath ?? []), 'spec.validations[0].expression');
    assert.equal(decision?.policyResource.name, 'demo-policy.example.com');
    assert.equal(decision?.bindingResource.name, 'demo-binding-test.example.com');
  });

  it('allows 3 replicas', () => assert.deepEqual(summary(results.get('test/small')), allowed));

  it('applies the API server default of 1 replica', () => assert.deepEqual(summary(results.get('test/defaulted')), allowed));

  it('lists the pair that matched an allowed resource', () => {
    assert.deepEqual(results.get('test/small')?.matched, [{ policy: 'demo-policy.example.com', binding: 'demo-binding-test.example.com' }]);
  });

  it('leaves out resources outside the binding (namespace not labelled test) and other kinds', () => {
    assert.deepEqual([...results.keys()], ['test/nginx', 'test/small', 'test/defaulted']);
  });
});

describe('validationActions', () => {
  const manifests = NAMESPACES + deployment('nginx', 'test', 6);

  it('[Warn, Audit] warns and audits instead of denying', () => {
    const result = scan(DEMO_POLICY + demoBinding('[Warn, Audit]'), manifests).get('test/nginx');
    assert.deepEqual(summary(result), {
      allowed: true,
      denyMessage: undefined,
      warnings: ["Validation failed for ValidatingAdmissionPolicy 'demo-policy.example.com' with binding 'demo-binding-test.example.com': failed expression: object.spec.replicas <= 5"],
      decisions: [{ kind: 'violation', actions: ['Warn', 'Audit'], detail: 'failed expression: object.spec.replicas <= 5' }],
      ignored: [],
    });
    assert.equal(result?.decisions[0]?.message, result?.warnings[0]);
    assert.deepEqual(result?.auditAnnotations, {
      'validation.policy.admission.k8s.io/validation_failure':
        '[{"message":"failed expression: object.spec.replicas \\u003c= 5","policy":"demo-policy.example.com","binding":"demo-binding-test.example.com","expressionIndex":0,"validationActions":["Warn","Audit"]}]',
    });
  });

  it('[Audit] only records the failure', () => {
    const result = scan(DEMO_POLICY + demoBinding('[Audit]'), manifests).get('test/nginx');
    assert.equal(result?.allowed, true);
    assert.deepEqual(result?.warnings, []);
    assert.deepEqual(result?.decisions.map((d) => d.actions), [['Audit']]);
    assert.deepEqual(Object.keys(result?.auditAnnotations ?? {}), ['validation.policy.admission.k8s.io/validation_failure']);
  });

  it('[Deny, Warn] is rejected by the API server, and the plugin would both deny and warn', () => {
    const compiled = compileAdmissionPolicies(load(DEMO_POLICY + demoBinding('[Deny, Warn]')));
    assert.deepEqual(
      compiled.problems.map((p) => [p.resource.name, formatPath(p.path), p.message]),
      [['demo-binding-test.example.com', 'spec.validationActions', 'Invalid value: ["Deny","Warn"]: must not contain both Deny and Warn (repeating the same validation failure information in the API response and headers serves no purpose)']],
    );
    const [result] = evaluateAdmissionPolicies(compiled, load(manifests));
    assert.equal(result?.allowed, false);
    assert.equal(result?.warnings.length, 1);
  });
});

// validatingadmissionpolicy/policy-with-param.yaml, binding-with-param.yaml, binding-with-param-prod.yaml
// and the two ReplicaLimit objects (the first one's "namesapce" typo leaves it in the default namespace).
const REPLICA_LIMIT_POLICY = `apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata:
  name: "replicalimit-policy.example.com"
spec:
  failurePolicy: Fail
  paramKind:
    apiVersion: rules.example.com/v1
    kind: ReplicaLimit
  matchConstraints:
    resourceRules:
    - apiGroups:   ["apps"]
      apiVersions: ["v1"]
      operations:  ["CREATE", "UPDATE"]
      resources:   ["deployments"]
  validations:
    - expression: "object.spec.replicas <= params.maxReplicas"
      reason: Invalid
`;
const REPLICA_LIMIT_BINDINGS = `---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata:
  name: "replicalimit-binding-test.example.com"
spec:
  policyName: "replicalimit-policy.example.com"
  validationActions: [Deny]
  paramRef:
    name: "replica-limit-test.example.com"
    namespace: "default"
    parameterNotFoundAction: Deny
  matchResources:
    namespaceSelector:
      matchLabels:
        environment: test
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata:
  name: "replicalimit-binding-nontest"
spec:
  policyName: "replicalimit-policy.example.com"
  validationActions: [Deny]
  paramRef:
    name: "replica-limit-prod.example.com"
    namespace: "default"
    parameterNotFoundAction: Deny
  matchResources:
    namespaceSelector:
      matchExpressions:
      - key: environment
        operator: NotIn
        values:
        - test
`;
const REPLICA_LIMITS = `---
apiVersion: rules.example.com/v1
kind: ReplicaLimit
metadata:
  name: "replica-limit-test.example.com"
  namesapce: "default"
maxReplicas: 3
---
apiVersion: rules.example.com/v1
kind: ReplicaLimit
metadata:
  name: "replica-limit-prod.example.com"
maxReplicas: 100
`;

describe('the documentation example: ReplicaLimit parameters', () => {
  const results = scan(REPLICA_LIMIT_POLICY + REPLICA_LIMIT_BINDINGS + REPLICA_LIMITS, NAMESPACES + deployment('four', 'test', 4) + deployment('three', 'test', 3) + deployment('fifty', 'prod', 50) + deployment('huge', 'prod', 150));

  it('limits test namespaces to 3 replicas with the test param', () => {
    assert.deepEqual(summary(results.get('test/four')), {
      allowed: false,
      denyMessage: "ValidatingAdmissionPolicy 'replicalimit-policy.example.com' with binding 'replicalimit-binding-test.example.com' denied request: failed expression: object.spec.replicas <= params.maxReplicas",
      warnings: [],
      decisions: [{ kind: 'violation', actions: ['Deny'], detail: 'failed expression: object.spec.replicas <= params.maxReplicas', param: { name: 'replica-limit-test.example.com', namespace: 'default' } }],
      ignored: [],
    });
    assert.deepEqual(summary(results.get('test/three')), allowed);
  });

  it('limits the other namespaces to 100 with the prod param', () => {
    assert.deepEqual(summary(results.get('prod/fifty')), allowed);
    assert.deepEqual(results.get('prod/fifty')?.matched, [{ policy: 'replicalimit-policy.example.com', binding: 'replicalimit-binding-nontest' }]);
    assert.equal(
      results.get('prod/huge')?.denyMessage,
      "ValidatingAdmissionPolicy 'replicalimit-policy.example.com' with binding 'replicalimit-binding-nontest' denied request: failed expression: object.spec.replicas <= params.maxReplicas",
    );
  });

  it('denies when the param is missing and parameterNotFoundAction is Deny', () => {
    const result = scan(REPLICA_LIMIT_POLICY + REPLICA_LIMIT_BINDINGS, NAMESPACES + deployment('three', 'test', 3)).get('test/three');
    assert.deepEqual(summary(result), {
      allowed: false,
      denyMessage: "ValidatingAdmissionPolicy 'replicalimit-policy.example.com' with binding 'replicalimit-binding-test.example.com' denied request: failed to configure binding: no params found for policy binding with `Deny` parameterNotFoundAction",
      warnings: [],
      decisions: [{ kind: 'param-not-found', actions: ['Deny'], detail: 'failed to configure binding: no params found for policy binding with `Deny` parameterNotFoundAction' }],
      ignored: [],
    });
    assert.equal(formatPath(result?.decisions[0]?.bindingPath ?? []), 'spec.paramRef');
  });

  it('allows when the param is missing and parameterNotFoundAction is Allow', () => {
    const bindings = REPLICA_LIMIT_BINDINGS.replaceAll('parameterNotFoundAction: Deny', 'parameterNotFoundAction: Allow');
    assert.deepEqual(summary(scan(REPLICA_LIMIT_POLICY + bindings, NAMESPACES + deployment('four', 'test', 4)).get('test/four')), undefined);
  });

  it('ignores a missing param under failurePolicy Ignore, but says so', () => {
    const policy = REPLICA_LIMIT_POLICY.replace('failurePolicy: Fail', 'failurePolicy: Ignore');
    assert.deepEqual(summary(scan(policy + REPLICA_LIMIT_BINDINGS, NAMESPACES + deployment('four', 'test', 4)).get('test/four')), {
      ...allowed,
      ignored: ['failed to configure binding: no params found for policy binding with `Deny` parameterNotFoundAction'],
    });
  });

  it('evaluates once per param a selector finds, ANDing the results', () => {
    const binding = `---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata: {name: by-tier}
spec:
  policyName: replicalimit-policy.example.com
  validationActions: [Deny]
  paramRef:
    selector: {matchLabels: {tier: strict}}
    namespace: default
    parameterNotFoundAction: Deny
---
apiVersion: rules.example.com/v1
kind: ReplicaLimit
metadata: {name: three, labels: {tier: strict}}
maxReplicas: 3
---
apiVersion: rules.example.com/v1
kind: ReplicaLimit
metadata: {name: four, labels: {tier: strict}}
maxReplicas: 4
---
apiVersion: rules.example.com/v1
kind: ReplicaLimit
metadata: {name: one, labels: {tier: lax}}
maxReplicas: 1
`;
    const results = scan(REPLICA_LIMIT_POLICY + binding, deployment('d4', 'team', 4) + deployment('d5', 'team', 5) + deployment('d3', 'team', 3));
    assert.deepEqual(results.get('team/d4')?.decisions.map((d) => d.param), [{ name: 'three', namespace: 'default' }]);
    assert.deepEqual(results.get('team/d5')?.decisions.map((d) => d.param), [{ name: 'three', namespace: 'default' }, { name: 'four', namespace: 'default' }]);
    assert.equal(results.get('team/d3')?.allowed, true);
  });
});

describe('per-namespace parameters', () => {
  const policy = `apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata: {name: replicas-from-configmap}
spec:
  paramKind: {apiVersion: v1, kind: ConfigMap}
  matchConstraints:
    resourceRules:
    - {apiGroups: ["*"], apiVersions: ["*"], operations: ["CREATE"], resources: ["deployments", "clusterroles"]}
  validations:
  - expression: "!has(object.spec) || !has(object.spec.replicas) || object.spec.replicas <= int(params.data.maxReplicas)"
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata: {name: per-namespace}
spec:
  policyName: replicas-from-configmap
  validationActions: [Deny]
  paramRef: {name: limits, parameterNotFoundAction: Deny}
`;
  const manifests = `apiVersion: v1
kind: ConfigMap
metadata: {name: limits, namespace: team-a}
data: {maxReplicas: "2"}
${deployment('web', 'team-a', 3)}${deployment('web', 'team-b', 1)}---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: reader}
rules: []
`;
  const results = scan(policy, manifests);

  it('looks the param up in the namespace of the request', () => {
    assert.equal(results.get('team-a/web')?.decisions[0]?.detail, 'failed expression: !has(object.spec) || !has(object.spec.replicas) || object.spec.replicas <= int(params.data.maxReplicas)');
    assert.deepEqual(results.get('team-a/web')?.decisions[0]?.param, { name: 'limits', namespace: 'team-a' });
  });

  it('finds nothing in a namespace without it', () => {
    assert.equal(results.get('team-b/web')?.decisions[0]?.kind, 'param-not-found');
  });

  it('cannot look up a namespaced param for a cluster-scoped object', () => {
    assert.deepEqual(summary(results.get('reader'))?.decisions, [
      { kind: 'error', actions: ['Deny'], detail: 'failed to configure binding: cannot use namespaced paramRef in policy binding that matches cluster-scoped resources' },
    ]);
  });

  it('rejects paramRef.namespace for a cluster-scoped param kind', () => {
    const clusterParams = policy.replace('{apiVersion: v1, kind: ConfigMap}', '{apiVersion: rbac.authorization.k8s.io/v1, kind: ClusterRole}').replace('{name: limits, parameterNotFoundAction: Deny}', '{name: reader, namespace: x, parameterNotFoundAction: Deny}');
    assert.equal(scan(clusterParams, deployment('web', 'team-a', 3)).get('team-a/web')?.decisions[0]?.detail, 'failed to configure binding: paramRef.namespace must not be provided for a cluster-scoped `paramKind`');
  });

  it('gives params = null when the binding has no paramRef', () => {
    const noRef = policy.replace('  paramRef: {name: limits, parameterNotFoundAction: Deny}\n', '');
    assert.equal(
      scan(noRef, deployment('web', 'team-a', 3)).get('team-a/web')?.decisions[0]?.detail,
      "expression '!has(object.spec) || !has(object.spec.replicas) || object.spec.replicas <= int(params.data.maxReplicas)' resulted in error: no such key: 'data' (cannot select a field of a value of type 'null_type')",
    );
  });
});

describe('messageExpression', () => {
  // access/deployment-replicas-policy.yaml, with paramKind written as apiVersion + kind.
  const policy = (validation: string) => `apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata:
  name: "deploy-replica-policy.example.com"
spec:
  paramKind:
    apiVersion: rules.example.com/v1
    kind: ReplicaLimit
  matchConstraints:
    resourceRules:
    - apiGroups:   ["apps"]
      apiVersions: ["v1"]
      operations:  ["CREATE", "UPDATE"]
      resources:   ["deployments"]
  validations:
${validation}
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata:
  name: "demo-binding-test.example.com"
spec:
  policyName: "deploy-replica-policy.example.com"
  validationActions: [Deny]
  paramRef: {name: limit, namespace: default, parameterNotFoundAction: Deny}
---
apiVersion: rules.example.com/v1
kind: ReplicaLimit
metadata: {name: limit}
maxReplicas: 3
`;
  const cases: [name: string, validation: string, detail: string][] = [
    [
      'the documentation example',
      `  - expression: "object.spec.replicas <= params.maxReplicas"
    messageExpression: "'object.spec.replicas must be no greater than ' + string(params.maxReplicas)"
    reason: Invalid`,
      'object.spec.replicas must be no greater than 3',
    ],
    [
      'falls back to message when it fails',
      `  - expression: "object.spec.replicas <= params.maxReplicas"
    messageExpression: "'limit is ' + string(params.missing)"
    message: "too many replicas"`,
      'too many replicas',
    ],
    [
      'falls back when it gives several lines',
      `  - expression: "object.spec.replicas <= params.maxReplicas"
    messageExpression: "'first\\\\nsecond'"
    message: "too many replicas"`,
      'too many replicas',
    ],
    ['falls back when it is blank', `  - expression: "object.spec.replicas <= params.maxReplicas"\n    messageExpression: "'   '"`, 'failed expression: object.spec.replicas <= params.maxReplicas'],
    ['falls back when it does not compile to a string', `  - expression: "object.spec.replicas <= params.maxReplicas"\n    messageExpression: "object.metadata.name"`, 'failed expression: object.spec.replicas <= params.maxReplicas'],
    ['is trimmed', `  - expression: "object.spec.replicas <= params.maxReplicas"\n    messageExpression: "'  at most 3  '"`, 'at most 3'],
  ];
  for (const [name, validation, detail] of cases) {
    it(name, () => {
      const result = scan(policy(validation), deployment('nginx', 'default', 5)).get('default/nginx');
      assert.deepEqual(result?.decisions.map((d) => d.detail), [detail]);
    });
  }

  it('the documentation example gives the documented error', () => {
    const result = scan(policy(cases[0]?.[1] as string), deployment('nginx', 'default', 5)).get('default/nginx');
    assert.equal(
      result?.statusMessage,
      `deployments.apps "nginx" is forbidden: ValidatingAdmissionPolicy 'deploy-replica-policy.example.com' with binding 'demo-binding-test.example.com' denied request: object.spec.replicas must be no greater than 3`,
    );
  });
});

describe('matchConditions', () => {
  // access/validating-admission-policy-match-conditions.yaml (with startsWith spelled right).
  const policy = (failurePolicy: string, extraCondition = '') => `apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata:
  name: "demo-policy.example.com"
spec:
  failurePolicy: ${failurePolicy}
  matchConstraints:
    resourceRules:
      - apiGroups:   ["*"]
        apiVersions: ["*"]
        operations:  ["CREATE", "UPDATE"]
        resources:   ["*"]
  matchConditions:
    - name: 'exclude-leases' # Each match condition must have a unique name
      expression: '!(request.resource.group == "coordination.k8s.io" && request.resource.resource == "leases")' # Match non-lease resources.
    - name: 'exclude-kubelet-requests'
      expression: '!("system:nodes" in request.userInfo.groups)' # Match requests made by non-node users.
    - name: 'rbac' # Skip RBAC requests.
      expression: 'request.resource.group != "rbac.authorization.k8s.io"'
${extraCondition}  validations:
    - expression: "object.metadata.name.startsWith('demo')"
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata: {name: everything}
spec:
  policyName: "demo-policy.example.com"
  validationActions: [Deny]
`;
  const manifests = `apiVersion: coordination.k8s.io/v1
kind: Lease
metadata: {name: leader, namespace: kube-system}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: reader, namespace: default}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: demo-settings, namespace: default}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: settings, namespace: default}
`;

  it('skip leases and RBAC objects, evaluate the rest', () => {
    const results = scan(policy('Fail'), manifests);
    assert.deepEqual([...results.keys()], ['default/demo-settings', 'default/settings']);
    assert.equal(results.get('default/demo-settings')?.allowed, true);
    assert.equal(results.get('default/settings')?.decisions[0]?.detail, "failed expression: object.metadata.name.startsWith('demo')");
  });

  it('skip requests from nodes', () => {
    const results = scan(policy('Fail'), manifests, { user: { username: 'system:node:worker-1', groups: ['system:nodes', 'system:authenticated'] } });
    assert.deepEqual([...results.keys()], []);
  });

  const failing = "    - name: 'team'\n      expression: \"object.metadata.labels.team == 'a'\"\n";
  it('an erroring condition denies under failurePolicy Fail', () => {
    const result = scan(policy('Fail', failing), manifests).get('default/settings');
    assert.deepEqual(summary(result)?.decisions, [{ kind: 'error', actions: ['Deny'], detail: "expression 'object.metadata.labels.team == 'a'' resulted in error: no such key: 'labels'" }]);
    assert.equal(formatPath(result?.decisions[0]?.policyPath ?? []), 'spec.matchConditions[3].expression');
  });

  it('an erroring condition skips the policy under failurePolicy Ignore', () => {
    assert.deepEqual(summary(scan(policy('Ignore', failing), manifests).get('default/settings')), {
      ...allowed,
      ignored: ["expression 'object.metadata.labels.team == 'a'' resulted in error: no such key: 'labels'"],
    });
  });

  it('a false condition wins over an error', () => {
    const both = failing + "    - name: 'never'\n      expression: 'false'\n";
    assert.equal(scan(policy('Fail', both), manifests).size, 0);
  });
});

describe('variables', () => {
  // access/image-matches-namespace-environment.policy.yaml (v1beta1), bound to every namespace.
  const policy = `apiVersion: admissionregistration.k8s.io/v1beta1
kind: ValidatingAdmissionPolicy
metadata:
  name: "image-matches-namespace-environment.policy.example.com"
spec:
  failurePolicy: Fail
  matchConstraints:
    resourceRules:
    - apiGroups:   ["apps"]
      apiVersions: ["v1"]
      operations:  ["CREATE", "UPDATE"]
      resources:   ["deployments"]
  variables:
  - name: environment
    expression: "'environment' in namespaceObject.metadata.labels ? namespaceObject.metadata.labels['environment'] : 'prod'"
  - name: exempt
    expression: "'exempt' in object.metadata.labels && object.metadata.labels['exempt'] == 'true'"
  - name: containers
    expression: "object.spec.template.spec.containers"
  - name: containersToCheck
    expression: "variables.containers.filter(c, c.image.contains('example.com'))"
  validations:
  - expression: "variables.exempt || variables.containersToCheck.all(c, c.image.startsWith(variables.environment + '.'))"
    messageExpression: "'only ' + variables.environment + ' images are allowed in namespace ' + namespaceObject.metadata.name"
---
apiVersion: admissionregistration.k8s.io/v1beta1
kind: ValidatingAdmissionPolicyBinding
metadata:
  name: "demo-binding-test.example.com"
spec:
  policyName: "image-matches-namespace-environment.policy.example.com"
  validationActions: [Deny]
`;
  const withImage = (name: string, namespace: string, image: string, labels: string) => `---
apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}, namespace: ${namespace}${labels}}
spec:
  template:
    spec:
      containers: [{name: app, image: ${image}}]
`;
  const manifests = `apiVersion: v1
kind: Namespace
metadata: {name: dev, labels: {environment: dev}}
${withImage('invalid', 'default', 'dev.example.com/nginx', ', labels: {app: invalid}')}${withImage('valid', 'dev', 'dev.example.com/nginx', ', labels: {app: valid}')}${withImage('exempt', 'default', 'dev.example.com/nginx', ", labels: {exempt: 'true'}")}${withImage('unlabelled', 'default', 'dev.example.com/nginx', '')}${withImage('unlabelled-ok', 'default', 'prod.example.com/nginx', '')}`;
  const results = scan(policy, manifests);

  it('denies a dev image in a namespace defaulting to prod, with the documented message', () => {
    assert.equal(
      results.get('default/invalid')?.statusMessage,
      `deployments.apps "invalid" is forbidden: ValidatingAdmissionPolicy 'image-matches-namespace-environment.policy.example.com' with binding 'demo-binding-test.example.com' denied request: only prod images are allowed in namespace default`,
    );
  });

  it('allows a dev image in the dev namespace and an exempt deployment', () => {
    assert.equal(results.get('dev/valid')?.allowed, true);
    assert.equal(results.get('default/exempt')?.allowed, true);
  });

  it('reports a variable that fails to evaluate the way Kubernetes does', () => {
    assert.equal(
      results.get('default/unlabelled')?.decisions[0]?.detail,
      "expression 'variables.exempt || variables.containersToCheck.all(c, c.image.startsWith(variables.environment + '.'))' resulted in error: composited variable \"exempt\" fails to evaluate: no such key: 'labels'",
    );
  });

  it('lets || absorb a variable error when the other side is true, as cel-go does', () => {
    assert.equal(results.get('default/unlabelled-ok')?.allowed, true);
  });

  it('reports a variable that fails to compile where it is used', () => {
    const broken = `apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata: {name: broken-variable}
spec:
  matchConstraints:
    resourceRules: [{apiGroups: [apps], apiVersions: [v1], operations: [CREATE], resources: [deployments]}]
  variables:
  - name: broken
    expression: "object.spec.replicas >"
  - name: uses
    expression: "variables.broken"
  validations:
  - expression: "variables.uses == true"
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata: {name: all}
spec: {policyName: broken-variable, validationActions: [Deny]}
`;
    const compiled = compileAdmissionPolicies(load(broken));
    assert.deepEqual(
      compiled.problems.map((p) => [formatPath(p.path), p.message, p.expressionLocation]),
      [['spec.variables[0].expression', 'compilation failed: ERROR: <input>:1:23: syntax error: unexpected end of expression', { line: 1, column: 23 }]],
    );
    const [result] = evaluateAdmissionPolicies(compiled, load(deployment('web', 'default', 1)));
    assert.equal(
      result?.decisions[0]?.detail,
      `expression 'variables.uses == true' resulted in error: composited variable "uses" fails to evaluate: composited variable "broken" fails to compile: compilation failed: ERROR: <input>:1:23: syntax error: unexpected end of expression\n | object.spec.replicas >\n | ......................^`,
    );
  });
});

describe('failurePolicy', () => {
  const policy = (failurePolicy: string, expression: string, actions = '[Deny]') => `apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata: {name: p}
spec:
  failurePolicy: ${failurePolicy}
  matchConstraints:
    resourceRules: [{apiGroups: [apps], apiVersions: [v1], operations: [CREATE], resources: [deployments]}]
  validations:
  - expression: ${JSON.stringify(expression)}
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata: {name: b}
spec: {policyName: p, validationActions: ${actions}}
`;
  const manifests = deployment('web', 'default', 2);
  const cases: [name: string, failurePolicy: string, expression: string, expected: ReturnType<typeof summary>][] = [
    [
      'Fail denies on an evaluation error',
      'Fail',
      "object.spec.xyz == 'a'",
      {
        allowed: false,
        denyMessage: "ValidatingAdmissionPolicy 'p' with binding 'b' denied request: expression 'object.spec.xyz == 'a'' resulted in error: no such key: 'xyz'",
        warnings: [],
        decisions: [{ kind: 'error', actions: ['Deny'], detail: "expression 'object.spec.xyz == 'a'' resulted in error: no such key: 'xyz'" }],
        ignored: [],
      },
    ],
    ['Ignore allows on an evaluation error', 'Ignore', "object.spec.xyz == 'a'", { ...allowed, ignored: ["expression 'object.spec.xyz == 'a'' resulted in error: no such key: 'xyz'"] }],
    [
      'Fail denies on a compile error',
      'Fail',
      'object.spec.replicas <= ',
      {
        allowed: false,
        denyMessage:
          "ValidatingAdmissionPolicy 'p' with binding 'b' denied request: compilation error: compilation failed: ERROR: <input>:1:25: syntax error: unexpected end of expression\n | object.spec.replicas <= \n | ........................^",
        warnings: [],
        decisions: [
          {
            kind: 'error',
            actions: ['Deny'],
            detail: 'compilation error: compilation failed: ERROR: <input>:1:25: syntax error: unexpected end of expression\n | object.spec.replicas <= \n | ........................^',
          },
        ],
        ignored: [],
      },
    ],
    ['Ignore allows on a compile error', 'Ignore', 'object.spec.paused', { ...allowed, ignored: ['compilation error: must evaluate to bool but got dyn'] }],
    [
      'an authorizer check is an error offline',
      'Fail',
      "authorizer.group('apps').resource('deployments').check('create').allowed()",
      {
        allowed: false,
        denyMessage:
          "ValidatingAdmissionPolicy 'p' with binding 'b' denied request: expression 'authorizer.group('apps').resource('deployments').check('create').allowed()' resulted in error: no authorizer is available offline: authorization checks (authorizer.*) cannot be evaluated without a cluster",
        warnings: [],
        decisions: [
          {
            kind: 'error',
            actions: ['Deny'],
            detail: "expression 'authorizer.group('apps').resource('deployments').check('create').allowed()' resulted in error: no authorizer is available offline: authorization checks (authorizer.*) cannot be evaluated without a cluster",
          },
        ],
        ignored: [],
      },
    ],
  ];
  for (const [name, failurePolicy, expression, expected] of cases) it(name, () => assert.deepEqual(summary(scan(policy(failurePolicy, expression), manifests).get('default/web')), expected));

  it('an error under Fail follows the validationActions: [Warn] only warns', () => {
    const result = scan(policy('Fail', "object.spec.xyz == 'a'", '[Warn]'), manifests).get('default/web');
    assert.equal(result?.allowed, true);
    assert.deepEqual(result?.warnings, ["Validation failed for ValidatingAdmissionPolicy 'p' with binding 'b': expression 'object.spec.xyz == 'a'' resulted in error: no such key: 'xyz'"]);
  });

  it('the documentation failure-policy-ignore example allows what it cannot evaluate', () => {
    const withParams = policy('Ignore', 'object.spec.xyz == params.x').replace('spec:\n  failurePolicy', 'spec:\n  paramKind: {apiVersion: v1, kind: ConfigMap}\n  failurePolicy');
    assert.equal(scan(withParams, manifests).get('default/web')?.allowed, true);
  });
});

describe('audit annotations', () => {
  // access/validating-admission-policy-audit-annotation.yaml
  const policy = `apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata:
  name: "demo-policy.example.com"
spec:
  failurePolicy: Fail
  matchConstraints:
    resourceRules:
    - apiGroups:   ["apps"]
      apiVersions: ["v1"]
      operations:  ["CREATE", "UPDATE"]
      resources:   ["deployments"]
  validations:
    - expression: "object.spec.replicas > 50"
      messageExpression: "'Deployment spec.replicas set to ' + string(object.spec.replicas)"
  auditAnnotations:
    - key: "high-replica-count"
      valueExpression: "'Deployment spec.replicas set to ' + string(object.spec.replicas)"
    - key: "only-when-huge"
      valueExpression: "object.spec.replicas > 100 ? 'huge' : null"
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata: {name: audit-all}
spec: {policyName: demo-policy.example.com, validationActions: [Audit]}
`;
  const results = scan(policy, deployment('many', 'default', 128) + deployment('few', 'default', 3));

  it('are collected under the policy name, null values left out', () => {
    assert.deepEqual(results.get('default/many')?.auditAnnotations, {
      'demo-policy.example.com/high-replica-count': 'Deployment spec.replicas set to 128',
      'demo-policy.example.com/only-when-huge': 'huge',
    });
    assert.deepEqual(results.get('default/many')?.decisions, []);
  });

  it('sit beside the validation failure record', () => {
    assert.deepEqual(results.get('default/few')?.auditAnnotations, {
      'validation.policy.admission.k8s.io/validation_failure':
        '[{"message":"Deployment spec.replicas set to 3","policy":"demo-policy.example.com","binding":"audit-all","expressionIndex":0,"validationActions":["Audit"]}]',
      'demo-policy.example.com/high-replica-count': 'Deployment spec.replicas set to 3',
    });
  });

  it('one that cannot be computed denies under Fail, whatever the actions', () => {
    const broken = policy.replace("valueExpression: \"object.spec.replicas > 100 ? 'huge' : null\"", 'valueExpression: "object.metadata.name"');
    assert.deepEqual(summary(scan(broken, deployment('many', 'default', 128)).get('default/many'))?.decisions, [
      { kind: 'error', actions: ['Deny'], detail: 'compilation error: must evaluate to one of [string null_type] but got dyn' },
    ]);
  });
});

describe('reasons', () => {
  it("a validation's reason becomes the status reason and code", () => {
    const policy = DEMO_POLICY.replace('- expression: "object.spec.replicas <= 5"', '- expression: "object.spec.replicas <= 5"\n      reason: Forbidden');
    const result = scan(policy + demoBinding('[Deny]'), NAMESPACES + deployment('nginx', 'test', 6)).get('test/nginx');
    assert.equal(result?.reason, 'Forbidden');
    assert.equal(result?.code, 403);
    assert.equal(result?.decisions[0]?.reason, 'Forbidden');
  });
});

describe('the variables given to CEL', () => {
  const policy = (validations: string[], rules = '{apiGroups: ["*"], apiVersions: ["*"], operations: ["*"], resources: ["*"]}') => `apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata: {name: vars}
spec:
  matchConstraints:
    resourceRules: [${rules}]
  validations:
${validations.map((v, i) => `  - expression: ${JSON.stringify(v)}\n    message: "check ${i}"`).join('\n')}
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata: {name: all}
spec: {policyName: vars, validationActions: [Deny]}
`;
  const failures = (result: VapResourceResult | undefined) => result?.decisions.map((d) => d.detail);

  it('request describes a CREATE by the configured user', () => {
    const checks = [
      "request.operation == 'CREATE'",
      "request.kind == {'group': 'apps', 'version': 'v1', 'kind': 'Deployment'}",
      "request.resource == {'group': 'apps', 'version': 'v1', 'resource': 'deployments'}",
      'request.requestKind == request.kind && request.requestResource == request.resource',
      "request.name == 'web' && request.namespace == 'shop'",
      "request.userInfo == {'username': dyn('alice'), 'groups': ['dev', 'system:authenticated']}",
      '!has(request.subResource) && request.dryRun == false',
      "request.options == {'kind': 'CreateOptions', 'apiVersion': 'meta.k8s.io/v1'}",
      'oldObject == null',
      "object.metadata.namespace == 'shop'",
      "namespaceObject.metadata == {'name': dyn('shop'), 'labels': {'kubernetes.io/metadata.name': 'shop'}}",
    ];
    const result = scan(policy(checks), deployment('web', 'shop', 1), { user: { username: 'alice', groups: ['dev', 'system:authenticated'] } }).get('shop/web');
    assert.deepEqual(failures(result), []);
  });

  it('namespaceObject is the Namespace from the input, labels and all', () => {
    const checks = ["namespaceObject.metadata.labels == {'environment': 'test', 'kubernetes.io/metadata.name': 'test'}", "namespaceObject.status.phase == 'Active'", "!has(namespaceObject.metadata.managedFields)"];
    const result = scan(policy(checks), NAMESPACES + deployment('web', 'test', 1)).get('test/web');
    assert.deepEqual(failures(result), []);
  });

  it('a Namespace is its own request namespace, and has no namespaceObject', () => {
    const checks = ["request.namespace == 'test'", 'namespaceObject == null', "object.metadata.labels['kubernetes.io/metadata.name'] == 'test'", '!has(object.metadata.namespace)'];
    assert.deepEqual(failures(scan(policy(checks), NAMESPACES).get('test')), []);
  });

  it('a cluster-scoped object has no namespace and no namespaceObject', () => {
    const checks = ['!has(request.namespace)', 'namespaceObject == null', "request.resource.resource == 'clusterroles'"];
    const manifests = 'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: reader}\nrules: []\n';
    assert.deepEqual(failures(scan(policy(checks), manifests).get('reader')), []);
  });

  it('a custom resource gets its plural from its CRD', () => {
    const crd = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: widgets.example.com}
spec:
  group: example.com
  scope: Cluster
  names: {kind: Widget, plural: widgetz}
---
apiVersion: example.com/v1
kind: Widget
metadata: {name: w}
`;
    const checks = ["request.resource.resource == 'widgetz'", '!has(request.namespace)', '!has(object.metadata.namespace)'];
    const results = scan(policy(checks, '{apiGroups: ["example.com"], apiVersions: ["*"], operations: ["*"], resources: ["*"], scope: Cluster}'), crd);
    // The loader gave the unknown kind the default namespace; the CRD says it is cluster-scoped.
    assert.deepEqual(failures(results.get('default/w')), []);
  });

  it('params is undeclared for a policy without paramKind', () => {
    const compiled = compileAdmissionPolicies(load(policy(['params == null'])));
    assert.deepEqual(compiled.problems.map((p) => p.message), ["compilation failed: ERROR: <input>:1:1: undeclared reference to 'params'"]);
  });

  it('the policy kinds themselves are never evaluated', () => {
    assert.equal(scan(policy(['false']), policy(['false'])).size, 0);
  });
});

describe('policy versions', () => {
  it('v1alpha1 defaults parameterNotFoundAction to Deny', () => {
    const policies = REPLICA_LIMIT_POLICY.replaceAll('admissionregistration.k8s.io/v1', 'admissionregistration.k8s.io/v1alpha1') + REPLICA_LIMIT_BINDINGS.replaceAll('admissionregistration.k8s.io/v1', 'admissionregistration.k8s.io/v1alpha1').replaceAll('    parameterNotFoundAction: Deny\n', '');
    const compiled = compileAdmissionPolicies(load(policies));
    assert.deepEqual(compiled.problems, []);
    const [result] = evaluateAdmissionPolicies(compiled, load(NAMESPACES + deployment('web', 'test', 1)));
    assert.equal(result?.decisions[0]?.kind, 'param-not-found');
  });

  it('v1 requires it, and an unset one behaves as Allow', () => {
    const compiled = compileAdmissionPolicies(load(REPLICA_LIMIT_POLICY + REPLICA_LIMIT_BINDINGS.replaceAll('    parameterNotFoundAction: Deny\n', '')));
    assert.deepEqual(
      compiled.problems.map((p) => [p.resource.name, formatPath(p.path), p.message]),
      [
        ['replicalimit-binding-test.example.com', 'spec.paramRef.parameterNotFoundAction', 'Required value'],
        ['replicalimit-binding-nontest', 'spec.paramRef.parameterNotFoundAction', 'Required value'],
      ],
    );
    assert.deepEqual(evaluateAdmissionPolicies(compiled, load(NAMESPACES + deployment('web', 'test', 1))), []);
  });
});

describe('bindings and order', () => {
  it('a binding whose policy is missing is reported and does nothing', () => {
    const compiled = compileAdmissionPolicies(load(demoBinding('[Deny]')));
    assert.deepEqual(
      compiled.problems.map((p) => [p.code, formatPath(p.path), p.message]),
      [['missing-policy', 'spec.policyName', "ValidatingAdmissionPolicy 'demo-policy.example.com' is not in the input: the binding has no effect"]],
    );
    assert.deepEqual(evaluateAdmissionPolicies(compiled, load(NAMESPACES + deployment('nginx', 'test', 9))), []);
  });

  it('a policy without a binding does nothing', () => {
    assert.equal(scan(DEMO_POLICY, NAMESPACES + deployment('nginx', 'test', 9)).size, 0);
  });

  it('every failing policy is listed; the first denial is the status', () => {
    const second = DEMO_POLICY.replaceAll('demo-policy.example.com', 'second-policy').replace('object.spec.replicas <= 5', 'object.spec.replicas <= 2');
    const bindAll = (name: string) => `---\napiVersion: admissionregistration.k8s.io/v1\nkind: ValidatingAdmissionPolicyBinding\nmetadata: {name: ${name}-binding}\nspec: {policyName: ${name}, validationActions: [Deny]}\n`;
    const result = scan(`${second}${bindAll('second-policy')}---\n${DEMO_POLICY}${bindAll('demo-policy.example.com')}`, deployment('nginx', 'default', 9)).get('default/nginx');
    assert.deepEqual(result?.decisions.map((d) => d.policy), ['second-policy', 'demo-policy.example.com']);
    assert.equal(result?.denyMessage, "ValidatingAdmissionPolicy 'second-policy' with binding 'second-policy-binding' denied request: failed expression: object.spec.replicas <= 2");
  });

  it('a fieldPath hint points the decision at a field', () => {
    const policy = DEMO_POLICY.replace('- expression: "object.spec.replicas <= 5"', '- expression: "object.spec.replicas <= 5"\n      fieldPath: "spec.replicas"');
    const result = scan(policy + demoBinding('[Deny]'), NAMESPACES + deployment('nginx', 'test', 6)).get('test/nginx');
    assert.deepEqual(result?.decisions[0]?.fieldPath, ['spec', 'replicas']);
  });
});

describe('admitRequest with an explicit request', () => {
  const policies = compileAdmissionPolicies(
    load(`apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata: {name: no-scale-down}
spec:
  matchConstraints:
    resourceRules: [{apiGroups: [apps], apiVersions: [v1], operations: [UPDATE], resources: [deployments, deployments/scale]}]
  validations:
  - expression: "object.spec.replicas >= oldObject.spec.replicas"
    messageExpression: "'cannot scale down from ' + string(oldObject.spec.replicas)"
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata: {name: everywhere}
spec: {policyName: no-scale-down, validationActions: [Deny]}
`),
  );
  const cluster = clusterFromResources([], new ResourceCatalog());
  const update = (operation: AdmissionRequestInput['operation'], subResource?: string): AdmissionRequestInput => ({
    operation,
    kind: { group: 'apps', version: 'v1', kind: 'Deployment' },
    resource: { group: 'apps', version: 'v1', resource: 'deployments' },
    ...(subResource !== undefined ? { subResource } : {}),
    name: 'web',
    namespace: 'shop',
    object: { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'shop' }, spec: { replicas: 2 } },
    oldObject: { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'shop' }, spec: { replicas: 5 } },
    userInfo: { username: 'alice' },
    options: { kind: 'UpdateOptions', apiVersion: 'meta.k8s.io/v1' },
  });

  it('uses operation and oldObject', () => {
    const outcome = admitRequest(policies, update('UPDATE'), cluster);
    assert.equal(outcome.statusMessage, `deployments.apps "web" is forbidden: ValidatingAdmissionPolicy 'no-scale-down' with binding 'everywhere' denied request: cannot scale down from 5`);
  });

  it('matches subresources named in the rule', () => {
    assert.equal(admitRequest(policies, update('UPDATE', 'scale'), cluster).allowed, false);
    assert.equal(admitRequest(policies, update('UPDATE', 'status'), cluster).matched.length, 0);
  });

  it('does not match other operations', () => {
    assert.deepEqual(admitRequest(policies, update('CREATE'), cluster).matched, []);
  });
});

describe('cost limits', () => {
  const policy = (validations: string[]) => `apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata: {name: costly}
spec:
  matchConstraints:
    resourceRules: [{apiGroups: [""], apiVersions: [v1], operations: [CREATE], resources: [configmaps]}]
  variables:
  - name: items
    expression: "object.data.list.split(',')"
  validations:
${validations.map((v) => `  - expression: ${JSON.stringify(v)}`).join('\n')}
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata: {name: all}
spec: {policyName: costly, validationActions: [Deny]}
`;
  const configMap = (items: number) => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata:\n  list: "${Array.from({ length: items }, (_, i) => `i${i}`).join(',')}"\n`;

  it('an expression over the per-expression limit is an error', () => {
    const result = scan(policy(['variables.items.all(a, variables.items.all(b, variables.items.all(c, true)))']), configMap(300)).get('default/c');
    assert.deepEqual(summary(result)?.decisions, [
      { kind: 'error', actions: ['Deny'], detail: "expression 'variables.items.all(a, variables.items.all(b, variables.items.all(c, true)))' resulted in error: operation cancelled: actual cost limit exceeded" },
    ]);
  });

  it('validations that together exceed the budget stop with one error', () => {
    // Each costs a little under the per-expression limit; the eleventh exhausts the 10,000,000 budget.
    const result = scan(policy(Array<string>(11).fill("variables.items.all(a, variables.items.all(b, a != '' || b != ''))")), configMap(700)).get('default/c');
    assert.deepEqual(summary(result)?.decisions, [{ kind: 'error', actions: ['Deny'], detail: 'validation failed due to running out of cost budget, no further validation rules will be run' }]);
    assert.equal(formatPath(result?.decisions[0]?.policyPath ?? []), 'spec.validations[10].expression');
  });
});
