import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AddressRange } from './addresses.js';
import { enginePeer, type FocusOptions, type Peer } from './analysis.js';
import { analyzeYaml, connlistOf } from './testing.js';
import type { Workload } from './workloads.js';

/** Manifests as documents of one YAML stream (JSON is YAML). */
const manifests = (...objects: object[]) => objects.map((object) => JSON.stringify(object)).join('\n---\n');

const namespace = (name: string, labels: Record<string, string> = {}) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } });
const pod = (ns: string, name: string, labels: Record<string, string>, ports: object[] = []) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: ns, labels },
  spec: { containers: [{ name: 'main', image: 'example/app:1', ports }] },
});
const networkPolicy = (ns: string, name: string, spec: object) => ({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name, namespace: ns }, spec });
const adminPolicy = (name: string, priority: number, spec: object) => ({ apiVersion: 'policy.networking.k8s.io/v1alpha1', kind: 'AdminNetworkPolicy', metadata: { name }, spec: { priority, ...spec } });
const baselinePolicy = (spec: object) => ({ apiVersion: 'policy.networking.k8s.io/v1alpha1', kind: 'BaselineAdminNetworkPolicy', metadata: { name: 'default' }, spec });

const web = pod('shop', 'web', { app: 'web', tier: 'frontend' }, [{ name: 'http', containerPort: 8080 }]);
const api = pod('shop', 'api', { app: 'api', tier: 'backend' }, [
  { name: 'http', containerPort: 9000 },
  { name: 'dns', containerPort: 53, protocol: 'UDP' },
]);
const monitor = pod('ops', 'monitor', { app: 'monitor' });
const opsWeb = pod('ops', 'web', { app: 'web' });
const namespaces = [namespace('shop', { team: 'web' }), namespace('ops', { team: 'ops' })];
const selectApi = { matchLabels: { app: 'api' } };
const fromOps = { namespaces: { matchLabels: { team: 'ops' } } };
const intoApi = { workloads: ['shop/api'], direction: 'ingress' } as const;
/** `web` and `api` with nothing isolating them. */
const WEB_API_OPEN = [
  '0.0.0.0-255.255.255.255[External] => shop/api[Pod] : All Connections',
  '0.0.0.0-255.255.255.255[External] => shop/web[Pod] : All Connections',
  'shop/api[Pod] => 0.0.0.0-255.255.255.255[External] : All Connections',
  'shop/api[Pod] => shop/web[Pod] : All Connections',
  'shop/web[Pod] => 0.0.0.0-255.255.255.255[External] : All Connections',
  'shop/web[Pod] => shop/api[Pod] : All Connections',
];

interface Case {
  name: string;
  objects: object[];
  focus?: FocusOptions;
  expected: string[];
}

