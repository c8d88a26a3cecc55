/**
 * RBAC analysis benchmark.
 *
 *   node --expose-gc bench/rbac.mjs                                   # against dist/ (build first)
 *   BULWARK_RBAC_SRC=1 node --import tsx --expose-gc bench/rbac.mjs   # against src/, while developing
 *
 * Generates a cluster from a seeded PRNG (no files written): thousands of namespaces, each with
 * its ServiceAccounts, Deployments, Roles and RoleBindings (to its Roles, to the built-in
 * `view`, `edit` and `admin`, to operators' ClusterRoles), ClusterRoles of operators and of
 * CRDs (aggregated into `view`, `edit`, `admin` and into a custom aggregated role), and
 * ClusterRoleBindings, some of them risky. The objects are written as YAML and loaded as the
 * command line loads them, untimed, so that findings are located in real text. Each run is a
 * fresh child process (peak RSS is a high-water mark and cannot be reset in one process). A
 * run times, on one thread:
 *
 *   model    the RBAC model (roles, bindings, subjects, aggregation) and the analysis around
 *            it (workloads and their ServiceAccounts, token Secrets, resource types)
 *   checks   every RBAC check of `bulwark scan` (the risk analysis), findings located
 *   who-can  a dozen who-can questions (`bulwark rbac who-can`)
 *   paths    escalation paths from every subject and workload (`bulwark rbac paths`)
 *
 * Prints a table with medians (min–max) and one `BENCH_JSON {...}` line. Environment:
 * BENCH_REPS (default 5), BENCH_BINDINGS (default 50000).
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import yaml from 'js-yaml';
import { fmt, median, mulberry32, positiveInt, spread } from './lib.mjs';

const FROM_SOURCE = process.env.BULWARK_RBAC_SRC === '1';
const extension = FROM_SOURCE ? 'ts' : 'js';
const base = FROM_SOURCE ? '../src' : '../dist';
const TARGET_MS = 2000;
const TARGET_BINDINGS = 50_000;



const RBAC = 'rbac.authorization.k8s.io/v1';
const READ = ['get', 'list', 'watch'];
const WRITE = ['create', 'update', 'patch', 'delete'];

/**
 * The objects of a generated cluster with about `bindingCount` bindings: 2 % ClusterRoleBindings,
 * the rest RoleBindings spread over one namespace per 20 of them.
 */
