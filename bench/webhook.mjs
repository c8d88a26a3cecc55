/**
 * Admission webhook benchmark.
 *
 *   node bench/webhook.mjs                                    # against dist/ (build first)
 *   BULWARK_WEBHOOK_SRC=1 node --import tsx bench/webhook.mjs # against src/, while developing
 *   BULWARK_WEBHOOK_DIST=some/dir node bench/webhook.mjs      # against another build of src/
 *
 * The server runs in a child process (`startWebhook` with the recommended policy, logs at info
 * to its standard error, /dev/null unless BENCH_SERVER_LOG=1) on loopback with a self-signed certificate; this process is the client. The
 * client speaks HTTP/1.1 over keep-alive TLS connections with TCP_NODELAY, verifies the
 * server's certificate against the generated CA, and sends the same ~3 KB Pod AdmissionReview
 * (a hardened pod: allowed, with two warnings). It is written on raw sockets so that the client
 * costs as little CPU as possible: on two shared cores it competes with the server.
 *
 *   open loop    requests are sent on a fixed schedule (BENCH_RATE per second, default 1,000)
 *                whatever the answers do, over a pool of connections; latency counts from the
 *                scheduled time, so a stall is not hidden (no coordinated omission)
 *   closed loop  BENCH_CONNECTIONS connections (default 50) each send the next request as soon
 *                as the previous answer arrives: the throughput the server sustains
 *
 * Server CPU per review is the child's user+system CPU time over a phase divided by the reviews
 * answered in it (includes TLS, HTTP, JSON, checks, metrics and logging). Not a test: it always
 * exits 0 unless a measurement could not run. Prints a table and one `BENCH_JSON {...}` line.
 * Environment: BENCH_SECONDS (default 10 per phase), BENCH_RATE, BENCH_CONNECTIONS, BENCH_CACHE_ENTRIES
 * (the server's decision cache, default 128; 0 turns it off), BENCH_LOG_LEVEL; BENCH_PROFILE=DIR
 * writes a V8 CPU profile of the server to DIR (open it in Chrome DevTools).
 */
import { fork } from 'node:child_process';
import { connect } from 'node:tls';
import { fileURLToPath } from 'node:url';
import { dirname, join, resolve } from 'node:path';

const here = dirname(fileURLToPath(import.meta.url));
const LIBRARY = process.env.BULWARK_WEBHOOK_SRC === '1' ? join(here, '../src') : resolve(process.env.BULWARK_WEBHOOK_DIST ?? join(here, '../dist'));
const EXTENSION = process.env.BULWARK_WEBHOOK_SRC === '1' ? '.ts' : '.js';
const moduleUrl = (name) => `file://${join(LIBRARY, `${name}${EXTENSION}`)}`;