describe('NetworkPolicy semantics', () => {
  const cases: Case[] = [
    {
      name: 'without policies everything is allowed',
      objects: [web, api],
      expected: WEB_API_OPEN,
    },
    {
      name: 'a Calico NetworkPolicy (another API with the same kind) is no Kubernetes policy and isolates nothing',
      objects: [web, api, { ...networkPolicy('shop', 'calico-deny', { selector: 'all()', types: ['Ingress'] }), apiVersion: 'projectcalico.org/v3' }],
      expected: WEB_API_OPEN,
    },
    {
      name: 'a policy without policyTypes or egress rules isolates ingress only',
      objects: [web, api, networkPolicy('shop', 'deny-api', { podSelector: selectApi })],
      expected: [
        '0.0.0.0-255.255.255.255[External] => shop/web[Pod] : All Connections',
        'shop/api[Pod] => 0.0.0.0-255.255.255.255[External] : All Connections',
        'shop/api[Pod] => shop/web[Pod] : All Connections',
        'shop/web[Pod] => 0.0.0.0-255.255.255.255[External] : All Connections',
      ],
    },
    {
      name: 'egress rules without policyTypes isolate egress and ingress',
      objects: [web, api, networkPolicy('shop', 'api-out', { podSelector: selectApi, egress: [{ to: [{ podSelector: { matchLabels: { app: 'web' } } }], ports: [{ port: 8080 }] }] })],
      expected: ['0.0.0.0-255.255.255.255[External] => shop/web[Pod] : All Connections', 'shop/api[Pod] => shop/web[Pod] : TCP 8080', 'shop/web[Pod] => 0.0.0.0-255.255.255.255[External] : All Connections'],
    },
    {
      name: 'policyTypes: [Egress] leaves ingress open',
      objects: [web, api, networkPolicy('shop', 'api-out', { podSelector: selectApi, policyTypes: ['Egress'], egress: [{ to: [{ podSelector: { matchLabels: { app: 'web' } } }], ports: [{ port: 8080 }] }] })],
      expected: [
        '0.0.0.0-255.255.255.255[External] => shop/api[Pod] : All Connections',
        '0.0.0.0-255.255.255.255[External] => shop/web[Pod] : All Connections',
        'shop/api[Pod] => shop/web[Pod] : TCP 8080',
        'shop/web[Pod] => 0.0.0.0-255.255.255.255[External] : All Connections',
        'shop/web[Pod] => shop/api[Pod] : All Connections',
      ],
    },
    {
      name: 'ipBlock with except: one line per range, and pods are not matched by address',
      objects: [web, api, networkPolicy('shop', 'web-in', { podSelector: { matchLabels: { app: 'web' } }, ingress: [{ from: [{ ipBlock: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] } }], ports: [{ port: 8080 }] }] })],
      expected: [
        '0.0.0.0-9.255.255.255[External] => shop/api[Pod] : All Connections',
        '10.0.0.0-10.0.255.255[External] => shop/api[Pod] : All Connections',
        '10.0.0.0-10.0.255.255[External] => shop/web[Pod] : TCP 8080',
        '10.1.0.0-10.1.255.255[External] => shop/api[Pod] : All Connections',
        '10.2.0.0-10.255.255.255[External] => shop/api[Pod] : All Connections',
        '10.2.0.0-10.255.255.255[External] => shop/web[Pod] : TCP 8080',
        '11.0.0.0-255.255.255.255[External] => shop/api[Pod] : All Connections',
        'shop/api[Pod] => 0.0.0.0-255.255.255.255[External] : All Connections',
        'shop/web[Pod] => 0.0.0.0-255.255.255.255[External] : All Connections',
        'shop/web[Pod] => shop/api[Pod] : All Connections',
      ],
    },
    {
      name: 'namespaceSelector and podSelector in one peer must both hold',
      objects: [...namespaces, web, api, monitor, opsWeb, networkPolicy('shop', 'api-in', { podSelector: selectApi, ingress: [{ from: [{ namespaceSelector: { matchLabels: { team: 'ops' } }, podSelector: { matchLabels: { app: 'monitor' } } }] }] })],
      focus: intoApi,
      expected: ['ops/monitor[Pod] => shop/api[Pod] : All Connections'],
    },
    {
      name: 'separate peers are alternatives; a podSelector alone means the policy namespace',
      objects: [...namespaces, web, api, monitor, opsWeb, networkPolicy('shop', 'api-in', { podSelector: selectApi, ingress: [{ from: [{ namespaceSelector: { matchLabels: { team: 'ops' } } }, { podSelector: { matchLabels: { app: 'web' } } }] }] })],
      focus: intoApi,
      expected: ['ops/monitor[Pod] => shop/api[Pod] : All Connections', 'ops/web[Pod] => shop/api[Pod] : All Connections', 'shop/web[Pod] => shop/api[Pod] : All Connections'],
    },
    {
      name: 'namespaces without a Namespace object are selected by their name label',
      objects: [web, api, monitor, networkPolicy('shop', 'api-in', { podSelector: selectApi, ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ops' } } }] }] })],
      focus: intoApi,
      expected: ['ops/monitor[Pod] => shop/api[Pod] : All Connections'],
    },
    {
      name: 'NotIn holds for pods without the label',
      objects: [web, api, pod('shop', 'db', { app: 'db', tier: 'data' }), pod('shop', 'batch', { app: 'batch' }), networkPolicy('shop', 'api-in', { podSelector: selectApi, ingress: [{ from: [{ podSelector: { matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['frontend'] }] } }] }] })],
      focus: intoApi,
      expected: ['shop/batch[Pod] => shop/api[Pod] : All Connections', 'shop/db[Pod] => shop/api[Pod] : All Connections'],
    },
    {
      name: 'a named port resolves against the destination, protocol included',
      objects: [web, api, networkPolicy('shop', 'api-in', { podSelector: selectApi, ingress: [{ from: [{ podSelector: {} }], ports: [{ port: 'http' }, { port: 'dns', protocol: 'TCP' }] }] })],
      focus: intoApi,
      expected: ['shop/web[Pod] => shop/api[Pod] : TCP 9000'],
    },
    {
      name: 'endPort ranges, UDP, and a protocol without a port',
      objects: [web, api, networkPolicy('shop', 'api-in', { podSelector: selectApi, ingress: [{ ports: [{ port: 8000, endPort: 8080 }, { protocol: 'UDP', port: 53 }, { protocol: 'SCTP' }] }] })],
      focus: intoApi,
      expected: ['0.0.0.0-255.255.255.255[External] => shop/api[Pod] : SCTP 1-65535,TCP 8000-8080,UDP 53', 'shop/web[Pod] => shop/api[Pod] : SCTP 1-65535,TCP 8000-8080,UDP 53'],
    },
    {
      name: 'policies selecting the same pod add up',
      objects: [
        web,
        api,
        networkPolicy('shop', 'tcp', { podSelector: selectApi, ingress: [{ from: [{ podSelector: { matchLabels: { app: 'web' } } }], ports: [{ port: 80 }] }] }),
        networkPolicy('shop', 'udp', { podSelector: {}, policyTypes: ['Ingress'], ingress: [{ from: [{ podSelector: { matchLabels: { app: 'web' } } }], ports: [{ port: 53, protocol: 'UDP' }] }] }),
      ],
      focus: intoApi,
      expected: ['shop/web[Pod] => shop/api[Pod] : TCP 80,UDP 53'],
    },
    {
      name: 'the source needs egress and the destination ingress',
      objects: [
        web,
        api,
        networkPolicy('shop', 'web-out', { podSelector: { matchLabels: { app: 'web' } }, policyTypes: ['Egress'], egress: [{ ports: [{ port: 9000 }, { port: 9001 }] }] }),
        networkPolicy('shop', 'api-in', { podSelector: selectApi, ingress: [{ ports: [{ port: 9000, endPort: 9100 }] }] }),
      ],
      focus: { workloads: ['web'], peers: ['api'], direction: 'egress' },
      expected: ['shop/web[Pod] => shop/api[Pod] : TCP 9000-9001'],
    },
  ];
  for (const { name, objects, focus, expected } of cases) it(name, async () => assert.deepEqual(await connlistOf(manifests(...objects), focus), expected));

  it('a named port towards addresses is skipped, with a warning', async () => {
    const yaml = manifests(web, networkPolicy('shop', 'web-out', { podSelector: {}, policyTypes: ['Egress'], egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/0' } }], ports: [{ port: 'http' }, { port: 443 }] }] }));
    assert.deepEqual(await connlistOf(yaml), ['0.0.0.0-255.255.255.255[External] => shop/web[Pod] : All Connections', 'shop/web[Pod] => 0.0.0.0-255.255.255.255[External] : TCP 443']);
    const analysis = await analyzeYaml(yaml);
    const workload = analysis.model.workloads[0] as Workload;
    analysis.engine.connection(enginePeer(analysis, { kind: 'workload', workload }), { kind: 'range', range: analysis.engine.destinationRanges[0] as AddressRange });
    assert.deepEqual(
      analysis.diagnostics.map((diagnostic) => diagnostic.message),
      ['NetworkPolicy shop/web-out: named port http is not defined for IP addresses; skipped for them'],
    );
  });

  it('invalid peers allow nothing and are reported', async () => {
    const yaml = manifests(web, api, networkPolicy('shop', 'bad', { podSelector: selectApi, ingress: [{ from: [{ ipBlock: { cidr: '10.0.0.0/40' } }, { podSelector: { matchExpressions: [{ key: 'app', operator: 'In', values: [] }] } }] }] }));
    assert.deepEqual(await connlistOf(yaml, intoApi), []);
    const analysis = await analyzeYaml(yaml);
    assert.deepEqual(analysis.diagnostics.map((diagnostic) => [diagnostic.severity, diagnostic.code]), [['error', 'invalid-cidr'], ['error', 'invalid-selector']]);
  });
});

describe('AdminNetworkPolicy and BaselineAdminNetworkPolicy', () => {
  const shopSubject = { subject: { namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'shop' } } } };
  const allowAllInShop = networkPolicy('shop', 'allow-all', { podSelector: {}, ingress: [{}] });
  const denyAllInShop = networkPolicy('shop', 'deny-all', { podSelector: {}, policyTypes: ['Ingress'] });
  const cases: Case[] = [
    {
      name: 'Deny wins over a NetworkPolicy that allows',
      objects: [...namespaces, web, api, monitor, allowAllInShop, adminPolicy('deny-ops', 10, { ...shopSubject, ingress: [{ name: 'deny-ops', action: 'Deny', from: [fromOps] }] })],
      focus: intoApi,
      expected: ['0.0.0.0-255.255.255.255[External] => shop/api[Pod] : All Connections', 'shop/web[Pod] => shop/api[Pod] : All Connections'],
    },
    {
      name: 'Allow wins over a NetworkPolicy that isolates',
      objects: [...namespaces, web, api, monitor, denyAllInShop, adminPolicy('allow-ops', 10, { ...shopSubject, ingress: [{ name: 'allow-ops', action: 'Allow', from: [fromOps], ports: [{ portNumber: { protocol: 'TCP', port: 8080 } }] }] })],
      focus: intoApi,
      expected: ['ops/monitor[Pod] => shop/api[Pod] : TCP 8080'],
    },
    {
      name: 'Pass leaves the decision to NetworkPolicies, or else to the baseline',
      objects: [
        ...namespaces,
        web,
        api,
        monitor,
        networkPolicy('shop', 'api-in', { podSelector: selectApi, ingress: [{ from: [{ namespaceSelector: { matchLabels: { team: 'ops' } } }], ports: [{ port: 9000 }] }] }),
        adminPolicy('pass-ops', 10, { ...shopSubject, ingress: [{ name: 'pass-ops', action: 'Pass', from: [fromOps] }] }),
        baselinePolicy({ subject: { namespaces: {} }, ingress: [{ name: 'deny-ops', action: 'Deny', from: [fromOps] }] }),
      ],
      focus: { workloads: ['shop/api', 'shop/web'], peers: ['ops/monitor'], direction: 'ingress' },
      expected: ['ops/monitor[Pod] => shop/api[Pod] : TCP 9000'],
    },
    {
      name: 'the lower priority number and the earlier rule win',
      objects: [
        ...namespaces,
        api,
        monitor,
        adminPolicy('allow-80', 5, { ...shopSubject, ingress: [{ name: 'allow-80', action: 'Allow', from: [fromOps], ports: [{ portNumber: { port: 80 } }] }] }),
        adminPolicy('deny-80-90', 1, { ...shopSubject, ingress: [{ name: 'deny-80-90', action: 'Deny', from: [fromOps], ports: [{ portRange: { start: 80, end: 90 } }] }, { name: 'allow-all', action: 'Allow', from: [fromOps] }] }),
      ],
      focus: intoApi,
      expected: ['0.0.0.0-255.255.255.255[External] => shop/api[Pod] : All Connections', 'ops/monitor[Pod] => shop/api[Pod] : SCTP 1-65535,TCP 1-79,91-65535,UDP 1-65535'],
    },
    {
      name: 'a named port takes the protocol of the container port',
      objects: [...namespaces, api, monitor, adminPolicy('deny-dns', 10, { ...shopSubject, ingress: [{ name: 'deny-dns', action: 'Deny', from: [fromOps], ports: [{ namedPort: 'dns' }] }] })],
      focus: intoApi,
      expected: ['0.0.0.0-255.255.255.255[External] => shop/api[Pod] : All Connections', 'ops/monitor[Pod] => shop/api[Pod] : SCTP 1-65535,TCP 1-65535,UDP 1-52,54-65535'],
    },
    {
      name: 'the baseline applies only where no NetworkPolicy selects the pod',
      objects: [
        ...namespaces,
        web,
        api,
        monitor,
        networkPolicy('shop', 'api-in', { podSelector: selectApi, ingress: [{ from: [{ namespaceSelector: {} }] }] }),
        baselinePolicy({ subject: { namespaces: {} }, ingress: [{ name: 'deny-ops', action: 'Deny', from: [fromOps] }] }),
      ],
      focus: { workloads: ['shop/api', 'shop/web'], peers: ['ops/monitor'], direction: 'ingress' },
      expected: ['ops/monitor[Pod] => shop/api[Pod] : All Connections'],
    },
    {
      name: 'networks split external destinations; admin rules never match addresses on ingress',
      objects: [...namespaces, web, adminPolicy('dns', 10, { subject: { namespaces: {} }, egress: [{ name: 'no-public-dns', action: 'Deny', to: [{ networks: ['8.8.8.8/32'] }], ports: [{ portNumber: { protocol: 'UDP', port: 53 } }] }] })],
      expected: [
        '0.0.0.0-255.255.255.255[External] => shop/web[Pod] : All Connections',
        'shop/web[Pod] => 0.0.0.0-8.8.8.7[External] : All Connections',
        'shop/web[Pod] => 8.8.8.8-8.8.8.8[External] : SCTP 1-65535,TCP 1-65535,UDP 1-52,54-65535',
        'shop/web[Pod] => 8.8.8.9-255.255.255.255[External] : All Connections',
      ],
    },
  ];
  for (const { name, objects, focus, expected } of cases) it(name, async () => assert.deepEqual(await connlistOf(manifests(...objects), focus), expected));
});