export function generateCluster(bindingCount, seed = 0x7bac) {
  const random = mulberry32(seed);
  const pick = (list) => list[Math.floor(random() * list.length)];
  const chance = (p) => random() < p;
  const objects = [];
  const clusterRoleBindingCount = Math.max(1, Math.round(bindingCount * 0.02));
  const roleBindingCount = bindingCount - clusterRoleBindingCount;
  const namespaceCount = Math.max(1, Math.round(roleBindingCount / 19));
  const users = Array.from({ length: Math.max(10, Math.round(bindingCount / 12)) }, (_, i) => `user-${String(i).padStart(5, '0')}@example.com`);
  const teams = Array.from({ length: Math.max(5, Math.round(namespaceCount / 10)) }, (_, i) => `team-${String(i).padStart(4, '0')}`);
  const crdGroups = Array.from({ length: 60 }, (_, i) => `${pick(['data', 'net', 'cache', 'queue', 'search', 'ml'])}${i}.example.com`);

  // ClusterRoles of CRDs, aggregated into the built-in view/edit/admin as operators ship them.
  for (const [i, group] of crdGroups.entries()) {
    const plural = `widget${i}s`;
    for (const [level, verbs] of [['view', READ], ['edit', [...READ, ...WRITE]], ['admin', [...READ, ...WRITE, 'deletecollection']]]) {
      objects.push({
        apiVersion: RBAC,
        kind: 'ClusterRole',
        metadata: { name: `${group}-${level}`, labels: { [`rbac.authorization.k8s.io/aggregate-to-${level}`]: 'true', 'example.com/aggregate-to-monitoring': level === 'view' && i % 3 === 0 ? 'true' : 'false' } },
        rules: [{ apiGroups: [group], resources: [plural, `${plural}/status`], verbs }],
      });
    }
  }
  // A custom aggregated role, and what aggregates into it.
  objects.push({
    apiVersion: RBAC,
    kind: 'ClusterRole',
    metadata: { name: 'monitoring' },
    aggregationRule: { clusterRoleSelectors: [{ matchLabels: { 'example.com/aggregate-to-monitoring': 'true' } }] },
    rules: [],
  });
  objects.push({
    apiVersion: RBAC,
    kind: 'ClusterRole',
    metadata: { name: 'monitoring-core', labels: { 'example.com/aggregate-to-monitoring': 'true' } },
    rules: [
      { apiGroups: [''], resources: ['pods', 'services', 'endpoints', 'nodes'], verbs: READ },
      { apiGroups: [''], resources: ['nodes/metrics'], verbs: ['get'] },
      { nonResourceURLs: ['/metrics', '/metrics/cadvisor'], verbs: ['get'] },
    ],
  });
  // Operators' ClusterRoles: what controllers typically ask for, some of it risky.
  const operatorRoles = [];
  for (let i = 0; i < 300; i++) {
    const name = `operator-${String(i).padStart(3, '0')}`;
    const group = pick(crdGroups);
    const rules = [
      { apiGroups: [group], resources: ['*'], verbs: ['*'] },
      { apiGroups: [''], resources: ['events'], verbs: ['create', 'patch'] },
      { apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: [...READ, ...WRITE] },
      { apiGroups: [''], resources: ['configmaps', 'services'], verbs: [...READ, ...WRITE] },
    ];
    if (chance(0.5)) rules.push({ apiGroups: ['apps'], resources: ['deployments', 'statefulsets'], verbs: [...READ, ...WRITE] });
    if (chance(0.3)) rules.push({ apiGroups: [''], resources: ['secrets'], verbs: chance(0.5) ? READ : ['get'] });
    if (chance(0.1)) rules.push({ apiGroups: [''], resources: ['pods'], verbs: [...READ, 'create', 'delete'] });
    if (chance(0.05)) rules.push({ apiGroups: [''], resources: ['pods/exec'], verbs: ['create'] });
    if (chance(0.03)) rules.push({ apiGroups: [''], resources: ['nodes/proxy'], verbs: ['get'] });
    if (chance(0.02)) rules.push({ apiGroups: [''], resources: ['users', 'groups'], verbs: ['impersonate'] });
    if (chance(0.02)) rules.push({ apiGroups: ['rbac.authorization.k8s.io'], resources: ['clusterrolebindings'], verbs: ['create'] }, { apiGroups: ['rbac.authorization.k8s.io'], resources: ['clusterroles'], verbs: ['bind'], resourceNames: [name] });
    objects.push({ apiVersion: RBAC, kind: 'ClusterRole', metadata: { name }, rules });
    operatorRoles.push(name);
  }
  objects.push({
    apiVersion: RBAC,
    kind: 'ClusterRole',
    metadata: { name: 'namespace-reader' },
    rules: [{ apiGroups: [''], resources: ['namespaces'], verbs: READ }, { apiGroups: ['apiextensions.k8s.io'], resources: ['customresourcedefinitions'], verbs: READ }],
  });

  const namespaces = [];
  let roleBindings = 0;
  for (let n = 0; n < namespaceCount; n++) {
    const namespace = `ns-${String(n).padStart(5, '0')}`;
    namespaces.push(namespace);
    const team = teams[n % teams.length];
    objects.push({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace, labels: { team } } });
    const accounts = ['app-0', 'app-1', 'ci'];
    for (const account of accounts) objects.push({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: account, namespace }, ...(account === 'ci' ? { automountServiceAccountToken: false } : {}) });
    for (const [d, account] of ['app-0', 'app-1'].entries()) {
      objects.push({
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: `web-${d}`, namespace },
        spec: {
          replicas: 2,
          selector: { matchLabels: { app: `web-${d}` } },
          template: {
            metadata: { labels: { app: `web-${d}` } },
            spec: { serviceAccountName: account, containers: [{ name: 'web', image: `registry.example.com/${team}/web:1.${d}`, ports: [{ containerPort: 8080 }] }] },
          },
        },
      });
    }
    objects.push({
      apiVersion: RBAC,
      kind: 'Role',
      metadata: { name: 'config-reader', namespace },
      rules: [
        { apiGroups: [''], resources: ['configmaps'], verbs: READ },
        { apiGroups: [''], resources: ['secrets'], verbs: ['get'], resourceNames: [`${namespace}-tls`, 'db-credentials'] },
      ],
    });
    objects.push({
      apiVersion: RBAC,
      kind: 'Role',
      metadata: { name: 'deployer', namespace },
      rules: [
        { apiGroups: ['apps'], resources: ['deployments', 'replicasets'], verbs: [...READ, 'update', 'patch'] },
        { apiGroups: [''], resources: ['pods', 'pods/log'], verbs: READ },
        { apiGroups: [''], resources: ['services', 'configmaps'], verbs: [...READ, ...WRITE] },
      ],
    });
    if (n % 7 === 0) {
      objects.push({ apiVersion: RBAC, kind: 'Role', metadata: { name: 'debugger', namespace }, rules: [{ apiGroups: [''], resources: ['pods/exec', 'pods/portforward'], verbs: ['create'] }, { apiGroups: [''], resources: ['pods'], verbs: ['get'] }] });
    }
    const left = roleBindingCount - roleBindings;
    const perNamespace = n === namespaceCount - 1 ? left : Math.min(left, 19);
    for (let b = 0; b < perNamespace; b++, roleBindings++) {
      const shape = b % 19;
      let roleRef;
      let subjects;
      if (shape === 0) [roleRef, subjects] = [{ kind: 'ClusterRole', name: 'admin' }, [{ kind: 'Group', name: team }]];
      else if (shape === 1) [roleRef, subjects] = [{ kind: 'ClusterRole', name: 'view' }, [{ kind: 'Group', name: pick(teams) }, { kind: 'Group', name: 'auditors' }]];
      else if (shape === 2) [roleRef, subjects] = [{ kind: 'Role', name: 'config-reader' }, [{ kind: 'ServiceAccount', name: 'app-0', namespace }, { kind: 'ServiceAccount', name: 'app-1', namespace }]];
      else if (shape === 3) [roleRef, subjects] = [{ kind: 'Role', name: 'deployer' }, [{ kind: 'ServiceAccount', name: 'ci', namespace }]];
      else if (shape === 4 && n % 7 === 0) [roleRef, subjects] = [{ kind: 'Role', name: 'debugger' }, [{ kind: 'User', name: pick(users) }]];
      else if (shape < 9) [roleRef, subjects] = [{ kind: 'ClusterRole', name: 'edit' }, [{ kind: 'User', name: pick(users) }]];
      else if (shape < 15) [roleRef, subjects] = [{ kind: 'ClusterRole', name: 'view' }, Array.from({ length: 1 + Math.floor(random() * 3) }, () => ({ kind: 'User', name: pick(users) }))];
      else if (shape < 17) [roleRef, subjects] = [{ kind: 'ClusterRole', name: pick(operatorRoles) }, [{ kind: 'ServiceAccount', name: 'app-1', namespace }]];
      else [roleRef, subjects] = [{ kind: 'ClusterRole', name: pick(['view', 'edit', 'monitoring']) }, [{ kind: 'User', name: pick(users) }, { kind: 'Group', name: pick(teams) }]];
      objects.push({
        apiVersion: RBAC,
        kind: 'RoleBinding',
        metadata: { name: `${roleRef.name}-${b}`, namespace },
        subjects: subjects.map((subject) => (subject.kind === 'ServiceAccount' ? subject : { ...subject, apiGroup: 'rbac.authorization.k8s.io' })),
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', ...roleRef },
      });
    }
  }
  // Operators run in their own namespaces, bound cluster-wide; a few grants are the risky kind a scan should find.
  const operatorNamespace = (i) => `operator-${String(i % 100).padStart(3, '0')}`;
  for (let i = 0; i < clusterRoleBindingCount; i++) {
    let roleName;
    let subjects;
    if (i < operatorRoles.length) [roleName, subjects] = [operatorRoles[i], [{ kind: 'ServiceAccount', name: operatorRoles[i], namespace: operatorNamespace(i) }]];
    else if (i % 50 === 0) [roleName, subjects] = ['cluster-admin', [{ kind: 'User', name: pick(users), apiGroup: 'rbac.authorization.k8s.io' }]];
    else if (i % 10 === 0) [roleName, subjects] = ['monitoring', [{ kind: 'ServiceAccount', name: 'prometheus', namespace: 'monitoring' }]];
    else if (i % 3 === 0) [roleName, subjects] = ['view', [{ kind: 'Group', name: pick(teams), apiGroup: 'rbac.authorization.k8s.io' }]];
    else [roleName, subjects] = ['namespace-reader', [{ kind: 'User', name: pick(users), apiGroup: 'rbac.authorization.k8s.io' }]];
    objects.push({ apiVersion: RBAC, kind: 'ClusterRoleBinding', metadata: { name: `${roleName}-${i}` }, subjects, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: roleName } });
  }
  for (let i = 0; i < Math.min(100, operatorRoles.length); i++) {
    const namespace = operatorNamespace(i);
    objects.push({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: operatorRoles[i], namespace },
      spec: { selector: { matchLabels: { app: operatorRoles[i] } }, template: { metadata: { labels: { app: operatorRoles[i] } }, spec: { serviceAccountName: operatorRoles[i], containers: [{ name: 'manager', image: `registry.example.com/operators/${operatorRoles[i]}:2.1.0` }] } } },
    });
  }
  return { objects, namespaces, users, teams, bindings: roleBindings + clusterRoleBindingCount, roleBindings, clusterRoleBindings: clusterRoleBindingCount };
}

