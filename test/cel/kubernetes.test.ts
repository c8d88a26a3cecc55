/**
 * End-to-end use as Kubernetes uses CEL: a ValidatingAdmissionPolicy evaluated offline, and
 * the CRD validation-rule examples from the Kubernetes documentation ("CEL in Kubernetes").
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createCelEnvironment, type CelValue } from '../../src/cel/index.js';
import { table } from './helpers.js';

describe('ValidatingAdmissionPolicy walk-through', () => {
  const env = createCelEnvironment();
  const variables = env.compileVariables([
    { name: 'containers', expression: 'object.spec.template.spec.containers' },
    { name: 'requiredLabels', expression: "['app', 'team']" },
    { name: 'missingLabels', expression: "variables.requiredLabels.filter(l, !(l in object.metadata.?labels.orValue({})))" },
  ]);
  const validations = [
    {
      expression: 'size(variables.missingLabels) == 0',
      messageExpression: "'missing labels: ' + variables.missingLabels.join(', ')",
    },
    {
      expression: "variables.containers.all(c, c.image.startsWith('registry.example.com/'))",
      messageExpression: "'untrusted images: ' + variables.containers.filter(c, !c.image.startsWith('registry.example.com/')).map(c, c.image).join(', ')",
    },
    {
      expression: 'params == null || object.spec.replicas <= params.maxReplicas',
      messageExpression: "'at most ' + string(params.maxReplicas) + ' replicas'",
    },
  ].map((v) => ({
    validation: env.compile(v.expression, { variables, resultType: 'bool' }),
    message: env.compile(v.messageExpression, { variables, resultType: 'string' }),
  }));

  function admit(object: unknown, params: unknown): string[] {
    // One activation per request: the object is converted once and variables computed once.
    const activation = env.activation({ object, params, request: { operation: 'CREATE' } }, variables);
    const messages: string[] = [];
    for (const { validation, message } of validations) {
      const result = validation.evaluate(activation);
      if (!result.ok) messages.push(`error: ${result.error.message}`);
      else if (result.value !== true) {
        const text = message.evaluate(activation);
        messages.push(text.ok ? String(text.value as CelValue) : `error: ${text.error.message}`);
      }
    }
    return messages;
  }

  const deployment = (labels: Record<string, string>, images: string[], replicas: number) => ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', labels },
    spec: { replicas, template: { spec: { containers: images.map((image, i) => ({ name: `c${i}`, image })) } } },
  });

  it('admits a compliant object', () => {
    assert.deepEqual(admit(deployment({ app: 'web', team: 'shop' }, ['registry.example.com/web:1'], 2), { maxReplicas: 5 }), []);
  });

  it('reports each failed validation with its message', () => {
    assert.deepEqual(admit(deployment({ app: 'web' }, ['registry.example.com/web:1', 'docker.io/nginx'], 9), { maxReplicas: 5 }), [
      'missing labels: team',
      'untrusted images: docker.io/nginx',
      'at most 5 replicas',
    ]);
  });

  it('treats a missing paramKind as null params', () => {
    assert.deepEqual(admit(deployment({ app: 'a', team: 't' }, [], 100), undefined), []);
  });
});

describe('CRD validation rule examples from the Kubernetes documentation', () => {
  const env = createCelEnvironment({ variables: ['self', 'oldSelf'] });
  const self = {
    minReplicas: 1,
    replicas: 3,
    maxReplicas: 5,
    stateCounts: { Available: 2 },
    list1: [],
    list2: ['x'],
    map1: { MY_KEY: 'abc' },
    envars: [{ name: 'MY_ENV', value: 'letters' }, { name: 'OTHER', value: '123' }],
    created: '2024-01-01T00:00:00Z',
    ttl: '24h',
    expired: '2024-01-03T00:00:00Z',
    health: 'ok: all good',
    widgets: [{ key: 'x', foo: 5 }],
    metadata: { name: 'my-prefix-object' },
    prefix: 'my-prefix',
    set1: ['a', 'b'],
    set2: ['c'],
    names: ['a', 'b'],
    details: { a: {}, b: {} },
    clusters: [{ name: 'primary' }, { name: 'secondary' }],
    primary: 'primary',
  };
  table(
    [
      ['self.minReplicas <= self.replicas && self.replicas <= self.maxReplicas', 'true'],
      ["'Available' in self.stateCounts", 'true'],
      ['(size(self.list1) == 0) != (size(self.list2) == 0)', 'true'],
      ["!('MY_KEY' in self.map1) || self.map1['MY_KEY'].matches('^[a-zA-Z]*$')", 'true'],
      ["self.envars.filter(e, e.name == 'MY_ENV').all(e, e.value.matches('^[a-zA-Z]*$'))", 'true'],
      ['has(self.expired) && timestamp(self.created) + duration(self.ttl) < timestamp(self.expired)', 'true'],
      ["self.health.startsWith('ok')", 'true'],
      ["self.widgets.exists(w, w.key == 'x' && w.foo < 10)", 'true'],
      ["type(self.replicas) == string ? self.replicas == '99%' : self.replicas == 3", 'true'],
      ['self.metadata.name.startsWith(self.prefix)', 'true'],
      ['self.set1.all(e, !(e in self.set2))', 'true'],
      ['size(self.names) == size(self.details) && self.names.all(n, n in self.details)', 'true'],
      ['size(self.clusters.filter(c, c.name == self.primary)) == 1', 'true'],
      ['oldSelf == null || self.replicas >= oldSelf.replicas', { error: "no value for variable 'oldSelf'" }],
    ],
    { self },
    env,
  );
});
