/**
 * Deterministic corpus of Kubernetes manifests for the throughput benchmark.
 *
 * Everything is derived from one seeded PRNG, so the same seed always gives byte-identical
 * files: numbers from different runs (or machines) are measured on the same input.
 * The YAML is written as text rather than dumped from objects, so the corpus has the things
 * real manifests have and a dumper would not produce: comments, Helm `# Source:` headers,
 * both list-indentation styles, flow sequences, block scalars and quoted numbers.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** 32-bit PRNG (a splitmix-style integer hash of a counter). Small, fast, and seedable. */
export function createRng(seed) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return ((z ^ (z >>> 16)) >>> 0) / 4294967296;
  };
  return {
    next,
    /** Integer in [min, max]. */
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (p) => next() < p,
    pick: (list) => list[Math.floor(next() * list.length)],
    /** Picks a key of `weights` with probability proportional to its value. */
    weighted: (weights) => {
      const entries = Object.entries(weights);
      let roll = next() * entries.reduce((sum, [, weight]) => sum + weight, 0);
      for (const [key, weight] of entries) {
        roll -= weight;
        if (roll < 0) return key;
      }
      return entries[entries.length - 1][0];
    },
    hex: (length) => {
      let out = '';
      while (out.length < length) out += Math.floor(next() * 0x100000000).toString(16).padStart(8, '0');
      return out.slice(0, length);
    },
  };
}

const TEAMS = [
  'payments', 'checkout', 'search', 'catalog', 'identity', 'billing', 'shipping', 'inventory', 'reviews', 'ads',
  'analytics', 'notifications', 'media', 'messaging', 'platform', 'observability', 'ml-serving', 'fraud', 'loyalty', 'pricing',
  'partners', 'support', 'storefront', 'mobile-api', 'data-ingest',
];
const ENVIRONMENTS = ['prod', 'staging'];
const COMPONENTS = [
  'api', 'worker', 'gateway', 'frontend', 'scheduler', 'consumer', 'indexer', 'exporter', 'cache', 'webhook',
  'sync', 'reporter', 'proxy', 'admin', 'auth', 'renderer', 'ingest', 'notifier', 'resolver', 'batch',
];
const SIDECARS = [
  { name: 'istio-proxy', image: 'docker.io/istio/proxyv2', tag: '1.22.3', port: 15090 },
  { name: 'log-shipper', image: 'cr.fluentbit.io/fluent/fluent-bit', tag: '3.0.7', port: 2020 },
  { name: 'metrics', image: 'quay.io/prometheus/statsd-exporter', tag: 'v0.26.1', port: 9102 },
  { name: 'oauth2-proxy', image: 'quay.io/oauth2-proxy/oauth2-proxy', tag: 'v7.6.0', port: 4180 },
  { name: 'cloudsql-proxy', image: 'gcr.io/cloud-sql-connectors/cloud-sql-proxy', tag: '2.11.4', port: 9801 },
];
const INIT_CONTAINERS = [
  { name: 'migrate', image: 'registry.example.com/tools/migrate', tag: '4.17.1', command: '["/migrate", "-path", "/migrations", "up"]' },
  { name: 'wait-for-db', image: 'docker.io/library/busybox', tag: '1.36', command: '["sh", "-c", "until nc -z db 5432; do sleep 2; done"]' },
  { name: 'fetch-config', image: 'docker.io/curlimages/curl', tag: '8.8.0', command: '["curl", "-fsSLo", "/config/app.json", "http://config-server/app.json"]' },
];

/** Writes YAML text line by line; `seqIndent` picks the list style (kubectl: 0, Helm charts: often 1). */
class YamlText {
  constructor(seqIndent) {
    this.lines = [];
    this.seqIndent = seqIndent;
  }
  line(depth, text) {
    this.lines.push('  '.repeat(depth) + text);
  }
  /** Depth of the dash for a list held by a key at `depth`. */
  dash(depth) {
    return depth + this.seqIndent;
  }
  toString() {
    return this.lines.join('\n') + '\n';
  }
}

/** Builds the YAML documents of one namespace's applications. */
class ManifestWriter {
  constructor(rng, namespace, team, seqIndent, helmChart) {
    this.rng = rng;
    this.namespace = namespace;
    this.team = team;
    this.seqIndent = seqIndent;
    this.helmChart = helmChart;
  }