/** The who-can questions a run asks: namespaced and cluster-wide, by name, URLs, wildcards. */
function whoCanQuestions(cluster) {
  const [first, middle] = [cluster.namespaces[0], cluster.namespaces[cluster.namespaces.length >> 1]];
  return [
    { verb: 'create', resource: 'pods', namespace: first },
    { verb: 'create', resource: 'pods/exec', namespace: middle },
    { verb: 'get', resource: 'secrets', namespace: middle, name: 'db-credentials' },
    { verb: 'list', resource: 'secrets' },
    { verb: 'patch', resource: 'deployments.apps', namespace: middle },
    { verb: 'get', resource: 'nodes/proxy' },
    { verb: 'impersonate', resource: 'users' },
    { verb: 'create', resource: 'clusterrolebindings' },
    { verb: 'bind', resource: 'clusterroles', name: 'cluster-admin' },
    { verb: 'get', resource: '/metrics' },
    { verb: '*', resource: '*.*' },
    { verb: 'watch', resource: 'configmaps' },
  ];
}


/** The generated objects as multi-document YAML files of about 500 objects each, loaded as `bulwark` loads files. */
function toResources(objects, parseSource, extractResources, limits) {
  const resources = [];
  for (let start = 0, file = 0; start < objects.length; start += 500, file++) {
    const text = objects
      .slice(start, start + 500)
      .map((object) => `---\n${yaml.dump(object, { lineWidth: -1, noRefs: true })}`)
      .join('');
    const { documents } = parseSource(`cluster/part-${String(file).padStart(3, '0')}.yaml`, text, limits);
    resources.push(...extractResources(documents, 'default', resources.length).resources);
  }
  return resources;
}

