/**
 * NetworkPolicy reachability benchmark.
 *
 *   node --expose-gc bench/netpol.mjs            # against dist/ (build first)
 *   BULWARK_NETPOL_SRC=1 node --import tsx --expose-gc bench/netpol.mjs   # against src/, while developing
 *
 * Generates clusters from a seeded PRNG (no files written): pods grouped into ReplicaSets in
 * namespaces, NetworkPolicies of the usual shapes (default deny, DNS egress, allow from an
 * app, from labelled namespaces, from address blocks with exceptions, numbered, ranged and
 * named ports), AdminNetworkPolicies and a BaselineAdminNetworkPolicy. Each size runs several
 * times, each run in a fresh child process (peak RSS is a high-water mark and cannot be reset
 * in one process). A run times:
 *
 *   build       reading policies and workloads, classes of pods, selector matches, and the
 *               set of policies deciding each class's ingress and egress
 *   ingress+egress  deciding every (class, peer) pair that some rule names, in both
 *               directions: after it, any pair's connections are two lookups
 *   pairs/s     pair queries over random workload pairs afterwards
 *
 * Prints a table with medians (min–max) and one `BENCH_JSON {...}` line. Environment:
 * BENCH_REPS (default 5), BENCH_SIZES (default "10000x2000,20000x5000").
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { fmt, median, mulberry32, positiveInt, spread } from './lib.mjs';

const FROM_SOURCE = process.env.BULWARK_NETPOL_SRC === '1';
const NETPOL_MODULE = FROM_SOURCE ? '../src/netpol/index.ts' : '../dist/netpol/index.js';
const RESOURCE_MODULE = FROM_SOURCE ? '../src/model/resource.ts' : '../dist/model/resource.js';
const TARGET_MS = { '10000x2000': 2000, '20000x5000': 10000 };



/** The objects of a generated cluster: namespaces, pods (owned by ReplicaSets), policies. */
export function generateCluster(podCount, policyCount, seed = 0x5eed) {
  const random = mulberry32(seed);
  const pick = (list) => list[Math.floor(random() * list.length)];
  const namespaceCount = Math.max(1, Math.round(podCount / 100));
  const appsPerNamespace = 12;
  const objects = [];
  const namespaces = [];
  for (let n = 0; n < namespaceCount; n++) {
    const name = `ns-${String(n).padStart(4, '0')}`;
    namespaces.push(name);
    objects.push({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels: { team: `team-${n % 10}`, env: ['dev', 'staging', 'prod'][n % 3] } } });
  }
  objects.push({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'kube-system' } });
  objects.push({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'coredns-0', namespace: 'kube-system', labels: { 'k8s-app': 'kube-dns' } },
    spec: { containers: [{ name: 'dns', image: 'coredns', ports: [{ name: 'dns', containerPort: 53, protocol: 'UDP' }, { name: 'dns-tcp', containerPort: 53 }] }] },
  });
  let pods = 0;
  let replicaSet = 0;
  while (pods < podCount) {
    const namespace = namespaces[replicaSet % namespaceCount];
    const app = `app-${Math.floor(random() * appsPerNamespace)}`;
    const hash = (replicaSet * 2654435761 >>> 0).toString(36);
    const owner = `${app}-${hash}`;
    const replicas = 1 + Math.floor(random() * 4);
    const labels = { app, tier: pick(['frontend', 'backend', 'data']), version: `v${Math.floor(random() * 3)}`, 'pod-template-hash': hash };
    const ports = [{ name: 'http', containerPort: pick([8080, 8443, 9000]) }, { name: 'metrics', containerPort: 9090 }];
    if (random() < 0.2) ports.push({ name: 'grpc', containerPort: 50051 });
    for (let r = 0; r < replicas && pods < podCount; r++, pods++) {
      objects.push({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: `${owner}-${r}`, namespace, labels, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: owner, controller: true }] },
        spec: { containers: [{ name: 'main', image: `registry.example/${app}:1`, ports }] },
      });
    }
    replicaSet++;
  }
  let policies = 0;
  const policy = (namespace, name, spec) => {
    objects.push({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name, namespace }, spec });
    policies++;
  };
  const app = () => ({ matchLabels: { app: `app-${Math.floor(random() * appsPerNamespace)}` } });
  for (const namespace of namespaces) {
    if (policies >= policyCount) break;
    policy(namespace, 'default-deny', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
    if (policies >= policyCount) break;
    policy(namespace, 'allow-dns', {
      podSelector: {},
      policyTypes: ['Egress'],
      egress: [{ to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }], ports: [{ port: 53, protocol: 'UDP' }, { port: 53, protocol: 'TCP' }] }],
    });
  }
  for (let i = 0; policies < policyCount; i++) {
    const namespace = pick(namespaces);
    const shape = random();
    const from =
      shape < 0.4
        ? [{ podSelector: app() }]
        : shape < 0.7
          ? [{ namespaceSelector: { matchLabels: { team: `team-${Math.floor(random() * 10)}` } }, podSelector: { matchLabels: { tier: 'frontend' } } }]
          : shape < 0.85
            ? [{ namespaceSelector: { matchExpressions: [{ key: 'env', operator: 'In', values: ['prod', 'staging'] }] } }]
            : [{ ipBlock: { cidr: `10.${Math.floor(random() * 256)}.0.0/16`, except: [`10.${Math.floor(random() * 256)}.${Math.floor(random() * 256)}.0/24`] } }];
    const ports = pick([[{ port: 8080 }], [{ port: 'http' }], [{ port: 9000, endPort: 9100 }], [{ port: 'metrics' }, { port: 5353, protocol: 'UDP' }], undefined]);
    const spec = { podSelector: app(), policyTypes: ['Ingress'], ingress: [{ from, ...(ports ? { ports } : {}) }] };
    if (random() < 0.3) {
      spec.policyTypes.push('Egress');
      spec.egress = [
        random() < 0.5
          ? { to: [{ podSelector: app() }], ports: [{ port: 'grpc' }] }
          : { to: [{ ipBlock: { cidr: `${Math.floor(random() * 200) + 20}.0.0.0/8`, except: [`${Math.floor(random() * 200) + 20}.1.0.0/16`] } }], ports: [{ port: 443 }] },
      ];
    }
    policy(namespace, `policy-${i}`, spec);
  }
  for (let a = 0; a < 10; a++) {
    objects.push({
      apiVersion: 'policy.networking.k8s.io/v1alpha1',
      kind: 'AdminNetworkPolicy',
      metadata: { name: `anp-${a}` },
      spec: {
        priority: 10 + a,
        subject: { namespaces: { matchLabels: { team: `team-${a}` } } },
        ingress: [
          { name: 'deny-from-dev', action: 'Deny', from: [{ namespaces: { matchLabels: { env: 'dev' } } }], ports: [{ portRange: { protocol: 'TCP', start: 1, end: 1023 } }] },
          { name: 'pass-monitoring', action: 'Pass', from: [{ pods: { namespaceSelector: {}, podSelector: { matchLabels: { tier: 'data' } } } }] },
        ],
        egress: [{ name: 'allow-dns', action: 'Allow', to: [{ pods: { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: {} } }], ports: [{ namedPort: 'dns' }] }],
      },
    });
  }
  objects.push({
    apiVersion: 'policy.networking.k8s.io/v1alpha1',
    kind: 'BaselineAdminNetworkPolicy',
    metadata: { name: 'default' },
    spec: { subject: { namespaces: {} }, egress: [{ name: 'deny-internet', action: 'Deny', to: [{ networks: ['0.0.0.0/0'] }] }] },
  });
  return { objects, namespaces: namespaceCount, pods, policies };
}