  start(kind, template) {
    const y = new YamlText(this.seqIndent);
    // Helm output names the template each document came from; the loader reads this header.
    if (this.helmChart) y.line(0, `# Source: ${this.helmChart}/templates/${template}`);
    else if (this.rng.chance(0.3)) y.line(0, `# ${kind} managed by team ${this.team}`);
    return y;
  }

  metadata(y, name, { namespaced = true, extraLabels = {} } = {}) {
    y.line(0, 'metadata:');
    y.line(1, `name: ${name}`);
    if (namespaced) y.line(1, `namespace: ${this.namespace}`);
    y.line(1, 'labels:');
    y.line(2, `app.kubernetes.io/name: ${name}`);
    y.line(2, `app.kubernetes.io/part-of: ${this.team}`);
    y.line(2, 'app.kubernetes.io/managed-by: ' + (this.helmChart ? 'Helm' : 'kustomize'));
    for (const [key, value] of Object.entries(extraLabels)) y.line(2, `${key}: ${value}`);
  }

  /** An image reference: pinned, version-tagged, `:latest`, or untagged (which means latest). */
  image(base, tag) {
    const style = this.rng.weighted({ digest: 20, version: 55, latest: 15, untagged: 10 });
    if (style === 'digest') return `${base}:${tag}@sha256:${this.rng.hex(64)}`;
    if (style === 'latest') return `${base}:latest`;
    if (style === 'untagged') return base;
    return `${base}:${tag}`;
  }

  /** Container security context, from hardened to dangerous, at rates seen in real repositories. */
  containerSecurity(y, depth) {
    const style = this.rng.weighted({ hardened: 40, partial: 25, none: 25, privileged: 5, root: 5 });
    if (style === 'none') return;
    y.line(depth, 'securityContext:');
    if (style === 'hardened') {
      y.line(depth + 1, 'allowPrivilegeEscalation: false');
      y.line(depth + 1, 'readOnlyRootFilesystem: true');
      y.line(depth + 1, 'runAsNonRoot: true');
      y.line(depth + 1, 'capabilities:');
      y.line(depth + 2, 'drop: ["ALL"]');
    } else if (style === 'partial') {
      y.line(depth + 1, 'readOnlyRootFilesystem: true');
    } else if (style === 'privileged') {
      y.line(depth + 1, 'privileged: true');
      y.line(depth + 1, 'allowPrivilegeEscalation: true');
    } else {
      y.line(depth + 1, 'runAsUser: 0');
      y.line(depth + 1, 'capabilities:');
      y.line(depth + 2, 'add:');
      y.line(y.dash(depth + 2), '- NET_ADMIN');
      y.line(y.dash(depth + 2), '- SYS_TIME');
    }
  }