async function child(bindingCount) {
  const rbac = await import(`${base}/rbac/index.${extension}`);
  const { rbacModel } = await import(`${base}/checks/rbac/rbac-findings.${extension}`);
  const { RBAC_CHECKS } = await import(`${base}/checks/registry-rbac.${extension}`);
  const { runChecks } = await import(`${base}/engine/run.${extension}`);
  const { parseSource } = await import(`${base}/loader/parse.${extension}`);
  const { DEFAULT_LIMITS } = await import(`${base}/loader/types.${extension}`);
  const { extractResources } = await import(`${base}/model/resource.${extension}`);
  const limits = { ...DEFAULT_LIMITS };

  const analyse = (resources, cluster) => {
    const t0 = performance.now();
    const model = rbacModel(resources);
    const analysis = rbac.buildRbacAnalysis(resources, { model });
    const t1 = performance.now();
    const outcome = runChecks(resources, RBAC_CHECKS);
    const t2 = performance.now();
    let subjects = 0;
    for (const question of whoCanQuestions(cluster)) subjects += rbac.whoCan(analysis, rbac.resolveAccessQuery(question, analysis.catalog)).subjects.length;
    const t3 = performance.now();
    const paths = rbac.findEscalationPaths(analysis);
    const t4 = performance.now();
    return {
      timings: { modelMs: t1 - t0, checksMs: t2 - t1, whoCanMs: t3 - t2, pathsMs: t4 - t3, totalMs: t4 - t0 },
      counts: {
        roles: model.roles.filter((role) => !role.builtin).length,
        findings: outcome.findings.length,
        findingsWithLine: outcome.findings.filter((finding) => Number.isInteger(finding.line) && finding.line >= 1).length,
        checkErrors: outcome.diagnostics.length,
        whoCanSubjects: subjects,
        pathsSearched: paths.searched,
        subjectsWithPaths: paths.results.length,
      },
    };
  };

  // Warm up on a small cluster so that compilation is not timed.
  const small = generateCluster(2_000, 7);
  analyse(toResources(small.objects, parseSource, extractResources, limits), small);
  const cluster = generateCluster(bindingCount);
  const loadStart = performance.now();
  const resources = toResources(cluster.objects, parseSource, extractResources, limits);
  const loadMs = performance.now() - loadStart;
  globalThis.gc?.();
  const startRss = process.memoryUsage().rss;
  const { timings, counts } = analyse(resources, cluster);
  const report = {
    objects: cluster.objects.length,
    bindings: cluster.bindings,
    roleBindings: cluster.roleBindings,
    clusterRoleBindings: cluster.clusterRoleBindings,
    namespaces: cluster.namespaces.length,
    ...counts,
    loadMs,
    ...timings,
    startRssMB: startRss / 1e6,
    peakRssMB: (process.resourceUsage().maxRSS * 1024) / 1e6,
  };
  process.stdout.write(`${JSON.stringify(report)}\n`);
}