function positive(text, fallback) {
  const value = Number(text);
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

const SECONDS = positive(process.env.BENCH_SECONDS, 10);
const RATE = positive(process.env.BENCH_RATE, 1000);
const CONNECTIONS = Math.round(positive(process.env.BENCH_CONNECTIONS, 50));
const OPEN_LOOP_POOL = 32;
const TARGETS = { openP99Ms: 10, closedRate: 5000, closedP99Ms: 20, cpuPerReviewUs: 150 };

/** A hardened pod as a ReplicaSet creates it: labels, owner, probes, resources, two containers. */
function benchmarkPod() {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      generateName: 'web-7d4b9c-',
      namespace: 'shop',
      labels: { app: 'web', 'app.kubernetes.io/name': 'web', 'app.kubernetes.io/version': '1.4.2', team: 'storefront', 'pod-template-hash': '7d4b9c' },
      annotations: { 'prometheus.io/scrape': 'true', 'prometheus.io/port': '9090' },
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-7d4b9c', uid: '3f0c1a52-2b7e-4b4e-9a55-1c9d1f7e0a11', controller: true, blockOwnerDeletion: true }],
    },
    spec: {
      serviceAccountName: 'web',
      automountServiceAccountToken: false,
      securityContext: { runAsNonRoot: true, runAsUser: 10001, runAsGroup: 10001, fsGroup: 10001, seccompProfile: { type: 'RuntimeDefault' } },
      containers: [
        {
          name: 'web',
          image: 'registry.example.com/shop/web:1.4.2',
          imagePullPolicy: 'Always',
          ports: [{ containerPort: 8080, name: 'http' }, { containerPort: 9090, name: 'metrics' }],
          env: [
            { name: 'LOG_LEVEL', value: 'info' },
            { name: 'DB_HOST', value: 'postgres.shop.svc.cluster.local' },
            { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
          ],
          resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '500m', memory: '256Mi', 'ephemeral-storage': '1Gi' } },
          securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } },
          livenessProbe: { httpGet: { path: '/healthz', port: 'http' }, initialDelaySeconds: 5, periodSeconds: 10 },
          readinessProbe: { httpGet: { path: '/readyz', port: 'http' }, periodSeconds: 5 },
          volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }, { name: 'config', mountPath: '/etc/web', readOnly: true }],
        },
        {
          name: 'log-shipper',
          image: 'registry.example.com/infra/fluent-bit:3.1.4',
          imagePullPolicy: 'Always',
          resources: { requests: { cpu: '20m', memory: '32Mi' }, limits: { cpu: '100m', memory: '64Mi', 'ephemeral-storage': '256Mi' } },
          securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } },
          livenessProbe: { exec: { command: ['/fluent-bit/bin/health'] }, periodSeconds: 30 },
          readinessProbe: { exec: { command: ['/fluent-bit/bin/health'] }, periodSeconds: 30 },
          volumeMounts: [{ name: 'tmp', mountPath: '/var/log/web', readOnly: true }],
        },
      ],
      volumes: [{ name: 'tmp', emptyDir: { sizeLimit: '64Mi' } }, { name: 'config', configMap: { name: 'web-config' } }],
      affinity: { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, podAffinityTerm: { topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: { app: 'web' } } } }] } },
      nodeSelector: { 'kubernetes.io/os': 'linux' },
      terminationGracePeriodSeconds: 30,
    },
  };
}

function reviewBody(variant) {
  const pod = benchmarkPod();
  // A different pod each time (one label differs): no two reviews share a cached decision.
  if (variant !== undefined) pod.metadata.labels['app.kubernetes.io/instance'] = `web-${variant}`;
  return JSON.stringify({
    apiVersion: 'admission.k8s.io/v1',
    kind: 'AdmissionReview',
    request: {
      uid: '705ab4f5-6393-11e8-b7cc-42010a800002',
      kind: { group: '', version: 'v1', kind: 'Pod' },
      resource: { group: '', version: 'v1', resource: 'pods' },
      requestKind: { group: '', version: 'v1', kind: 'Pod' },
      requestResource: { group: '', version: 'v1', resource: 'pods' },
      namespace: 'shop',
      operation: 'CREATE',
      userInfo: { username: 'system:serviceaccount:kube-system:replicaset-controller', uid: 'a6f9c3c2-8f0e-4b8e-9d4b-2f3c1e0d9a77', groups: ['system:serviceaccounts', 'system:serviceaccounts:kube-system', 'system:authenticated'] },
      object: pod,
      oldObject: null,
      dryRun: false,
      options: { kind: 'CreateOptions', apiVersion: 'meta.k8s.io/v1' },
    },
  });
}

// ---------------------------------------------------------------- server (child process)

