import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BulwarkError } from '../errors/index.js';
import { explainConnection, renderExplanationJson, renderExplanationText, resolvePeers } from './explain.js';
import { analyzeYaml } from './testing.js';

const YAML = `apiVersion: v1
kind: Namespace
metadata: {name: ops, labels: {team: ops}}
---
apiVersion: v1
kind: Pod
metadata: {name: web, namespace: shop, labels: {app: web}}
spec: {containers: [{name: web, image: web}]}
---
apiVersion: v1
kind: Pod
metadata: {name: api, namespace: shop, labels: {app: api}}
spec: {containers: [{name: api, image: api, ports: [{name: http, containerPort: 9000}]}]}
---
apiVersion: v1
kind: Pod
metadata: {name: monitor, namespace: ops, labels: {app: monitor}}
spec: {containers: [{name: m, image: m}]}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: api-in, namespace: shop}
spec:
  podSelector: {matchLabels: {app: api}}
  ingress:
  - from: [{podSelector: {matchLabels: {app: web}}}]
    ports: [{port: http}]
  - from: [{ipBlock: {cidr: 10.0.0.0/8}}]
    ports: [{port: 443}]
---
apiVersion: policy.networking.k8s.io/v1alpha1
kind: AdminNetworkPolicy
metadata: {name: ops-monitoring}
spec:
  priority: 5
  subject: {namespaces: {matchLabels: {kubernetes.io/metadata.name: shop}}}
  ingress:
  - name: metrics
    action: Allow
    from: [{namespaces: {matchLabels: {team: ops}}}]
    ports: [{portNumber: {protocol: TCP, port: 9090}}]
  - name: nothing-else
    action: Deny
    from: [{namespaces: {matchLabels: {team: ops}}}]
`;

async function explain(source: string, destination: string): Promise<string> {
  const analysis = await analyzeYaml(YAML);
  const pairs = resolvePeers(analysis, source, 'source').flatMap((from) => resolvePeers(analysis, destination, 'destination').map((to) => explainConnection(analysis, from, to)));
  return renderExplanationText(pairs);
}

describe('explain', () => {
  it('a NetworkPolicy rule with a named port', async () => {
    assert.equal(
      await explain('web', 'shop/api'),
      `shop/web[Pod] => shop/api[Pod]
  allowed: TCP 9000
  denied:  SCTP 1-65535,TCP 1-8999,9001-65535,UDP 1-65535

  egress from shop/web[Pod]: All Connections
    no policy selects shop/web[Pod] for egress: allowed by default
  ingress to shop/api[Pod]: TCP 9000
    NetworkPolicy shop/api-in selects shop/api[Pod] for ingress: only what its rules allow is allowed
      NetworkPolicy shop/api-in, ingress rule #1: allows TCP 9000
`,
    );
  });

  it('admin rules decide first, in order', async () => {
    assert.equal(
      await explain('monitor', 'api'),
      `ops/monitor[Pod] => shop/api[Pod]
  allowed: TCP 9090
  denied:  SCTP 1-65535,TCP 1-9089,9091-65535,UDP 1-65535

  egress from ops/monitor[Pod]: All Connections
    no policy selects ops/monitor[Pod] for egress: allowed by default
  ingress to shop/api[Pod]: TCP 9090
    AdminNetworkPolicy ops-monitoring (priority 5), ingress rule metrics: Allow TCP 9090
    AdminNetworkPolicy ops-monitoring (priority 5), ingress rule nothing-else: Deny SCTP 1-65535,TCP 1-9089,9091-65535,UDP 1-65535 (of All Connections; the rest was decided before)
    NetworkPolicy shop/api-in selects shop/api[Pod] for ingress: only what its rules allow, among what admin policies leave open, is allowed
      no ingress rule selects the peer
`,
    );
  });

  it('an address stands for the ranges policies tell apart', async () => {
    const text = await explain('10.1.2.3', 'api');
    assert.match(text, /^10\.0\.0\.0-10\.255\.255\.255\[External\] => shop\/api\[Pod\]\n {2}allowed: TCP 443\n/);
    assert.match(text, /egress from 10\.0\.0\.0-10\.255\.255\.255\[External\]: not restricted \(outside the cluster\)/);
    assert.match(text, /NetworkPolicy shop\/api-in, ingress rule #2: allows TCP 443/);
    assert.equal((await explain('0.0.0.0/0', 'api')).split('\n\n').filter((block) => block.includes(' => ')).length, 3, 'three source ranges');
  });

  it('as json', async () => {
    const analysis = await analyzeYaml(YAML);
    const [from] = resolvePeers(analysis, 'monitor', 'source');
    const [to] = resolvePeers(analysis, 'api', 'destination');
    const json = JSON.parse(renderExplanationJson([explainConnection(analysis, from!, to!)]));
    assert.equal(json.schemaVersion, '1.0.0');
    assert.deepEqual(json.connections[0].ingress.adminRules, [
      { kind: 'AdminNetworkPolicy', policy: 'ops-monitoring', rule: 'metrics', action: 'Allow', ports: 'TCP 9090', decided: 'TCP 9090' },
      { kind: 'AdminNetworkPolicy', policy: 'ops-monitoring', rule: 'nothing-else', action: 'Deny', ports: 'All Connections', decided: 'SCTP 1-65535,TCP 1-9089,9091-65535,UDP 1-65535' },
    ]);
    assert.equal(json.connections[0].egress.result, 'All Connections');
  });

  it('names that match nothing are usage errors', async () => {
    const analysis = await analyzeYaml(YAML);
    assert.throws(() => resolvePeers(analysis, 'nope', 'source'), (error: unknown) => error instanceof BulwarkError && error.code === 'BULWARK_E_USAGE');
    assert.throws(() => resolvePeers(analysis, 'ingress-controller', 'source'), /no Ingress or Route/);
  });
});