  /** One container item of a `containers:` list held at `depth`. */
  container(y, depth, { name, image, port, app, command }) {
    const d = y.dash(depth);
    y.line(d, `- name: ${name}`);
    const c = d + 1;
    y.line(c, `image: ${image}`);
    y.line(c, `imagePullPolicy: ${this.rng.pick(['IfNotPresent', 'Always', 'IfNotPresent'])}`);
    if (command) y.line(c, `command: ${command}`);
    if (port) {
      y.line(c, 'ports:');
      y.line(y.dash(c), `- name: ${app ? 'http' : 'metrics'}`);
      y.line(y.dash(c) + 1, `containerPort: ${port}`);
      y.line(y.dash(c) + 1, 'protocol: TCP');
    }
    if (app) {
      y.line(c, 'args:');
      y.line(y.dash(c), `- --port=${port}`);
      y.line(y.dash(c), `- --log-level=${this.rng.pick(['info', 'debug', 'warn'])}`);
      y.line(c, 'env:');
      for (const [key, value] of [['APP_ENV', this.namespace.split('-').pop()], ['GOMAXPROCS', '"2"'], ['OTEL_SERVICE_NAME', app]]) {
        y.line(y.dash(c), `- name: ${key}`);
        y.line(y.dash(c) + 1, `value: ${value}`);
      }
      y.line(y.dash(c), '- name: DATABASE_PASSWORD');
      y.line(y.dash(c) + 1, 'valueFrom:');
      y.line(y.dash(c) + 2, 'secretKeyRef:');
      y.line(y.dash(c) + 3, `name: ${app}-db`);
      y.line(y.dash(c) + 3, 'key: password');
      y.line(c, 'envFrom:');
      y.line(y.dash(c), '- configMapRef:');
      y.line(y.dash(c) + 2, `name: ${app}-config`);
      for (const probe of ['readinessProbe', 'livenessProbe']) {
        y.line(c, `${probe}:`);
        y.line(c + 1, 'httpGet:');
        y.line(c + 2, `path: ${probe === 'readinessProbe' ? '/ready' : '/healthz'}`);
        y.line(c + 2, 'port: http');
        y.line(c + 1, `periodSeconds: ${this.rng.pick([5, 10, 15])}`);
        y.line(c + 1, `failureThreshold: ${this.rng.int(3, 6)}`);
      }
      y.line(c, 'volumeMounts:');
      y.line(y.dash(c), '- name: config');
      y.line(y.dash(c) + 1, 'mountPath: /etc/app');
      y.line(y.dash(c) + 1, 'readOnly: true');
      y.line(y.dash(c), '- name: tmp');
      y.line(y.dash(c) + 1, 'mountPath: /tmp');
    }
    y.line(c, 'resources:');
    y.line(c + 1, 'requests:');
    y.line(c + 2, `cpu: ${this.rng.pick(['50m', '100m', '250m', '500m'])}`);
    y.line(c + 2, `memory: ${this.rng.pick(['64Mi', '128Mi', '256Mi', '512Mi'])}`);
    if (this.rng.chance(0.7)) {
      y.line(c + 1, 'limits:');
      y.line(c + 2, `cpu: "${this.rng.pick(['1', '2'])}"`);
      y.line(c + 2, `memory: ${this.rng.pick(['256Mi', '512Mi', '1Gi', '2Gi'])}`);
    }
    this.containerSecurity(y, c);
  }

  /** A pod template (`template:` at `depth`) with 1–4 containers and sometimes init containers. */
  podTemplate(y, depth, app, port) {
    y.line(depth, 'template:');
    y.line(depth + 1, 'metadata:');
    y.line(depth + 2, 'labels:');
    y.line(depth + 3, `app.kubernetes.io/name: ${app}`);
    y.line(depth + 3, `app.kubernetes.io/part-of: ${this.team}`);
    y.line(depth + 2, 'annotations:');
    y.line(depth + 3, 'prometheus.io/scrape: "true"');
    y.line(depth + 3, `prometheus.io/port: "${port}"`);
    y.line(depth + 3, `checksum/config: "${this.rng.hex(64)}"`);
    const s = depth + 1;
    y.line(s, 'spec:');
    y.line(s + 1, `serviceAccountName: ${app}`);
    y.line(s + 1, 'automountServiceAccountToken: false');
    y.line(s + 1, `terminationGracePeriodSeconds: ${this.rng.pick([30, 60, 120])}`);
    // About half the pods set a pod-level context; those protect every container from running as root.
    if (this.rng.chance(0.5)) {
      y.line(s + 1, 'securityContext:');
      y.line(s + 2, 'runAsNonRoot: true');
      y.line(s + 2, `runAsUser: ${this.rng.pick([1000, 10001, 65532])}`);
      y.line(s + 2, 'fsGroup: 2000');
      y.line(s + 2, 'seccompProfile:');
      y.line(s + 3, 'type: RuntimeDefault');
    }
    if (this.rng.chance(0.25)) {
      const init = this.rng.pick(INIT_CONTAINERS);
      y.line(s + 1, 'initContainers:');
      this.container(y, s + 1, { name: init.name, image: this.image(init.image, init.tag), command: init.command });
    }
    y.line(s + 1, 'containers:');
    this.container(y, s + 1, { name: app.split('-')[0], image: this.image(`registry.example.com/${this.team}/${app}`, `${this.rng.int(1, 4)}.${this.rng.int(0, 30)}.${this.rng.int(0, 9)}`), port, app });
    // Consecutive entries from a random start: sidecar names never repeat within a pod.
    const sidecars = Number(this.rng.weighted({ 0: 30, 1: 40, 2: 20, 3: 10 }));
    const first = this.rng.int(0, SIDECARS.length - 1);
    for (let i = 0; i < sidecars; i++) {
      const sidecar = SIDECARS[(first + i) % SIDECARS.length];
      this.container(y, s + 1, { name: sidecar.name, image: this.image(sidecar.image, sidecar.tag), port: sidecar.port });
    }
    y.line(s + 1, 'volumes:');
    y.line(y.dash(s + 1), '- name: config');
    y.line(y.dash(s + 1) + 1, 'configMap:');
    y.line(y.dash(s + 1) + 2, `name: ${app}-config`);
    y.line(y.dash(s + 1), '- name: tmp');
    y.line(y.dash(s + 1) + 1, 'emptyDir: {}');
    if (this.rng.chance(0.2)) {
      y.line(s + 1, 'nodeSelector:');
      y.line(s + 2, 'kubernetes.io/os: linux');
    }
  }