async function runServer() {
  const { generateSelfSigned } = await import(moduleUrl('server/certificates'));
  const { startWebhook } = await import(moduleUrl('server/webhook'));
  const { jsonLogger } = await import(moduleUrl('server/log'));
  const { parsePolicy } = await import(moduleUrl('policy/load'));
  const { BUILTIN_CHECKS } = await import(moduleUrl('checks/index'));
  const material = generateSelfSigned({ hosts: ['localhost', '127.0.0.1'] });
  const policy = parsePolicy('bulwark.yaml', 'extends: recommended\n', BUILTIN_CHECKS);
  const logger = jsonLogger(process.stderr, process.env.BENCH_LOG_LEVEL ?? 'info');
  const cacheEntries = process.env.BENCH_CACHE_ENTRIES === undefined ? undefined : Number(process.env.BENCH_CACHE_ENTRIES);
  const running = await startWebhook({ host: '127.0.0.1', port: 0, policy, tls: { material: { cert: material.certificate, key: material.privateKey } }, logger, ...(cacheEntries !== undefined ? { cacheEntries } : {}) });
  process.on('message', (message) => {
    if (message === 'cpu') {
      const usage = process.cpuUsage();
      process.send({ cpu: usage.user + usage.system, rss: process.memoryUsage.rss() });
    } else if (message === 'stop') running.close().then(() => process.exit(0));
  });
  process.send({ port: running.address.port, ca: material.caCertificate });
}

// ---------------------------------------------------------------- client

/** One keep-alive connection sending one request at a time and timing each answer. */
class Connection {
  constructor(port, ca) {
    this.buffer = Buffer.alloc(0);
    this.busy = false;
    this.onAnswer = undefined;
    this.socket = connect({ host: '127.0.0.1', port, ca, servername: 'localhost' });
    this.socket.setNoDelay(true);
    this.ready = new Promise((resolveReady, reject) => {
      this.socket.once('secureConnect', resolveReady);
      this.socket.once('error', reject);
    });
    this.socket.on('data', (chunk) => this.read(chunk));
  }

  send(request, onAnswer) {
    this.busy = true;
    this.onAnswer = onAnswer;
    this.socket.write(request);
  }

  read(chunk) {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    const headerEnd = this.buffer.indexOf('\r\n\r\n');
    if (headerEnd === -1) return;
    const head = this.buffer.subarray(0, headerEnd).toString('latin1');
    const length = Number(/content-length: *(\d+)/i.exec(head)?.[1] ?? 0);
    const total = headerEnd + 4 + length;
    if (this.buffer.length < total) return;
    const status = Number(head.slice(9, 12));
    const body = this.buffer.subarray(headerEnd + 4, total);
    this.buffer = this.buffer.subarray(total);
    this.busy = false;
    const answer = this.onAnswer;
    this.onAnswer = undefined;
    answer?.(status, body);
  }

  close() {
    this.socket.end();
  }
}

function percentile(sorted, fraction) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)];
}

function summarise(latenciesMs, seconds, cpuMicros, errors) {
  const sorted = Float64Array.from(latenciesMs).sort();
  return {
    requests: sorted.length,
    errors,
    rate: sorted.length / seconds,
    p50: percentile(sorted, 0.5),
    p90: percentile(sorted, 0.9),
    p99: percentile(sorted, 0.99),
    max: sorted[sorted.length - 1],
    cpuPerReviewUs: cpuMicros / Math.max(1, sorted.length),
  };
}

async function openLoop(connections, nextRequest, rate, seconds) {
  const latencies = [];
  let errors = 0;
  const queue = [];
  const interval = 1000 / rate;
  const start = performance.now();
  let sent = 0;
  const dispatch = () => {
    for (const connection of connections) {
      if (queue.length === 0) return;
      if (connection.busy) continue;
      const scheduled = queue.shift();
      connection.send(nextRequest(), (status) => {
        latencies.push(performance.now() - scheduled);
        if (status !== 200) errors++;
        dispatch();
      });
    }
  };
  await new Promise((done) => {
    const tick = () => {
      const now = performance.now();
      // Every request whose time has come, each stamped with its own scheduled time.
      while (sent * interval <= now - start && sent < rate * seconds) {
        queue.push(start + sent * interval);
        sent++;
      }
      dispatch();
      if (sent >= rate * seconds) {
        const drain = () => (latencies.length + errors >= sent || performance.now() - start > (seconds + 10) * 1000 ? done() : setTimeout(drain, 5));
        drain();
      } else {
        // Sleep until the next request is due: a spinning client would take the server's CPU.
        setTimeout(tick, Math.max(0, start + sent * interval - performance.now()));
      }
    };
    tick();
  });
  return { latencies, errors, seconds: (performance.now() - start) / 1000 };
}

