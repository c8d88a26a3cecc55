import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import yaml from 'js-yaml';
import {
  CelCompileError,
  CelEvaluationError,
  celToJson,
  createCelEnvironment,
  toCelValue,
  type CelMap,
  type CelResult,
} from '../../src/cel/index.js';
import { table, vapEnv } from './helpers.js';

const deployment = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'shop', labels: { app: 'web' }, creationTimestamp: '2024-05-01T10:00:00Z' },
  spec: {
    replicas: 3,
    paused: null,
    progressDeadlineSeconds: 600.5,
    template: {
      spec: {
        containers: [
          { name: 'app', image: 'registry.example.com/web:1.2', securityContext: { privileged: false }, resources: { limits: { memory: '512Mi' } } },
          { name: 'sidecar', image: 'busybox' },
        ],
      },
    },
  },
};

function value(result: CelResult): unknown {
  if (!result.ok) assert.fail(result.error.message);
  return result.value;
}

describe('CEL engine', () => {
  describe('Kubernetes data', () => {
    table(
      [
        // JSON integers are CEL ints, other numbers doubles.
        ['type(object.spec.replicas) == int', 'true'],
        ['object.spec.replicas == 3', 'true'],
        ['object.spec.replicas == 3.0', 'true'], // heterogeneous numeric equality
        ['object.spec.replicas < 3.5', 'true'],
        ['type(object.spec.progressDeadlineSeconds) == double', 'true'],
        ['object.spec.replicas + 1', '4'],
        ['object.spec.replicas + 1.0', { error: "no matching overload for '_+_' applied to '(int, double)'" }],
        // has() and missing fields
        ['has(object.metadata.labels)', 'true'],
        ['has(object.metadata.annotations)', 'false'],
        ['has(object.metadata.annotations.foo)', { error: "no such key: 'annotations'" }],
        ['object.metadata.annotations', { error: "no such key: 'annotations'" }],
        ["object.metadata.labels['app']", "'web'"],
        ["object.metadata.labels['tier']", { error: "no such key: 'tier'" }],
        // null fields are present, and equal null
        ['has(object.spec.paused)', 'true'],
        ['object.spec.paused == null', 'true'],
        // optionals
        ["object.metadata.?annotations.?owner.orValue('nobody')", "'nobody'"],
        ["object.metadata.labels.?app.orValue('none')", "'web'"],
        ['object.spec.template.spec.containers[?5].hasValue()', 'false'],
        // macros over lists and maps
        ['object.spec.template.spec.containers.all(c, c.image.contains("/"))', 'false'],
        ['object.spec.template.spec.containers.exists_one(c, has(c.securityContext))', 'true'],
        ["object.spec.template.spec.containers.filter(c, !has(c.resources)).map(c, c.name)", "['sidecar']"],
        ["object.metadata.labels.all(k, k.startsWith('a'))", 'true'],
        ['object.spec.template.spec.containers.exists(i, c, i == 1 && c.name == "sidecar")', 'true'],
        ["object.metadata.labels.transformMap(k, v, v + '-x')", "{'app': 'web-x'}"],
        // VAP variables that are absent are null
        ['oldObject == null && params == null && namespaceObject == null', 'true'],
        ["request.operation == 'CREATE'", 'true'],
        // time
        ["timestamp(object.metadata.creationTimestamp) + duration('24h') > timestamp('2024-05-02T00:00:00Z')", 'true'],
        ["timestamp(object.metadata.creationTimestamp).getHours('Europe/Paris')", '12'],
        // runtime errors are reported, not thrown
        ['object.spec.replicas / 0', { error: 'division by zero' }],
        ['int("12a")', { error: "'12a' is not an integer" }],
      ],
      { object: deployment, request: { operation: 'CREATE' } },
    );
  });

  describe('compile errors', () => {
    table([
      ['object.spec.replicas >', { compileError: 'syntax error: unexpected end of expression' }],
      ['object.spec.replicas = 3', { compileError: "unexpected character '='" }],
      ['"unterminated', { compileError: 'unterminated string literal' }],
      ['objekt.spec', { compileError: "undeclared reference to 'objekt'" }],
      ['object.spec.containers.all(c, c.name.startsWith(1))', { compileError: "found no matching overload for 'startsWith' applied to 'dyn.(int)'" }],
      ["size(object) + 'a'", { compileError: "found no matching overload for '_+_' applied to '(int, string)'" }],
      ['lenght(object)', { compileError: "undeclared reference to 'lenght'" }],
      ["[1, 'a']", { compileError: "expected type 'int' but found 'string'" }],
      ["{'a': 1, 'b': 'c'}", { compileError: "expected type 'int' but found 'string'" }],
      ['duration("1x")', { compileError: "invalid duration '1x'" }],
      ['timestamp("yesterday")', { compileError: 'is not an RFC 3339 timestamp' }],
      ["'x'.matches('(')", { compileError: 'missing closing )' }],
      ['TestAllTypes{}', { compileError: 'message construction is not supported' }],
      ['1 ? 2 : 3', { compileError: "expected a bool condition, found 'int'" }],
      ['dyn', { compileError: "undeclared reference to 'dyn'" }],
      ['while', { compileError: "reserved identifier 'while'" }],
      ['9223372036854775808', { compileError: 'integer literal out of range' }],
    ]);

    it('gives line, column and a caret for each issue', () => {
      const error = vapEnv.tryCompile('object.spec.replicas > 1 &&\n  objct.kind == "Pod"');
      assert.equal(error.ok, false);
      if (error.ok) return;
      assert.ok(error.error instanceof CelCompileError);
      assert.deepEqual(
        error.error.issues.map((i) => [i.line, i.column]),
        [[2, 3]],
      );
      assert.equal(error.error.message, "2:3: undeclared reference to 'objct'");
      assert.equal(error.error.describe(), "2:3: undeclared reference to 'objct'\n |   objct.kind == \"Pod\"\n |   ^");
    });

    it('reports every issue it finds', () => {
      const error = vapEnv.tryCompile('a + b');
      assert.equal(error.ok, false);
      if (!error.ok) assert.equal(error.error.issues.length, 2);
    });

    it('checks the result type when asked', () => {
      assert.throws(() => vapEnv.compile("'a' + 'b'", { resultType: 'bool' }), /must evaluate to bool, but its type is string/);
      assert.equal(vapEnv.compile('object.spec.replicas > 1', { resultType: 'bool' }).resultType, 'bool');
      assert.equal(vapEnv.compile('object.spec', { resultType: 'bool' }).resultType, 'dyn'); // unknown until runtime
    });

    it('bounds expression size and nesting depth', () => {
      assert.throws(() => createCelEnvironment({ maxExpressionLength: 10 }).compile('1 + 2 + 3 + 4'), /longer than 10 code points/);
      assert.throws(() => vapEnv.compile(`${'['.repeat(300)}${']'.repeat(300)}`), /nests deeper than 250 levels/);
      assert.throws(() => vapEnv.compile(Array.from({ length: 300 }, () => '1').join(' + ')), /nests deeper than 250 levels/);
      // Long && / || chains are balanced, so they stay shallow.
      assert.equal(value(vapEnv.compile(Array.from({ length: 1000 }, () => 'true').join(' && ')).evaluate()), true);
    });
  });

  describe('runtime errors', () => {
    it('carries the position of the failing sub-expression', () => {
      const result = vapEnv.compile('object.spec.replicas > 1 &&\n  object.spec.selector.matchLabels.app == "web"').evaluate({ object: deployment });
      assert.equal(result.ok, false);
      if (result.ok) return;
      assert.ok(result.error instanceof CelEvaluationError);
      assert.equal(result.error.kind, 'error');
      assert.deepEqual([result.error.location?.line, result.error.location?.column], [2, 15]);
      assert.equal(result.error.message, "2:15: no such key: 'selector'");
    });

    it('lets && and || ignore an error the other side decides', () => {
      assert.equal(value(vapEnv.compile('object.nope == 1 || true').evaluate({ object: {} })), true);
      assert.equal(value(vapEnv.compile('false && object.nope == 1').evaluate({ object: {} })), false);
      assert.equal(value(vapEnv.compile('[1, 0].exists(x, 1 / x == 1)').evaluate()), true);
    });

    it('throws from evaluateOrThrow', () => {
      assert.throws(() => vapEnv.compile('1 / 0').evaluateOrThrow(), CelEvaluationError);
    });
  });

  describe('composited variables (ValidatingAdmissionPolicy spec.variables)', () => {
    const env = createCelEnvironment();
    const variables = env.compileVariables([
      { name: 'containers', expression: 'object.spec.template.spec.containers' },
      { name: 'names', expression: 'variables.containers.map(c, c.name)' },
      { name: 'broken', expression: 'object.spec.missing' },
    ]);

    it('exposes earlier variables to later ones and to expressions', () => {
      const program = env.compile("variables.names == ['app', 'sidecar'] && size(variables.containers) == 2", { variables });
      assert.equal(value(program.evaluate({ object: deployment })), true);
    });

    it('evaluates lazily: an unused failing variable does no harm, a used one fails the expression', () => {
      assert.equal(value(env.compile('size(variables.names)', { variables }).evaluate({ object: deployment })), 2n);
      const result = env.compile('1 == 1 && variables.broken == 1', { variables }).evaluate({ object: deployment });
      assert.equal(result.ok, false);
      // Reported where the variable is used, naming the variable.
      if (!result.ok) assert.equal(result.error.message, "1:21: variables.broken: no such key: 'missing'");
    });

    it('evaluates each variable at most once per activation, shared across programs', () => {
      let calls = 0;
      const counting = env.compileVariables([{ name: 'allowed', expression: "authorizer.group('').resource('pods').check('get').allowed()" }]);
      const first = env.compile('variables.allowed', { variables: counting });
      const second = env.compile('!variables.allowed', { variables: counting });
      const activation = env.activation({ authorizer: () => (calls++, { decision: 'allow' }) }, counting);
      assert.equal(value(first.evaluate(activation)), true);
      assert.equal(value(second.evaluate(activation)), false);
      assert.equal(calls, 1);
    });

    it('rejects unknown and forward references at compile time', () => {
      assert.throws(() => env.compile('variables.nope', { variables }), /undefined variable 'variables.nope' \(defined: containers, names, broken\)/);
      assert.throws(
        () => env.compileVariables([{ name: 'a', expression: 'variables.b' }, { name: 'b', expression: '1' }]),
        /variable 'a': undefined variable 'variables.b'/,
      );
      assert.throws(() => env.compileVariables([{ name: 'a', expression: '1' }, { name: 'a', expression: '2' }]), /defined twice/);
      assert.throws(() => env.compile('variables.x'), /undeclared reference to 'variables'/);
    });

    it('accepts definitions directly', () => {
      const program = env.compile('variables.double * 2', { variables: [{ name: 'double', expression: 'object.spec.replicas * 2' }] });
      assert.equal(value(program.evaluate({ object: deployment })), 12n);
    });
  });

  describe('evaluation budget', () => {
    const nested = 'object.all(a, object.all(b, object.all(c, a + b + c >= 0)))';
    const list = Array.from({ length: 200 }, (_, i) => i);

    it('stops runaway comprehensions at the cost limit', () => {
      const result = createCelEnvironment({ variables: ['object'] }).compile(nested).evaluate({ object: list });
      assert.equal(result.ok, false);
      if (!result.ok) {
        assert.equal(result.error.kind, 'cost');
        assert.match(result.error.message, /cost exceeded the limit of 1000000/);
      }
    });

    it('stops exponential string growth', () => {
      const env = createCelEnvironment({ variables: [] });
      const doubling = Array.from({ length: 40 }, (_, i) => ({ name: `v${i}`, expression: i === 0 ? "'ab'" : `variables.v${i - 1} + variables.v${i - 1}` }));
      const result = env.compile('size(variables.v39)', { variables: doubling }).evaluate({});
      assert.equal(result.ok, false);
      if (!result.ok) assert.equal(result.error.kind, 'cost');
    });

    it('stops at the time limit when the cost limit is lifted', () => {
      const env = createCelEnvironment({ variables: ['object'], costLimit: Number.MAX_SAFE_INTEGER, timeLimitMs: 50 });
      const started = performance.now();
      const result = env.compile(nested).evaluate({ object: list });
      assert.equal(result.ok, false);
      if (!result.ok) assert.equal(result.error.kind, 'timeout');
      assert.ok(performance.now() - started < 1000);
    });

    it('reports the cost of successful evaluations and accepts per-call limits', () => {
      const program = createCelEnvironment({ variables: ['object'] }).compile('object.all(x, x >= 0)');
      const ok = program.evaluate({ object: list });
      assert.ok(ok.ok && ok.cost > 200 && ok.cost < 1000);
      const limited = program.evaluate({ object: list }, { costLimit: 50 });
      assert.equal(limited.ok, false);
    });

    it('does not absorb budget errors in || or exists()', () => {
      const env = createCelEnvironment({ variables: ['object'], costLimit: 1000 });
      const result = env.compile('object.exists(a, object.exists(b, a + b < 0)) || true').evaluate({ object: list });
      assert.equal(result.ok, false);
    });
  });

  describe('environments', () => {
    it('declares custom variables with types', () => {
      const env = createCelEnvironment({ variables: [{ name: 'n', type: 'int' }, { name: 'tags', type: 'list<string>' }, 'anything'] });
      assert.equal(value(env.compile("n + 1 > 2 && 'a' in tags && anything.x == 1").evaluate({ n: 5, tags: ['a'], anything: { x: 1 } })), true);
      assert.throws(() => env.compile("n + 'a'"), /found no matching overload for '_\+_' applied to '\(int, string\)'/);
      assert.throws(() => env.compile('tags.exists(t, t > 1)'), /found no matching overload for '_>_'/);
      const missing = env.compile('n > 1').evaluate({});
      assert.equal(missing.ok, false);
      if (!missing.ok) assert.match(missing.error.message, /no value for variable 'n'/);
      const wrong = env.compile('n > 1').evaluate({ n: 'five' });
      assert.equal(wrong.ok, false);
      if (!wrong.ok) assert.match(wrong.error.message, /variable 'n' is declared as int but the input is string/);
    });

    it('can leave out libraries', () => {
      const env = createCelEnvironment({ libraries: ['strings'] });
      assert.throws(() => env.compile("quantity('1')"), /undeclared reference to 'quantity'/);
      assert.throws(() => env.compile("authorizer.group('')"), /undeclared reference to 'authorizer'/);
      assert.equal(value(env.compile("'a,b'.split(',').size()").evaluate()), 2n);
    });

    it('evaluates without type checking when asked (cel-go unchecked mode)', () => {
      const env = createCelEnvironment({ variables: [], typeCheck: false });
      assert.equal(value(env.compile('f_unknown(1) || true').evaluate()), true);
      assert.equal(value(env.compile("[1, 'a'].size()").evaluate()), 2n);
      assert.equal(value(env.compile('x || true').evaluate()), true);
      const unbound = env.compile('x').evaluate();
      assert.equal(unbound.ok, false);
    });

    it('allows mixed literals when homogeneousAggregateLiterals is off', () => {
      const env = createCelEnvironment({ homogeneousAggregateLiterals: false });
      assert.equal(value(env.compile("[1, 'a'].size()").evaluate()), 2n);
    });
  });

  describe('values at the boundary', () => {
    it('converts YAML-loaded data, including dates and bigints', () => {
      const doc = yaml.load('a: 1\nb: 1.5\nc: 2024-01-02\nd: ~\n') as Record<string, unknown>;
      const env = createCelEnvironment({ variables: ['doc', 'big'] });
      assert.equal(value(env.compile("type(doc.a) == int && type(doc.b) == double && doc.c == '2024-01-02T00:00:00Z' && doc.d == null && big == 9223372036854775807").evaluate({ doc, big: 9223372036854775807n })), true);
      assert.throws(() => toCelValue(2n ** 64n), /does not fit in a CEL int/);
    });

    it('converts results back to JSON-friendly data', () => {
      const env = createCelEnvironment({ homogeneousAggregateLiterals: false });
      const result = env.compile("{'n': 1, 'big': 9007199254740993, 'd': 1.5, 'l': [b'hi', duration('90s'), timestamp('2024-01-01T00:00:00Z')], 'o': optional.of(null), 'q': quantity('1Gi')}").evaluate();
      const json = celToJson(value(result) as CelMap);
      assert.deepEqual(json, { n: 1, big: '9007199254740993', d: 1.5, l: ['aGk=', '90s', '2024-01-01T00:00:00Z'], o: null, q: '1073741824' });
    });

    it('keeps map keys of every CEL key type', () => {
      const env = createCelEnvironment({ homogeneousAggregateLiterals: false });
      const map = value(env.compile('{1: "int", 2u: "uint", true: "bool", "s": "string"}').evaluate()) as CelMap;
      assert.equal(map.size, 4);
      assert.equal(value(env.compile('{1: "a"}[1.0] == "a" && {1u: "a"}[1] == "a"').evaluate()), true);
      assert.equal(env.compile('{1: "a", 1u: "b"}').evaluate().ok, false); // repeated key
    });
  });
});
