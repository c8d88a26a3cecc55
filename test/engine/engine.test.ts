import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runChecks } from '../../src/engine/run.js';
import type { ResourceCheck, SetCheck } from '../../src/engine/types.js';
import { parseSource } from '../../src/loader/parse.js';
import { DEFAULT_LIMITS } from '../../src/loader/types.js';
import { extractResources } from '../../src/model/resource.js';
import { scan } from '../../src/scan.js';
import { CORE_CHECKS } from '../helpers.js';

function load(text: string) {
  return extractResources(parseSource('in.yaml', text, DEFAULT_LIMITS).documents, 'default').resources;
}

const meta = {
  title: 'test',
  summary: 'test',
  severity: 'low' as const,
  category: 'test',
  remediation: 'none',
  references: ['https://example.com'],
  frameworks: [],
};

/** A whole-set rule: two Services may not select the same pods with the same port. */
const duplicateServicePort: SetCheck = {
  id: 'duplicate-service-port',
  scope: 'set',
  meta,
  run({ resources, report }) {
    const seen = new Map<string, string>();
    for (const resource of resources) {
      if (resource.kind !== 'Service') continue;
      const spec = resource.object.spec as { ports?: Array<{ port: number }> };
      (spec.ports ?? []).forEach((port, index) => {
        const key = `${resource.namespace}/${port.port}`;
        const first = seen.get(key);
        if (first !== undefined) report(resource, { path: ['spec', 'ports', index, 'port'], message: `port ${port.port} also used by ${first}` });
        else seen.set(key, resource.name);
      });
    }
  },
};

const services = `apiVersion: v1
kind: Service
metadata: {name: a}
spec:
  ports:
  - port: 80
---
apiVersion: v1
kind: Service
metadata:
  name: b
spec:
  ports:
  - port: 443
  - port: 80
`;

describe('check engine', () => {
  it('runs whole-set checks over every resource, with positions', () => {
    const outcome = runChecks(load(services), [duplicateServicePort]);
    assert.deepEqual(
      outcome.findings.map((finding) => [finding.resource.name, finding.line, finding.column, finding.path, finding.message]),
      [['b', 15, 5, 'spec.ports[1].port', 'port 80 also used by a']],
    );
    assert.deepEqual(outcome.evaluations, [{ checkId: 'duplicate-service-port', resources: [0, 1] }]);
  });

  it('points a missing field at its nearest existing parent', () => {
    const wantsLimits: ResourceCheck = {
      id: 'wants-limits',
      scope: 'resource',
      appliesTo: 'workloads',
      meta,
      run({ podSpec, report }) {
        for (const container of podSpec?.containers ?? []) report({ path: [...container.path, 'resources', 'limits', 'memory'], message: 'no memory limit', container: container.name });
      },
    };
    const text = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: a\n    image: x:1\n  - name: b\n    image: y:1\n    resources:\n      requests: {cpu: 1}\n';
    const outcome = runChecks(load(text), [wantsLimits]);
    assert.deepEqual(
      outcome.findings.map((finding) => [finding.container, finding.line, finding.column, finding.path]),
      [
        ['a', 6, 5, 'spec.containers[0].resources.limits.memory'],
        ['b', 10, 5, 'spec.containers[1].resources.limits.memory'],
      ],
    );
  });

  it('turns a check that throws into a diagnostic and goes on', () => {
    const broken: ResourceCheck = {
      id: 'broken',
      scope: 'resource',
      meta,
      run() {
        throw new Error('boom');
      },
    };
    const outcome = runChecks(load(services), [broken, duplicateServicePort]);
    assert.equal(outcome.diagnostics.length, 2);
    assert.match(outcome.diagnostics[0]?.message ?? '', /check broken failed on Service\/a: boom/);
    assert.equal(outcome.findings.length, 1, 'the other check still ran');
  });

  it('tells the resource of each finding, by position and after the findings are sorted in place', () => {
    const everyService: ResourceCheck = {
      id: 'every-service',
      scope: 'resource',
      appliesTo: ['Service'],
      meta,
      run({ resource, report }) {
        report({ path: ['metadata', 'name'], message: `service ${resource.name}` });
      },
    };
    const resources = load(services);
    const outcome = runChecks(resources, [everyService, duplicateServicePort]);
    assert.deepEqual(
      outcome.owners.map((resource) => resource.name),
      outcome.findings.map((finding) => finding.resource.name),
    );
    outcome.findings.reverse();
    for (const finding of outcome.findings) assert.equal(outcome.resourceOf(finding)?.name, finding.resource.name);
    assert.equal(outcome.resourceOf({ ...(outcome.findings[0] as (typeof outcome.findings)[number]) }), undefined, 'only the run\'s own findings');
  });

  it('passes options over their defaults', () => {
    const seen: unknown[] = [];
    const withOptions: ResourceCheck = {
      id: 'with-options',
      scope: 'resource',
      meta: { ...meta, options: { threshold: { description: 't', type: 'number', default: 10 }, name: { description: 'n', type: 'string', default: 'x' } } },
      run({ options }) {
        seen.push(options);
      },
    };
    runChecks(load(services).slice(0, 1), [withOptions], { checkOptions: { 'with-options': { threshold: 5 } } });
    assert.deepEqual(seen, [{ threshold: 5, name: 'x' }]);
  });
});

describe('fingerprints', () => {
  const original = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  template:
    spec:
      containers:
      - name: app
        image: nginx
      - name: sidecar
        image: envoy:1.30
        securityContext:
          privileged: true
`;
  const moved = `# moved below another resource, reformatted, containers reordered, API version bumped
apiVersion: v1
kind: ConfigMap
metadata: {name: unrelated, namespace: shop}
---
apiVersion: apps/v1
kind: Deployment
metadata: {namespace: shop, name: web}
spec:
  template:
    spec:
      containers:
        - name: sidecar
          securityContext: {privileged: true}
          image: envoy:1.30
        - image: nginx
          name: app
`;

  it('survive reformatting, moving and reordering containers; change with the resource', async () => {
    const before = await scan({ sources: [{ file: 'a.yaml', text: original }], checks: CORE_CHECKS });
    const after = await scan({ sources: [{ file: 'b.yaml', text: moved }], checks: CORE_CHECKS });
    const key = (result: typeof before) => result.findings.map((finding) => `${finding.checkId} ${finding.fingerprint}`).sort();
    assert.deepEqual(key(after), key(before));
    assert.notDeepEqual(
      before.findings.map((finding) => finding.line),
      after.findings.map((finding) => finding.line),
    );
    const renamed = await scan({ sources: [{ file: 'a.yaml', text: original.replace('name: web', 'name: shop-web') }], checks: CORE_CHECKS });
    assert.equal(
      renamed.findings.some((finding) => before.findings.some((other) => other.fingerprint === finding.fingerprint)),
      false,
    );
  });
});

describe('scan options', () => {
  it('rejects a list given as something other than an array', async () => {
    await assert.rejects(scan({ paths: new Set(['examples']) as unknown as string[] }), { code: 'BULWARK_E_USAGE', message: 'scan: options.paths must be an array' });
    await assert.rejects(scan({ checks: 'privileged-container' as unknown as string[] }), { code: 'BULWARK_E_USAGE', message: 'scan: options.checks must be an array' });
  });
});