describe('Ingress and Route exposure', () => {
  const deployment = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'shop' },
    spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'web:1', ports: [{ name: 'http', containerPort: 8080 }, { containerPort: 9999, protocol: 'UDP' }] }] } } },
  };
  const service = (targetPort: number | string) => ({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'shop' }, spec: { selector: { app: 'web' }, ports: [{ name: 'web', port: 80, targetPort }] } });
  const ingress = { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'web', namespace: 'shop' }, spec: { rules: [{ http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 80 } } } }] } }] } };
  const route = { apiVersion: 'route.openshift.io/v1', kind: 'Route', metadata: { name: 'web', namespace: 'shop' }, spec: { to: { kind: 'Service', name: 'web' }, port: { targetPort: 'web' } } };
  const ingressLine = (conns: string) => `{ingress-controller} => shop/web[Deployment] : ${conns}`;
  const focus = { workloads: ['ingress-controller'] };
  const cases: Case[] = [
    { name: 'Ingress → Service → named target port', objects: [deployment, service('http'), ingress], focus, expected: [ingressLine('TCP 8080')] },
    { name: 'Route → Service by port name', objects: [deployment, service(8080), route], focus, expected: [ingressLine('TCP 8080')] },
    { name: 'a port the containers do not declare over TCP is not reachable', objects: [deployment, service(9999), ingress], focus, expected: [] },
    { name: 'policies that allow only in-namespace traffic block the ingress controller', objects: [deployment, service('http'), ingress, networkPolicy('shop', 'same-ns', { podSelector: {}, ingress: [{ from: [{ podSelector: {} }] }] })], focus, expected: [] },
    { name: 'policies that allow every namespace let it through', objects: [deployment, service('http'), ingress, networkPolicy('shop', 'all-ns', { podSelector: {}, ingress: [{ from: [{ namespaceSelector: {} }], ports: [{ port: 8080 }, { port: 8443 }] }] })], focus, expected: [ingressLine('TCP 8080')] },
  ];
  for (const { name, objects, focus: options, expected } of cases) it(name, async () => assert.deepEqual(await connlistOf(manifests(...objects), options), expected));
});