  workload(app, port) {
    const kind = this.rng.weighted({ Deployment: 85, StatefulSet: 10, CronJob: 5 });
    const y = this.start(kind, `${kind.toLowerCase()}.yaml`);
    y.line(0, kind === 'CronJob' ? 'apiVersion: batch/v1' : 'apiVersion: apps/v1');
    y.line(0, `kind: ${kind}`);
    this.metadata(y, app, { extraLabels: { 'app.kubernetes.io/version': `"${this.rng.int(1, 9)}.${this.rng.int(0, 20)}.0"` } });
    if (kind === 'Deployment') {
      y.line(1, 'annotations:');
      y.line(2, `deployment.kubernetes.io/revision: "${this.rng.int(1, 80)}"`);
    }
    y.line(0, 'spec:');
    if (kind === 'CronJob') {
      y.line(1, `schedule: "${this.rng.int(0, 59)} */${this.rng.pick([1, 2, 6, 12])} * * *"`);
      y.line(1, 'concurrencyPolicy: Forbid');
      y.line(1, 'jobTemplate:');
      y.line(2, 'spec:');
      y.line(3, 'backoffLimit: 2');
      this.podTemplate(y, 3, app, port);
      y.line(5, 'restartPolicy: OnFailure');
      return { kind, text: y.toString() };
    }
    y.line(1, `replicas: ${this.rng.pick([1, 2, 3, 3, 5, 10])}`);
    if (kind === 'StatefulSet') y.line(1, `serviceName: ${app}`);
    y.line(1, `revisionHistoryLimit: ${this.rng.pick([3, 5, 10])}`);
    y.line(1, 'selector:');
    y.line(2, 'matchLabels:');
    y.line(3, `app.kubernetes.io/name: ${app}`);
    if (kind === 'Deployment') {
      y.line(1, 'strategy:');
      y.line(2, 'type: RollingUpdate');
      y.line(2, 'rollingUpdate:');
      y.line(3, 'maxSurge: 25%');
      y.line(3, 'maxUnavailable: 0');
    }
    this.podTemplate(y, 1, app, port);
    return { kind, text: y.toString() };
  }

  service(app, port) {
    const y = this.start('Service', 'service.yaml');
    y.line(0, 'apiVersion: v1');
    y.line(0, 'kind: Service');
    this.metadata(y, app);
    y.line(0, 'spec:');
    y.line(1, `type: ${this.rng.weighted({ ClusterIP: 80, NodePort: 12, LoadBalancer: 8 })}`);
    y.line(1, 'selector:');
    y.line(2, `app.kubernetes.io/name: ${app}`);
    y.line(1, 'ports:');
    y.line(y.dash(1), '- name: http');
    y.line(y.dash(1) + 1, 'port: 80');
    y.line(y.dash(1) + 1, 'targetPort: http');
    y.line(y.dash(1) + 1, 'protocol: TCP');
    if (this.rng.chance(0.4)) {
      y.line(y.dash(1), '- name: metrics');
      y.line(y.dash(1) + 1, `port: ${port + 1000}`);
      y.line(y.dash(1) + 1, `targetPort: ${port + 1000}`);
    }
    return { kind: 'Service', text: y.toString() };
  }