function parent() {
  const reps = positiveInt(process.env.BENCH_REPS, 5);
  const bindings = positiveInt(process.env.BENCH_BINDINGS, TARGET_BINDINGS);
  const self = fileURLToPath(import.meta.url);
  const runs = [];
  for (let rep = 0; rep < reps; rep++) {
    const run = spawnSync(process.execPath, [...process.execArgv, self, '--child', String(bindings)], { encoding: 'utf8', timeout: 600_000, maxBuffer: 16 * 1024 * 1024, env: process.env });
    if (run.status !== 0) {
      process.stderr.write(run.stderr);
      throw new Error('a run failed (is dist/ built? or set BULWARK_RBAC_SRC=1 with --import tsx)');
    }
    runs.push(JSON.parse(run.stdout.trim().split('\n').pop()));
  }
  const first = runs[0];
  const total = median(runs.map((run) => run.totalMs));
  const target = first.bindings === TARGET_BINDINGS ? TARGET_MS : undefined;
  console.log(
    `cluster: ${fmt(first.bindings)} bindings (${fmt(first.roleBindings)} RoleBindings, ${fmt(first.clusterRoleBindings)} ClusterRoleBindings), ${fmt(first.roles)} roles, ${fmt(first.namespaces)} namespaces, ${fmt(first.objects)} objects; loaded in ${fmt(median(runs.map((run) => run.loadMs)))} ms (untimed)`,
  );
  console.log(`results: ${fmt(first.findings)} findings (${fmt(first.findingsWithLine)} located), ${fmt(first.whoCanSubjects)} who-can subjects, ${fmt(first.subjectsWithPaths)} of ${fmt(first.pathsSearched)} subjects with escalation paths${first.checkErrors > 0 ? `, ${first.checkErrors} CHECK ERRORS` : ''}`);
  console.log(`${reps} runs, median ms (min–max):`);
  for (const [label, key] of [
    ['model', 'modelMs'],
    ['checks (risk analysis)', 'checksMs'],
    ['who-can (12 questions)', 'whoCanMs'],
    ['paths (every subject)', 'pathsMs'],
    ['total', 'totalMs'],
  ]) {
    console.log(`  ${label.padEnd(24)}${spread(runs, key).padStart(24)}`);
  }
  console.log(`  peak RSS                ${`${fmt(median(runs.map((run) => run.peakRssMB)))} MB`.padStart(24)}   (process before the run: ${fmt(median(runs.map((run) => run.startRssMB)))} MB)`);
  // Without the escalation search, whose cost grows with how many identities can become how many others.
  const withoutPaths = median(runs.map((run) => run.totalMs - run.pathsMs));
  if (target !== undefined) {
    console.log(`target: analysis of ${fmt(TARGET_BINDINGS)} bindings ≤ ${fmt(target)} ms: ${total <= target ? 'PASS' : 'MISS'} (${fmt(total)} ms)`);
    console.log(`        model + checks + who-can, paths aside: ${withoutPaths <= target ? 'PASS' : 'MISS'} (${fmt(withoutPaths)} ms)`);
  }
  const medians = Object.fromEntries(['loadMs', 'modelMs', 'checksMs', 'whoCanMs', 'pathsMs', 'totalMs', 'peakRssMB'].map((key) => [key, median(runs.map((run) => run[key]))]));
  const { loadMs: _load, modelMs: _model, checksMs: _checks, whoCanMs: _who, pathsMs: _paths, totalMs: _total, startRssMB: _start, peakRssMB: _peak, ...counts } = first;
  console.log(
    `BENCH_JSON ${JSON.stringify({ reps: runs.length, ...counts, medians: { ...medians, withoutPathsMs: withoutPaths }, target: target === undefined ? null : { ms: target, pass: total <= target, passWithoutPaths: withoutPaths <= target } })}`,
  );
}

// Run only when executed, not when imported (the generator is reusable).
if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  if (process.argv[2] === '--child') await child(Number(process.argv[3]));
  else parent();
}