describe('decisions shared by peers with the same pattern', () => {
  /** A small random cluster: every class pair is compared with a fresh evaluation of the rules. */
  function randomCluster(seed: number): object[] {
    let state = seed;
    const random = () => {
      state = (state * 1103515245 + 12345) & 0x7fffffff;
      return state / 0x7fffffff;
    };
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
    const apps = ['a', 'b', 'c', 'd'];
    const objects: object[] = [namespace('n1', { env: 'prod' }), namespace('n2', { env: 'dev' }), namespace('n3', { env: 'prod' })];
    for (let i = 0; i < 24; i++) {
      const ports = [{ name: 'http', containerPort: pick([80, 8080, 9000]), protocol: pick(['TCP', 'TCP', 'UDP']) }];
      if (random() < 0.5) ports.push({ name: 'metrics', containerPort: 9090, protocol: 'TCP' });
      objects.push(pod(pick(['n1', 'n2', 'n3']), `p${i}`, { app: pick(apps), tier: pick(['x', 'y']) }, ports));
    }
    const peer = () =>
      pick<object>([
        { podSelector: { matchLabels: { app: pick(apps) } } },
        { namespaceSelector: { matchLabels: { env: pick(['prod', 'dev']) } } },
        { namespaceSelector: {}, podSelector: { matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['x'] }] } },
        { ipBlock: { cidr: `10.${Math.floor(random() * 4)}.0.0/16`, except: [`10.${Math.floor(random() * 4)}.1.0/24`] } },
      ]);
    const ports = () => pick<object[] | undefined>([undefined, [{ port: 'http' }], [{ port: 'metrics' }, { port: 53, protocol: 'UDP' }], [{ port: 8000, endPort: 9000 }]]);
    for (let i = 0; i < 10; i++) {
      const rulePorts = ports();
      const spec: Record<string, unknown> = { podSelector: { matchLabels: { app: pick(apps) } }, ingress: [{ from: [peer(), peer()], ...(rulePorts ? { ports: rulePorts } : {}) }] };
      if (random() < 0.5) spec.egress = [{ to: [peer()], ports: ports() ?? [{ port: 'http' }] }];
      objects.push(networkPolicy(pick(['n1', 'n2', 'n3']), `np${i}`, spec));
    }
    const action = () => pick(['Allow', 'Deny', 'Pass']);
    objects.push(
      adminPolicy('anp', 3, {
        subject: { namespaces: { matchLabels: { env: 'prod' } } },
        ingress: [{ name: 'r1', action: action(), from: [{ pods: { namespaceSelector: {}, podSelector: { matchLabels: { app: pick(apps) } } } }], ports: [{ namedPort: 'http' }] }],
        egress: [{ name: 'r2', action: action(), to: [{ networks: ['10.1.0.0/16'] }, { namespaces: { matchLabels: { env: 'dev' } } }], ports: [{ portRange: { protocol: 'TCP', start: 80, end: 9000 } }] }],
      }),
      baselinePolicy({ subject: { namespaces: {} }, ingress: [{ name: 'b1', action: 'Deny', from: [{ namespaces: { matchLabels: { env: 'dev' } } }] }] }),
    );
    return objects;
  }

  for (const seed of [1, 2, 3, 4, 5]) {
    it(`agree with a fresh evaluation for every pair (seed ${seed})`, async () => {
      const analysis = await analyzeYaml(manifests(...randomCluster(seed)));
      analysis.engine.precompute();
      const peers: Peer[] = [
        ...analysis.model.workloads.map((workload): Peer => ({ kind: 'workload', workload })),
        ...analysis.engine.sourceRanges.map((range): Peer => ({ kind: 'range', range })),
        ...analysis.engine.destinationRanges.map((range): Peer => ({ kind: 'range', range })),
      ];
      let compared = 0;
      for (const source of peers) {
        for (const destination of peers) {
          if (source.kind === 'range' && destination.kind === 'range') continue;
          if (source.kind === 'range' && !analysis.engine.sourceRanges.includes(source.range)) continue;
          if (destination.kind === 'range' && !analysis.engine.destinationRanges.includes(destination.range)) continue;
          const [from, to] = [enginePeer(analysis, source), enginePeer(analysis, destination)];
          assert.equal(analysis.engine.connection(from, to).toString(), analysis.engine.connectionUncached(from, to).toString());
          compared++;
        }
      }
      assert.ok(compared > 600);
    });
  }
});