  configMap(app) {
    const y = this.start('ConfigMap', 'configmap.yaml');
    y.line(0, 'apiVersion: v1');
    y.line(0, 'kind: ConfigMap');
    this.metadata(y, `${app}-config`);
    y.line(0, 'data:');
    y.line(1, `LOG_FORMAT: ${this.rng.pick(['json', 'text'])}`);
    y.line(1, `CACHE_TTL_SECONDS: "${this.rng.pick([30, 60, 300, 3600])}"`);
    y.line(1, `FEATURE_FLAGS: "${this.rng.pick(['new-checkout,fast-search', 'dark-mode', ''])}"`);
    // Block scalars of varying size: config files dominate the byte count of real ConfigMaps.
    y.line(1, 'application.yaml: |');
    y.line(2, 'server:');
    y.line(3, `port: ${this.rng.int(8000, 9000)}`);
    y.line(3, 'shutdownTimeout: 30s');
    y.line(2, 'upstreams:');
    for (let i = 0, n = this.rng.int(2, 12); i < n; i++) {
      y.line(2, `- name: ${this.rng.pick(COMPONENTS)}-${i}`);
      y.line(3, `url: http://${this.rng.pick(COMPONENTS)}.${this.namespace}.svc.cluster.local:${this.rng.pick([80, 8080, 9090])}`);
      y.line(3, `timeoutMs: ${this.rng.pick([250, 500, 1000, 3000])}`);
    }
    if (this.rng.chance(0.3)) {
      y.line(1, 'nginx.conf: |-');
      y.line(2, 'worker_processes auto;');
      y.line(2, 'events { worker_connections 1024; }');
      y.line(2, 'http {');
      y.line(3, `server { listen 8080; location / { proxy_pass http://127.0.0.1:${this.rng.int(3000, 4000)}; } }`);
      y.line(2, '}');
    }
    return { kind: 'ConfigMap', text: y.toString() };
  }

  networkPolicy(app, port) {
    const y = this.start('NetworkPolicy', 'networkpolicy.yaml');
    y.line(0, 'apiVersion: networking.k8s.io/v1');
    y.line(0, 'kind: NetworkPolicy');
    this.metadata(y, `${app}-allow`);
    y.line(0, 'spec:');
    y.line(1, 'podSelector:');
    y.line(2, 'matchLabels:');
    y.line(3, `app.kubernetes.io/name: ${app}`);
    y.line(1, 'policyTypes: [Ingress, Egress]');
    // Lists inside list items: each nested list hangs off a key one level inside the item.
    const rule = y.dash(1);
    y.line(1, 'ingress:');
    y.line(rule, '- from:');
    y.line(y.dash(rule + 1), '- namespaceSelector:');
    y.line(y.dash(rule + 1) + 2, 'matchLabels:');
    y.line(y.dash(rule + 1) + 3, 'kubernetes.io/metadata.name: ingress-nginx');
    y.line(rule + 1, 'ports:');
    y.line(y.dash(rule + 1), `- { protocol: TCP, port: ${port} }`);
    y.line(1, 'egress:');
    y.line(rule, '- to:');
    y.line(y.dash(rule + 1), '- namespaceSelector: {}');
    y.line(y.dash(rule + 1) + 1, 'podSelector:');
    y.line(y.dash(rule + 1) + 2, 'matchLabels:');
    y.line(y.dash(rule + 1) + 3, 'k8s-app: kube-dns');
    y.line(rule + 1, 'ports:');
    y.line(y.dash(rule + 1), '- { protocol: UDP, port: 53 }');
    return { kind: 'NetworkPolicy', text: y.toString() };
  }

  roleBinding(app) {
    const cluster = this.rng.chance(0.25);
    const kind = cluster ? 'ClusterRoleBinding' : 'RoleBinding';
    const y = this.start(kind, 'rbac.yaml');
    y.line(0, 'apiVersion: rbac.authorization.k8s.io/v1');
    y.line(0, `kind: ${kind}`);
    this.metadata(y, cluster ? `${this.namespace}-${app}` : `${app}-binding`, { namespaced: !cluster });
    y.line(0, 'roleRef:');
    y.line(1, 'apiGroup: rbac.authorization.k8s.io');
    y.line(1, `kind: ${cluster || this.rng.chance(0.5) ? 'ClusterRole' : 'Role'}`);
    y.line(1, `name: ${cluster ? this.rng.weighted({ view: 60, edit: 30, 'cluster-admin': 10 }) : this.rng.pick(['view', 'edit', `${app}-reader`])}`);
    y.line(0, 'subjects:');
    y.line(y.dash(0), '- kind: ServiceAccount');
    y.line(y.dash(0) + 1, `name: ${app}`);
    y.line(y.dash(0) + 1, `namespace: ${this.namespace}`);
    if (this.rng.chance(0.3)) {
      y.line(y.dash(0), '- kind: Group');
      y.line(y.dash(0) + 1, 'apiGroup: rbac.authorization.k8s.io');
      y.line(y.dash(0) + 1, `name: team-${this.team}`);
    }
    return { kind, text: y.toString() };
  }

