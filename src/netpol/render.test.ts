import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { listConnections } from './analysis.js';
import { renderConnlist } from './render.js';
import { analyzeYaml } from './testing.js';

const YAML = `apiVersion: v1
kind: Namespace
metadata: {name: shop-front}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop-front}
spec:
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: web, image: web, ports: [{containerPort: 8080}]}]}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: api, namespace: shop-front}
spec:
  template:
    metadata: {labels: {app: api}}
    spec: {containers: [{name: api, image: api}]}
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db, namespace: data}
spec:
  template:
    metadata: {labels: {app: db}}
    spec: {containers: [{name: db, image: db}]}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: isolate, namespace: shop-front}
spec:
  podSelector: {}
  policyTypes: [Ingress, Egress]
  ingress:
  - from: [{podSelector: {matchLabels: {app: web}}}]
    ports: [{port: 80}, {port: 53, protocol: UDP}]
  egress:
  - to: [{podSelector: {matchLabels: {app: api}}}]
`;

async function list() {
  return listConnections(await analyzeYaml(YAML));
}

describe('connectivity report formats', () => {
  it('txt', async () => {
    assert.equal(
      renderConnlist(await list(), 'txt'),
      [
        '0.0.0.0-255.255.255.255[External] => data/db[StatefulSet] : All Connections',
        'data/db[StatefulSet] => 0.0.0.0-255.255.255.255[External] : All Connections',
        'shop-front/web[Deployment] => shop-front/api[Deployment] : TCP 80,UDP 53',
        '',
      ].join('\n'),
    );
  });

  it('json, as Go encodes it', async () => {
    const text = renderConnlist(await list(), 'json');
    assert.ok(text.startsWith('[\n  {\n    "src": "0.0.0.0-255.255.255.255[External]",\n    "dst": "data/db[StatefulSet]",\n    "conn": "All Connections"\n  },\n'));
    assert.deepEqual(JSON.parse(text)[2], { src: 'shop-front/web[Deployment]', dst: 'shop-front/api[Deployment]', conn: 'TCP 80,UDP 53' });
  });

  it('csv quotes fields with commas', async () => {
    assert.equal(renderConnlist(await list(), 'csv').split('\n')[3], 'shop-front/web[Deployment],shop-front/api[Deployment],"TCP 80,UDP 53"');
  });

  it('md', async () => {
    assert.deepEqual(renderConnlist(await list(), 'md').split('\n').slice(0, 3), ['| src | dst | conn |', '|-----|-----|------|', '| 0.0.0.0-255.255.255.255[External] | data/db[StatefulSet] | All Connections |']);
  });

  it('dot: a subgraph per namespace, every workload drawn, weights by name order', async () => {
    assert.equal(
      renderConnlist(await list(), 'dot'),
      `digraph {
	subgraph "cluster_data[namespace]" {
		color="black"
		fontcolor="black"
		"data/db[StatefulSet]" [label="db[StatefulSet]" color="blue" fontcolor="blue"]
		label="data[namespace]"
	}
	subgraph "cluster_shop_front[namespace]" {
		color="black"
		fontcolor="black"
		"shop-front/api[Deployment]" [label="api[Deployment]" color="blue" fontcolor="blue"]
		"shop-front/web[Deployment]" [label="web[Deployment]" color="blue" fontcolor="blue"]
		label="shop-front[namespace]"
	}
	"0.0.0.0-255.255.255.255[External]" [label="0.0.0.0-255.255.255.255[External]" color="red2" fontcolor="red2"]
	"0.0.0.0-255.255.255.255[External]" -> "data/db[StatefulSet]" [label="All Connections" color="gold2" fontcolor="darkgreen" weight=0.5]
	"data/db[StatefulSet]" -> "0.0.0.0-255.255.255.255[External]" [label="All Connections" color="gold2" fontcolor="darkgreen" weight=1]
	"shop-front/web[Deployment]" -> "shop-front/api[Deployment]" [label="TCP 80,UDP 53" color="gold2" fontcolor="darkgreen" weight=1]
}
`,
    );
  });

  it('html: one self-contained page with the graph, the table and the data', async () => {
    const html = renderConnlist(await list(), 'html', 'Shop <reachability>');
    assert.ok(html.startsWith('<!doctype html>'));
    assert.ok(html.includes('<title>Shop &lt;reachability&gt;</title>'));
    assert.doesNotMatch(html, /<(script|link|img)[^>]+(src|href)=/i, 'no external scripts, styles or images');
    assert.match(html, /<svg id="graph-svg"/);
    assert.equal((html.match(/<g class="node/g) ?? []).length, 4, 'three workloads and one external range');
    assert.equal((html.match(/<path class="edge/g) ?? []).length, 3);
    assert.match(html, /<td>shop-front\/web\[Deployment\]<\/td><td>shop-front\/api\[Deployment\]<\/td><td class="conn">TCP 80,UDP 53<\/td>/);
    const data = /<script type="application\/json" id="connectivity-data">(.*?)<\/script>/s.exec(html)?.[1] ?? '';
    assert.equal(JSON.parse(data).length, 3);
    assert.match(html, /3 workloads in 2 namespaces, 3 allowed connections/);
  });
});
