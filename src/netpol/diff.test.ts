import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { listConnections } from './analysis.js';
import { diffConnectivity, gateViolations, newAccess, renderDiff } from './diff.js';
import { analyzeYaml } from './testing.js';

const pods = `apiVersion: v1
kind: Pod
metadata: {name: web, namespace: shop, labels: {app: web}}
spec: {containers: [{name: web, image: web}]}
---
apiVersion: v1
kind: Pod
metadata: {name: api, namespace: shop, labels: {app: api}}
spec: {containers: [{name: api, image: api}]}
---
apiVersion: v1
kind: Pod
metadata: {name: monitor, namespace: ops, labels: {app: monitor}}
spec: {containers: [{name: m, image: m}]}
`;

const policy = (ingress: string) => `---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: api-in, namespace: shop}
spec:
  podSelector: {matchLabels: {app: api}}
  ingress:
${ingress}`;

async function diff(before: string, after: string) {
  const [a, b] = [await analyzeYaml(before), await analyzeYaml(after)];
  return diffConnectivity(listConnections(a), listConnections(b));
}

const BEFORE = pods + policy('  - from: [{podSelector: {matchLabels: {app: web}}}]\n    ports: [{port: 8080}]\n');
const AFTER = `${pods}${policy(`  - from: [{podSelector: {matchLabels: {app: web}}}]
    ports: [{port: 8080}, {port: 9090}]
  - from: [{namespaceSelector: {}, podSelector: {matchLabels: {app: monitor}}}]
    ports: [{port: 9090}]
  - from: [{ipBlock: {cidr: 192.168.0.0/16}}]
    ports: [{port: 443}]
`)}---
apiVersion: v1
kind: Pod
metadata: {name: batch, namespace: shop, labels: {app: batch}}
spec: {containers: [{name: b, image: b}]}
`;

describe('connectivity diff', () => {
  it('changed, added and removed connections, with workloads that appear', async () => {
    const changes = await diff(BEFORE, AFTER);
    assert.equal(
      renderDiff(changes, 'txt'),
      `Connectivity diff:
diff-type: changed, source: shop/web[Pod], destination: shop/api[Pod], ref1: TCP 8080, ref2: TCP 8080,9090
diff-type: added, source: 0.0.0.0-255.255.255.255[External], destination: shop/batch[Pod], ref1: No Connections, ref2: All Connections, workloads-diff-info: workload shop/batch[Pod] added
diff-type: added, source: 192.168.0.0-192.168.255.255[External], destination: shop/api[Pod], ref1: No Connections, ref2: TCP 443
diff-type: added, source: ops/monitor[Pod], destination: shop/api[Pod], ref1: No Connections, ref2: TCP 9090
diff-type: added, source: ops/monitor[Pod], destination: shop/batch[Pod], ref1: No Connections, ref2: All Connections, workloads-diff-info: workload shop/batch[Pod] added
diff-type: added, source: shop/api[Pod], destination: shop/batch[Pod], ref1: No Connections, ref2: All Connections, workloads-diff-info: workload shop/batch[Pod] added
diff-type: added, source: shop/batch[Pod], destination: 0.0.0.0-255.255.255.255[External], ref1: No Connections, ref2: All Connections, workloads-diff-info: workload shop/batch[Pod] added
diff-type: added, source: shop/batch[Pod], destination: ops/monitor[Pod], ref1: No Connections, ref2: All Connections, workloads-diff-info: workload shop/batch[Pod] added
diff-type: added, source: shop/batch[Pod], destination: shop/web[Pod], ref1: No Connections, ref2: All Connections, workloads-diff-info: workload shop/batch[Pod] added
diff-type: added, source: shop/web[Pod], destination: shop/batch[Pod], ref1: No Connections, ref2: All Connections, workloads-diff-info: workload shop/batch[Pod] added
`,
    );
    assert.equal(renderDiff(changes, 'csv').split('\n')[1], 'changed,shop/web[Pod],shop/api[Pod],TCP 8080,"TCP 8080,9090",');
    assert.equal(renderDiff(changes, 'md').split('\n')[2], '| changed | shop/web[Pod] | shop/api[Pod] | TCP 8080 | TCP 8080,9090 |  |');
    assert.deepEqual(JSON.parse(renderDiff(changes, 'json')).changes[0], { type: 'changed', source: 'shop/web[Pod]', destination: 'shop/api[Pod]', before: 'TCP 8080', after: 'TCP 8080,9090', workloadsInfo: '' });
  });

  it('the reverse is removals', async () => {
    const changes = await diff(AFTER, BEFORE);
    assert.deepEqual(
      changes.filter((change) => change.destination.kind === 'workload' && change.destination.workload.name === 'api').map((change) => `${change.type} ${change.before.toString()} -> ${change.after.toString()}`),
      ['changed TCP 8080,9090 -> TCP 8080', 'removed TCP 443 -> No Connections', 'removed TCP 9090 -> No Connections'],
    );
    assert.ok(changes.some((change) => change.workloadsInfo === 'workload shop/batch[Pod] removed'));
  });

  it('the gate: new access from outside the cluster or from another namespace', async () => {
    const access = newAccess(await diff(BEFORE, AFTER));
    const describe = (gate: Parameters<typeof gateViolations>[1]) => gateViolations(access, gate).map((item) => `${item.reason}: ${item.change.source.kind === 'workload' ? item.change.source.workload.name : item.change.source.kind} -> ${item.change.destination.kind === 'workload' ? item.change.destination.workload.name : item.change.destination.kind} ${item.gained.toString()}`);
    assert.deepEqual(describe('external'), ['external: range -> batch All Connections', 'external: range -> api TCP 443', 'external: batch -> range All Connections']);
    assert.deepEqual(describe('cross-namespace'), [...describe('external').slice(0, 2), 'cross-namespace: monitor -> api TCP 9090', 'cross-namespace: monitor -> batch All Connections', 'external: batch -> range All Connections', 'cross-namespace: batch -> monitor All Connections']);
    assert.equal(describe('any').length, 10);
    assert.deepEqual(describe('none'), []);
  });

  it('no changes, no text', async () => {
    assert.deepEqual(await diff(BEFORE, BEFORE), []);
    assert.equal(renderDiff([], 'txt'), '');
  });
});
