import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseSource } from '../loader/parse.js';
import { DEFAULT_LIMITS } from '../loader/types.js';
import { extractResources } from '../model/resource.js';
import { compileAdmissionPolicies, evaluateAdmissionPolicies } from './admission.js';
import { vapFindingReports, vapProblemDiagnostics } from './findings.js';

const POLICIES = `apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata: {name: replicas}
spec:
  matchConstraints:
    resourceRules: [{apiGroups: [apps], apiVersions: [v1], operations: [CREATE], resources: [deployments]}]
  validations:
  - expression: "object.spec.replicas <= 5"
    fieldPath: spec.replicas
  - expression: "object.metadata.name.size() < 5"
  - expression: "object.spec.replicas <"
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata: {name: deny}
spec: {policyName: replicas, validationActions: [Deny]}
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata: {name: warn}
spec: {policyName: replicas, validationActions: [Warn, Audit]}
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata: {name: audit}
spec: {policyName: replicas, validationActions: [Audit]}
`;
const MANIFESTS = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: frontend
  namespace: shop
spec:
  replicas: 9
`;

describe('finding reports', () => {
  const policies = extractResources(parseSource('vap.yaml', POLICIES, DEFAULT_LIMITS).documents, 'default').resources;
  const manifests = extractResources(parseSource('app.yaml', MANIFESTS, DEFAULT_LIMITS).documents, 'default', policies.length).resources;
  const compiled = compileAdmissionPolicies(policies);
  const reports = vapFindingReports(evaluateAdmissionPolicies(compiled, manifests));

  it('give each decision a check id, a severity from its actions and a rule', () => {
    assert.deepEqual(
      reports.map((r) => [r.checkId, r.severity, r.rule, r.path]),
      [
        ['vap/replicas', 'high', 'deny/validations[0]', ['spec', 'replicas']],
        ['vap/replicas', 'high', 'deny/validations[1]', []],
        ['vap/replicas', 'high', 'deny/validations[2]', []],
        ['vap/replicas', 'medium', 'warn/validations[0]', ['spec', 'replicas']],
        ['vap/replicas', 'medium', 'warn/validations[1]', []],
        ['vap/replicas', 'medium', 'warn/validations[2]', []],
        ['vap/replicas', 'low', 'audit/validations[0]', ['spec', 'replicas']],
        ['vap/replicas', 'low', 'audit/validations[1]', []],
        ['vap/replicas', 'low', 'audit/validations[2]', []],
      ],
    );
    assert.equal(reports[0]?.message, "ValidatingAdmissionPolicy 'replicas' with binding 'deny' denied request: failed expression: object.spec.replicas <= 5");
    assert.equal(reports[3]?.message, "Validation failed for ValidatingAdmissionPolicy 'replicas' with binding 'warn': failed expression: object.spec.replicas <= 5");
  });

  it('turn problems into diagnostics at the line of the field', () => {
    assert.deepEqual(vapProblemDiagnostics(compiled.problems), [
      { severity: 'warning', code: 'vap-unknown-field', message: 'ValidatingAdmissionPolicy replicas: spec.validations[0].fieldPath: unknown field: the API server drops it; Bulwark only uses it to point findings at a field', file: 'vap.yaml', line: 9, column: 5 },
      { severity: 'error', code: 'vap-invalid-expression', message: 'ValidatingAdmissionPolicy replicas: spec.validations[2].expression: compilation failed: ERROR: <input>:1:23: syntax error: unexpected end of expression', file: 'vap.yaml', line: 11, column: 5 },
    ]);
  });
});