async function closedLoop(connections, nextRequest, seconds) {
  const latencies = [];
  let errors = 0;
  const start = performance.now();
  const end = start + seconds * 1000;
  await Promise.all(
    connections.map(
      (connection) =>
        new Promise((done) => {
          const next = () => {
            const sentAt = performance.now();
            if (sentAt >= end) return done();
            connection.send(nextRequest(), (status) => {
              latencies.push(performance.now() - sentAt);
              if (status !== 200) errors++;
              next();
            });
          };
          next();
        }),
    ),
  );
  return { latencies, errors, seconds: (performance.now() - start) / 1000 };
}

const VARIANTS = 4096;

async function main() {
  const child = fork(fileURLToPath(import.meta.url), ['--server'], {
    stdio: ['ignore', 'inherit', process.env.BENCH_SERVER_LOG === '1' ? 'inherit' : 'ignore', 'ipc'],
    execArgv: [...process.execArgv, ...(process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [])],
  });
  const messages = [];
  let waiting;
  child.on('message', (message) => (waiting ? (waiting(message), (waiting = undefined)) : messages.push(message)));
  const nextMessage = () => (messages.length > 0 ? Promise.resolve(messages.shift()) : new Promise((resolveMessage) => (waiting = resolveMessage)));
  const serverCpu = async () => {
    child.send('cpu');
    return nextMessage();
  };
  const { port, ca } = await nextMessage();
  const httpRequest = (body) => Buffer.from(`POST /validate?timeout=10s HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\nAccept: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  const body = reviewBody();
  const same = httpRequest(body);
  const sameRequest = () => same;
  // More distinct pods than the server remembers decisions: every review is evaluated.
  const distinct = Array.from({ length: VARIANTS }, (_, index) => httpRequest(reviewBody(index)));
  let next = 0;
  const distinctRequest = () => distinct[next++ % VARIANTS];
  const open = async (count) => {
    const list = Array.from({ length: count }, () => new Connection(port, ca));
    await Promise.all(list.map((connection) => connection.ready));
    return list;
  };
  const phase = async (connectionCount, run) => {
    const pool = await open(connectionCount);
    const before = await serverCpu();
    const result = await run(pool);
    const after = await serverCpu();
    pool.forEach((connection) => connection.close());
    return { ...summarise(result.latencies, result.seconds, after.cpu - before.cpu, result.errors), rss: after.rss };
  };

  // Check the answer once, then warm up (JIT, caches) before any timing.
  const probe = await open(1);
  const first = await new Promise((answered) => probe[0].send(same, (status, answer) => answered({ status, answer: JSON.parse(answer.toString()) })));
  if (first.status !== 200 || first.answer.response?.allowed !== true) throw new Error(`unexpected answer: ${first.status} ${JSON.stringify(first.answer)}`);
  probe[0].close();
  await phase(8, (pool) => closedLoop(pool, distinctRequest, 3));

  const results = {
    open: await phase(OPEN_LOOP_POOL, (pool) => openLoop(pool, sameRequest, RATE, SECONDS)),
    closed: await phase(CONNECTIONS, (pool) => closedLoop(pool, sameRequest, SECONDS)),
    openDistinct: await phase(OPEN_LOOP_POOL, (pool) => openLoop(pool, distinctRequest, RATE, SECONDS)),
    closedDistinct: await phase(CONNECTIONS, (pool) => closedLoop(pool, distinctRequest, SECONDS)),
  };
  child.send('stop');

  const ms = (value) => value.toFixed(2).padStart(8);
  const row = (label, result) => `  ${label.padEnd(44)} ${String(Math.round(result.rate)).padStart(7)} ${ms(result.p50)} ${ms(result.p90)} ${ms(result.p99)} ${ms(result.max)} ${result.cpuPerReviewUs.toFixed(0).padStart(8)} ${String(result.errors).padStart(6)}`;
  const mark = (pass) => (pass ? 'PASS' : 'MISS');
  const targetsOf = (openResult, closedResult) => ({
    openP99: { value: openResult.p99, target: TARGETS.openP99Ms, pass: openResult.p99 <= TARGETS.openP99Ms },
    closedRate: { value: closedResult.rate, target: TARGETS.closedRate, pass: closedResult.rate >= TARGETS.closedRate },
    closedP99: { value: closedResult.p99, target: TARGETS.closedP99Ms, pass: closedResult.p99 <= TARGETS.closedP99Ms },
    cpuPerReview: { value: closedResult.cpuPerReviewUs, target: TARGETS.cpuPerReviewUs, pass: closedResult.cpuPerReviewUs <= TARGETS.cpuPerReviewUs },
  });
  const targets = { same: targetsOf(results.open, results.closed), distinct: targetsOf(results.openDistinct, results.closedDistinct) };
  console.log(`Admission webhook: ${Buffer.byteLength(body)}-byte Pod AdmissionReview, recommended policy, HTTPS keep-alive on loopback, ${SECONDS} s per phase`);
  console.log(`  ${''.padEnd(44)} ${'req/s'.padStart(7)} ${'p50 ms'.padStart(8)} ${'p90 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'max ms'.padStart(8)} ${'µs CPU'.padStart(8)} ${'errors'.padStart(6)}`);
  console.log(row(`same pod, open loop ${RATE}/s`, results.open));
  console.log(row(`same pod, closed loop ${CONNECTIONS} connections`, results.closed));
  console.log(row(`distinct pods, open loop ${RATE}/s`, results.openDistinct));
  console.log(row(`distinct pods, closed loop ${CONNECTIONS} connections`, results.closedDistinct));
  console.log(`  server RSS at the end ${Math.round(results.closedDistinct.rss / 1e6)} MB; "same pod" reviews differ only in uid (the decision cache answers them),`);
  console.log('  "distinct pods" each differ in one label, so every one is evaluated');
  for (const [label, set] of [['same pod', targets.same], ['distinct pods', targets.distinct]]) {
    console.log(`  ${mark(set.openP99.pass)}  ${label}: open loop p99 ${set.openP99.value.toFixed(2)} ms <= ${TARGETS.openP99Ms} ms at ${RATE}/s`);
    console.log(`  ${mark(set.closedRate.pass)}  ${label}: closed loop ${Math.round(set.closedRate.value)} req/s >= ${TARGETS.closedRate}`);
    console.log(`  ${mark(set.closedP99.pass)}  ${label}: closed loop p99 ${set.closedP99.value.toFixed(2)} ms <= ${TARGETS.closedP99Ms} ms`);
    console.log(`  ${mark(set.cpuPerReview.pass)}  ${label}: server CPU ${set.cpuPerReview.value.toFixed(0)} µs per review <= ${TARGETS.cpuPerReviewUs} µs`);
  }
  console.log(`BENCH_JSON ${JSON.stringify({ bodyBytes: Buffer.byteLength(body), seconds: SECONDS, ...results, targets })}`);
}

if (process.argv.includes('--server')) await runServer();
else if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    await main();
  } catch (error) {
    console.error(`bench/webhook: ${error instanceof Error ? error.stack : error}`);
    process.exit(1);
  }
}