  /** The objects of one application: a workload and, usually, its Service, config, policy and binding. */
  application(app) {
    const port = this.rng.pick([8080, 8000, 3000, 9000, 5000]);
    const docs = [];
    if (this.rng.chance(0.6)) docs.push(this.configMap(app));
    docs.push(this.workload(app, port));
    if (this.rng.chance(0.7)) docs.push(this.service(app, port));
    if (this.rng.chance(0.4)) docs.push(this.networkPolicy(app, port));
    if (this.rng.chance(0.3)) docs.push(this.roleBinding(app));
    return docs;
  }
}

/**
 * Generates the corpus into `directory` (one sub-directory per namespace) and returns what
 * was written. Files hold a varying number of resources that averages `resources / files`.
 */
export function writeCorpus(directory, { seed = 0xb01a4c, resources = 10_000, files = 200, namespaces = 50 } = {}) {
  const rng = createRng(seed);
  const namespaceNames = [];
  for (const team of TEAMS) for (const env of ENVIRONMENTS) namespaceNames.push(`${team}-${env}`);
  if (namespaces > namespaceNames.length) throw new Error(`at most ${namespaceNames.length} namespaces`);

  // Per-file budgets: pairs of files share 2 × average between them, so sizes vary but the total is exact.
  const average = resources / files;
  const budgets = [];
  for (let i = 0; i < files; i += 2) {
    const spread = rng.int(0, Math.floor(average * 0.6));
    budgets.push(Math.floor(average) + spread, Math.ceil(average) - spread);
  }
  budgets.length = files;
  budgets[files - 1] += resources - budgets.reduce((sum, n) => sum + n, 0);

  const kinds = {};
  let bytes = 0;
  let total = 0;
  const written = [];
  for (let f = 0; f < files; f++) {
    const namespace = namespaceNames[f % namespaces];
    const team = TEAMS[namespaceNames.indexOf(namespace) >> 1];
    const helmChart = rng.chance(0.25) ? `${team}-chart` : undefined;
    const writer = new ManifestWriter(rng, namespace, team, rng.chance(0.4) ? 1 : 0, helmChart);
    const documents = [];
    let appIndex = 0;
    while (documents.length < budgets[f]) {
      const app = `${rng.pick(COMPONENTS)}-${f}-${appIndex++}`;
      for (const doc of writer.application(app)) if (documents.length < budgets[f]) documents.push(doc);
    }
    for (const doc of documents) kinds[doc.kind] = (kinds[doc.kind] ?? 0) + 1;
    // Some files start with `---`, as kubectl and Helm output does; the rest start with the object.
    const text = (rng.chance(0.5) ? '---\n' : '') + documents.map((doc) => doc.text).join('---\n');
    const folder = join(directory, namespace);
    mkdirSync(folder, { recursive: true });
    const path = join(folder, `manifests-${String(f).padStart(3, '0')}.${rng.chance(0.2) ? 'yml' : 'yaml'}`);
    writeFileSync(path, text);
    written.push(path);
    bytes += Buffer.byteLength(text);
    total += documents.length;
  }
  return { files: written, resources: total, bytes, kinds, namespaces: Math.min(namespaces, files) };
}

/**
 * A small file of one application, for the single-file CLI timing. The default seed gives a
 * ConfigMap, a Deployment with sidecars and a Service, with findings of several checks
 * including a privileged container, so the CLI takes its "problems found" path (exit 1).
 */
export function writeSmallFile(path, seed = 8) {
  const rng = createRng(seed);
  const writer = new ManifestWriter(rng, 'payments-prod', 'payments', 0, undefined);
  const documents = writer.application('checkout-api');
  const text = documents.map((doc) => doc.text).join('---\n');
  writeFileSync(path, text);
  return { path, resources: documents.length, bytes: Buffer.byteLength(text) };
}