async function child(podCount, policyCount) {
  const netpol = await import(NETPOL_MODULE);
  const { extractResources } = await import(RESOURCE_MODULE);
  // The generated objects as parsed documents of one file (no text, so no positions to keep).
  const resourcesOf = (objects, file) => extractResources(objects.map((value, index) => ({ file, index, text: '', startLine: 1, value })), 'default').resources;
  const cluster = generateCluster(podCount, policyCount);
  let resources = resourcesOf(cluster.objects, 'generated.yaml');
  // Warm up on a small cluster so that compilation is not timed.
  netpol.analyzeReachability(resourcesOf(generateCluster(300, 60, 7).objects, 'w.yaml')).engine.precompute();
  globalThis.gc?.();
  const startRss = process.memoryUsage().rss;
  const t0 = performance.now();
  const analysis = netpol.analyzeReachability(resources);
  const t1 = performance.now();
  const decisions = analysis.engine.precompute();
  const t2 = performance.now();
  const workloads = analysis.model.workloads;
  const random = mulberry32(99);
  const queries = 200_000;
  let allowed = 0;
  for (let i = 0; i < queries; i++) {
    const source = workloads[Math.floor(random() * workloads.length)];
    const destination = workloads[Math.floor(random() * workloads.length)];
    const connection = analysis.engine.connection(netpol.enginePeer(analysis, { kind: 'workload', workload: source }), netpol.enginePeer(analysis, { kind: 'workload', workload: destination }));
    if (!connection.isEmpty()) allowed++;
  }
  const t3 = performance.now();
  resources = undefined;
  const report = {
    pods: cluster.pods,
    policies: cluster.policies,
    namespaces: cluster.namespaces,
    workloads: workloads.length,
    classes: analysis.engine.classes.length,
    contexts: analysis.engine.contextCount,
    decisions,
    buildMs: t1 - t0,
    precomputeMs: t2 - t1,
    totalMs: t2 - t0,
    pairsPerSec: queries / ((t3 - t2) / 1000),
    allowedShare: allowed / queries,
    startRssMB: startRss / 1e6,
    peakRssMB: (process.resourceUsage().maxRSS * 1024) / 1e6,
    diagnostics: analysis.diagnostics.length,
  };
  process.stdout.write(`${JSON.stringify(report)}\n`);
}

