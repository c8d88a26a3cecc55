import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { describe, it } from 'node:test';
import { CORPUS, filesUnder, HAS_CORPUS, noteMissingCorpus } from '../../test/helpers.js';
import { parseSource } from '../loader/parse.js';
import { DEFAULT_LIMITS } from '../loader/types.js';
import { extractResources, isRecord, type Resource } from '../model/resource.js';
import { compileAdmissionPolicies, evaluateAdmissionPolicies } from './admission.js';
import { isBindingResource, isPolicyResource } from './parse.js';

const POLICIES = `apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata: {name: named}
spec:
  matchConstraints:
    resourceRules: [{apiGroups: ["*"], apiVersions: ["*"], operations: ["CREATE"], resources: ["*"]}]
  validations:
  - expression: "has(object.metadata.name) && object.metadata.name != '' && request.kind.kind == object.kind"
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata: {name: named-everywhere}
spec: {policyName: named, validationActions: [Deny]}
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata: {name: limits}
spec:
  matchConstraints:
    resourceRules: [{apiGroups: [apps], apiVersions: [v1], operations: [CREATE], resources: [deployments, daemonsets, statefulsets]}]
  variables:
  - name: containers
    expression: "object.spec.template.spec.containers + object.spec.template.spec.?initContainers.orValue([])"
  validations:
  - expression: "variables.containers.all(c, has(c.resources) && has(c.resources.limits) && 'memory' in c.resources.limits)"
    messageExpression: "'containers without a memory limit: ' + variables.containers.filter(c, !has(c.resources) || !has(c.resources.limits) || !('memory' in c.resources.limits)).map(c, c.name).join(', ')"
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata: {name: limits-everywhere}
spec: {policyName: limits, validationActions: [Warn]}
`;

/** The same rule as the `limits` policy, in plain code, to check the CEL evaluation against. */
function lacksMemoryLimit(resource: Resource): boolean {
  const template = isRecord(resource.object.spec) && isRecord(resource.object.spec.template) ? resource.object.spec.template : {};
  const spec = isRecord(template.spec) ? template.spec : {};
  const containers = [...(Array.isArray(spec.containers) ? spec.containers : []), ...(Array.isArray(spec.initContainers) ? spec.initContainers : [])];
  return containers.some((container) => {
    const limits = isRecord(container) && isRecord(container.resources) ? container.resources.limits : undefined;
    return !isRecord(limits) || !('memory' in limits);
  });
}

describe('ValidatingAdmissionPolicies over real-world manifests', { skip: !HAS_CORPUS && 'corpus not present' }, () => {
  if (!HAS_CORPUS) {
    noteMissingCorpus('ValidatingAdmissionPolicy evaluation over real-world manifests');
    return;
  }
  const resources: Resource[] = [];
  for (const file of filesUnder(`${CORPUS}/real-world`, ['.yaml', '.yml', '.json'])) {
    const parsed = parseSource(relative(CORPUS, file), readFileSync(file, 'utf8'), DEFAULT_LIMITS);
    resources.push(...extractResources(parsed.documents, 'default', resources.length).resources);
  }
  const compiled = compileAdmissionPolicies(extractResources(parseSource('policies.yaml', POLICIES, DEFAULT_LIMITS).documents, 'default', resources.length).resources);
  const results = evaluateAdmissionPolicies(compiled, resources);

  it('has the policies without problems and finds the corpus', () => {
    assert.deepEqual(compiled.problems, []);
    assert.ok(resources.length >= 100, `${resources.length} resources`);
  });

  it('evaluates every resource except admission policies themselves, with no evaluation error', () => {
    // Validating and mutating admission policies and their bindings are exempt.
    const exempt = (resource: Resource) => isPolicyResource(resource) || isBindingResource(resource) || (resource.apiVersion.startsWith('admissionregistration.k8s.io/') && /^MutatingAdmissionPolicy(Binding)?$/.test(resource.kind));
    const expected = resources.filter((resource) => !exempt(resource));
    assert.equal(results.length, expected.length);
    const errors = results.flatMap((result) => result.decisions.filter((decision) => decision.kind === 'error').map((decision) => `${result.resource.kind}/${result.resource.name}: ${decision.detail}`));
    assert.deepEqual(errors, []);
    assert.ok(results.every((result) => result.matched.some((pair) => pair.policy === 'named')));
  });

  it('warns about exactly the workloads plain code finds without memory limits', () => {
    const warned = results.filter((result) => result.warnings.length > 0).map((result) => result.resource);
    const expected = resources.filter((resource) => resource.apiVersion === 'apps/v1' && ['Deployment', 'DaemonSet', 'StatefulSet'].includes(resource.kind) && lacksMemoryLimit(resource));
    assert.deepEqual(warned, expected);
    assert.ok(expected.length > 0, 'the corpus has workloads without limits');
    assert.ok(results.every((result) => result.allowed), 'Warn never denies');
  });
});