function parent() {
  const reps = positiveInt(process.env.BENCH_REPS, 5);
  const sizes = (process.env.BENCH_SIZES ?? '10000x2000,20000x5000').split(',').map((size) => size.trim().split('x').map(Number));
  const self = fileURLToPath(import.meta.url);
  const rows = [];
  for (const [pods, policies] of sizes) {
    const runs = [];
    for (let rep = 0; rep < reps; rep++) {
      const run = spawnSync(process.execPath, [...process.execArgv, self, '--child', String(pods), String(policies)], { encoding: 'utf8', timeout: 600_000, maxBuffer: 16 * 1024 * 1024, env: process.env });
      if (run.status !== 0) {
        process.stderr.write(run.stderr);
        throw new Error(`run ${pods}x${policies} failed (is dist/ built? or set BULWARK_NETPOL_SRC=1 with --import tsx)`);
      }
      runs.push(JSON.parse(run.stdout.trim().split('\n').pop()));
    }
    rows.push({ size: `${pods}x${policies}`, runs });
  }
  console.log('pods × policies   workloads  classes  contexts  build ms              ingress+egress ms     total ms              target    pairs/s      peak RSS');
  const summary = [];
  for (const { size, runs } of rows) {
    const first = runs[0];
    const total = median(runs.map((run) => run.totalMs));
    const target = TARGET_MS[size];
    console.log(
      [
        `${fmt(first.pods)} × ${fmt(first.policies)}`.padEnd(17),
        fmt(first.workloads).padStart(9),
        fmt(first.classes).padStart(8),
        fmt(first.contexts).padStart(9),
        spread(runs, 'buildMs').padStart(20),
        spread(runs, 'precomputeMs').padStart(20),
        spread(runs, 'totalMs').padStart(20),
        (target === undefined ? '' : `${total <= target ? 'PASS' : 'MISS'} ≤${fmt(target)}`).padStart(12),
        fmt(median(runs.map((run) => run.pairsPerSec))).padStart(10),
        `${fmt(median(runs.map((run) => run.peakRssMB)))} MB`.padStart(10),
      ].join('  '),
    );
    summary.push({ size, reps: runs.length, medianTotalMs: total, medianBuildMs: median(runs.map((run) => run.buildMs)), medianPrecomputeMs: median(runs.map((run) => run.precomputeMs)), medianPeakRssMB: median(runs.map((run) => run.peakRssMB)), workloads: first.workloads, classes: first.classes, contexts: first.contexts, decisions: first.decisions, targetMs: target });
  }
  console.log(`BENCH_JSON ${JSON.stringify(summary)}`);
}

// Run only when executed, not when imported (the generator is reusable).
if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  if (process.argv[2] === '--child') await child(Number(process.argv[3]), Number(process.argv[4]));
  else parent();
}
