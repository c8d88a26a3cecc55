import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { runBulwark } from '../../test/cli-harness.js';

const work = mkdtempSync(join(tmpdir(), 'bulwark-rbac-cli-'));
after(() => rmSync(work, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const path = join(work, name);
  writeFileSync(path, text);
  return path;
}

const CLUSTER = file(
  'cluster.yaml',
  `apiVersion: v1
kind: ServiceAccount
metadata:
  name: admin-bot
  namespace: kube-system
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: admin-bot
subjects:
- kind: ServiceAccount
  name: admin-bot
  namespace: kube-system
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: cluster-admin
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: deployers
  namespace: kube-system
subjects:
- kind: User
  name: alice
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: pod-creator
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: pod-creator
rules:
- apiGroups: [""]
  resources: ["pods"]
  verbs: ["create"]
`,
);

/** A namespace whose only grant is harmless: no path. */
const QUIET = file(
  'quiet.yaml',
  `apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: readers
  namespace: shop
subjects:
- kind: User
  name: bob
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: view
`,
);

const NO_BINDINGS = file('app.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  mode: fast\n');
const BROKEN = file('broken.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: [unclosed\n');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** `bulwark <args>` as the binary runs it, with its exit code as `code`. */
async function run(args: string[], stdin = ''): Promise<Run> {
  const { exitCode, stdout, stderr } = await runBulwark(args, stdin);
  return { code: exitCode, stdout, stderr };
}

/** One test per case: the command exits 2 with the message on standard error (with `quiet`, and writes nothing on standard output). */
function usageErrors(title: string, cases: readonly [string, string[], RegExp][], { quiet = false } = {}): void {
  for (const [name, args, message] of cases) {
    it(`${title}: ${name}`, async () => {
      const result = await run(args);
      assert.equal(result.code, 2);
      if (quiet) assert.equal(result.stdout, '');
      assert.match(result.stderr, message);
    });
  }
}

describe('bulwark rbac', () => {
  it('who-can: subjects with binding and rule locations, exit 0', async () => {
    const result = await run(['rbac', 'who-can', 'create', 'pods', '-n', 'kube-system', CLUSTER]);
    assert.equal(result.code, 0);
    assert.equal(result.stderr, '');
    assert.ok(result.stdout.startsWith('Who can create pods in namespace "kube-system"\n'));
    assert.ok(result.stdout.includes(`  User "alice"\n    RoleBinding "kube-system/deployers" (${CLUSTER}:20) in namespace "kube-system" → ClusterRole "pod-creator"\n      ClusterRole "pod-creator" rules[0] (${CLUSTER}:38): create on pods in API group ""\n`));
    assert.ok(result.stdout.includes('  ServiceAccount "kube-system/admin-bot"\n'));
  });

  it('who-can --format json', async () => {
    const result = await run(['rbac', 'who-can', 'create', 'pods', '--format', 'json', CLUSTER]);
    assert.equal(result.code, 0);
    const document = JSON.parse(result.stdout) as { schemaVersion: string; subjects: { subject: { name: string } }[] };
    assert.equal(document.schemaVersion, '1.0.0');
    assert.deepEqual(document.subjects.map((entry) => entry.subject.name), ['alice', 'admin-bot']);
  });

  it('who-can --default-bindings: the bindings every cluster has, with built-in groups', async () => {
    const without = await run(['rbac', 'who-can', 'get', '/version', '-f', 'json', CLUSTER]);
    const withDefaults = await run(['rbac', 'who-can', 'get', '/version', '-f', 'json', '--default-bindings', CLUSTER]);
    const names = (result: Run) => (JSON.parse(result.stdout) as { subjects: { subject: { name: string } }[] }).subjects.map((entry) => entry.subject.name);
    assert.deepEqual(names(without), ['admin-bot']);
    assert.deepEqual(names(withDefaults), ['system:authenticated', 'system:masters', 'system:unauthenticated', 'admin-bot']);
  });

  it('can: exit 0 for yes, with the reason', async () => {
    const result = await run(['rbac', 'can', 'user:alice', 'create', 'pods', '-n', 'kube-system', CLUSTER]);
    assert.equal(result.code, 0);
    assert.ok(result.stdout.startsWith('yes: User "alice" may create pods in namespace "kube-system"\n'));
  });

  it('can: exit 1 for no, with the namespaces where it would be allowed', async () => {
    const result = await run(['rbac', 'can', 'user:alice', 'create', 'pods', CLUSTER]);
    assert.equal(result.code, 1);
    assert.equal(result.stdout, 'no: User "alice" may not create pods across all namespaces: no rule grants it\n  allowed only in namespace kube-system: ask with -n NAMESPACE\n');
  });

  it('can: a ServiceAccount by its user name, json', async () => {
    const result = await run(['rbac', 'can', 'system:serviceaccount:kube-system:admin-bot', 'delete', 'nodes', '-f', 'json', CLUSTER]);
    assert.equal(result.code, 0);
    const document = JSON.parse(result.stdout) as { allowed: boolean; grants: { binding: { name: string; location: { line: number } } }[] };
    assert.equal(document.allowed, true);
    assert.deepEqual(document.grants.map((grant) => [grant.binding.name, grant.binding.location.line]), [['admin-bot', 7]]);
  });

  it('matrix: text, csv, html and json', async () => {
    for (const [format, start] of [
      ['text', 'Access matrix: '],
      ['csv', 'subject_kind,'],
      ['html', '<!DOCTYPE html>'],
      ['json', '{'],
    ] as const) {
      const result = await run(['rbac', 'matrix', '--format', format, CLUSTER]);
      assert.equal(result.code, 0, format);
      assert.ok(result.stdout.startsWith(start), `${format}: ${result.stdout.slice(0, 40)}`);
    }
  });

  it('paths: exit 1 when a chain exists, each step with its rule', async () => {
    const result = await run(['rbac', 'paths', CLUSTER]);
    assert.equal(result.code, 1);
    assert.ok(result.stdout.includes('User "alice" can reach cluster-admin-equivalent power\n'));
    assert.ok(result.stdout.includes('    1. User "alice" creates a Pod in namespace "kube-system" whose pods run as ServiceAccount "kube-system/admin-bot", and reads its token\n'));
    assert.ok(result.stdout.endsWith('2 of 2 subjects searched can reach cluster-admin-equivalent power (chains of at most 5 steps).\n'));
  });

  it('paths: exit 0 when none exists', async () => {
    const result = await run(['rbac', 'paths', QUIET]);
    assert.equal(result.code, 0);
    assert.equal(result.stdout, '0 of 1 subject searched can reach cluster-admin-equivalent power (chains of at most 5 steps).\n');
  });

  it('paths --from, from standard input, json', async () => {
    const result = await run(['rbac', 'paths', '--from', 'user:bob', '--from', 'user:alice', '--format', 'json', '-'], `${'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata:\n  name: bob\nsubjects:\n- kind: User\n  name: bob\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: cluster-admin\n'}`);
    assert.equal(result.code, 1);
    const document = JSON.parse(result.stdout) as { results: { start: { subject: { name: string } }; paths: { length: number }[] }[] };
    assert.deepEqual(document.results.map((entry) => [entry.start.subject.name, entry.paths.map((path) => path.length)]), [['bob', [0]], ['alice', []]]);
  });

  const usage: [string, string[], RegExp][] = [
    ['no input', ['rbac', 'who-can', 'get', 'pods'], /no input/],
    ['an unknown format', ['rbac', 'who-can', 'get', 'pods', '--format', 'yaml', CLUSTER], /unknown format "yaml"/],
    ['an unknown matrix format', ['rbac', 'matrix', '--format', 'pdf', CLUSTER], /unknown format "pdf" for bulwark rbac matrix/],
    ['a subject without a kind', ['rbac', 'can', 'alice', 'get', 'pods', CLUSTER], /"alice" is not a subject/],
    ['a --from without a kind', ['rbac', 'paths', '--from', 'alice', CLUSTER], /"alice" is not a subject/],
    ['a depth of 0', ['rbac', 'paths', '--max-depth', '0', CLUSTER], /--max-depth must be a whole number from 1 to 10/],
    ['a missing argument', ['rbac', 'can', 'user:alice'], /missing required argument/],
  ];
  usageErrors('usage error, exit 2', usage, { quiet: true });

  it('exit 3 when the input holds no binding', async () => {
    const result = await run(['rbac', 'paths', NO_BINDINGS]);
    assert.equal(result.code, 3);
    assert.match(result.stderr, /the result cannot be trusted: no RoleBinding or ClusterRoleBinding was found in the input/);
  });

  it('exit 3 when part of the input cannot be read, with the problem on standard error', async () => {
    const result = await run(['rbac', 'can', 'user:alice', 'create', 'pods', '-n', 'kube-system', CLUSTER, BROKEN, join(work, 'missing.yaml')]);
    assert.equal(result.code, 3);
    assert.ok(result.stdout.startsWith('yes: '));
    assert.match(result.stderr, new RegExp(`bulwark: error ${BROKEN.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:3:`));
    assert.match(result.stderr, /2 input problems/);
  });
});

const EXAMPLES = new URL('../../examples/', import.meta.url).pathname;
const ACCESS = join(EXAMPLES, 'rbac/access.yaml');
const AUDIT = join(EXAMPLES, 'rbac/audit.log');

describe('bulwark rbac generate', () => {
  it('writes the RBAC of an access matrix as YAML, exit 0', async () => {
    const result = await run(['rbac', 'generate', '--from', ACCESS]);
    assert.equal(result.code, 0);
    assert.equal(result.stderr, '');
    assert.ok(result.stdout.startsWith(`# Generated by bulwark rbac generate from ${ACCESS}: 13 objects.\n---\napiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: shop-access:log-reader\n`));
    assert.equal(result.stdout.match(/^kind: RoleBinding$/gm)?.length, 8);
  });

  it('--format json: a v1 List; --from -: standard input', async () => {
    const result = await run(['rbac', 'generate', '--from', '-', '-f', 'json'], 'subjects:\n  - group: sre\n    clusterWide: view\n');
    assert.equal(result.code, 0);
    const list = JSON.parse(result.stdout) as { kind: string; items: { kind: string; metadata: { name: string }; roleRef: { name: string } }[] };
    assert.equal(list.kind, 'List');
    assert.deepEqual(
      list.items.map((item) => [item.kind, item.metadata.name, item.roleRef.name]),
      [['ClusterRoleBinding', 'access:view', 'view']],
    );
  });

  it('notes roles given to no one', async () => {
    const matrix = file('unused-role.yaml', 'roles:\n  spare:\n    - apiGroups: [""]\n      resources: [pods]\n      verbs: [get]\nsubjects:\n  - user: a\n    clusterWide: view\n');
    const result = await run(['rbac', 'generate', '--from', matrix]);
    assert.equal(result.code, 0);
    assert.equal(result.stderr, `bulwark: note: role "spare" of ${matrix} is given to no subject: not written\n`);
  });

  it('exit 2 for an invalid matrix, each problem with line and column', async () => {
    const matrix = file('bad-access.yaml', 'subjects:\n  - user: a\n    namespaces:\n      shop: [view, viewer]\n');
    const result = await run(['rbac', 'generate', '--from', matrix]);
    assert.equal(result.code, 2);
    assert.equal(result.stdout, '');
    assert.ok(result.stderr.includes(`  ${matrix}:4:20  subjects[0].namespaces.shop[1]: unknown role "viewer"`), result.stderr);
    const second = await run(['rbac', 'generate', '--from', file('bad-access-2.yaml', 'subjects:\n  - user: a\n    namespaces:\n      shop: view\n  - group: b\n')]);
    assert.equal(second.code, 2);
    assert.match(second.stderr, /bad-access-2\.yaml:5:5 {2}subjects\[1\]: give access under namespaces, clusterWide or both \[no-access\]/);
  });

  const usage: [string, string[], RegExp][] = [
    ['no --from', ['rbac', 'generate'], /required option '--from <file>'/],
    ['an unreadable matrix', ['rbac', 'generate', '--from', join(work, 'missing-access.yaml')], /cannot read .*missing-access\.yaml/],
    ['an unknown format', ['rbac', 'generate', '--from', ACCESS, '-f', 'text'], /unknown format "text"/],
  ];
  usageErrors('exit 2', usage);
});

describe('bulwark rbac from-audit', () => {
  it('writes the least privilege of a subject, with skipped lines and a summary on standard error', async () => {
    const result = await run(['rbac', 'from-audit', AUDIT, '--subject', 'sa:shop-legacy/api']);
    assert.equal(result.code, 0);
    assert.equal(
      result.stderr,
      `bulwark: warning ${AUDIT}:26: skipped: not JSON: Unterminated string in JSON at position 137\nbulwark: 12 requests of ServiceAccount "shop-legacy/api" in ${AUDIT}\n`,
    );
    assert.ok(result.stdout.startsWith(`# Least privilege for ServiceAccount "shop-legacy/api": every request it made in ${AUDIT}, and no more.\n---\napiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\n`));
    assert.ok(result.stdout.includes('- apiGroups: [coordination.k8s.io]\n  resources: [leases]\n  resourceNames: [api-leader]\n  verbs: [get, update]\n'));
  });

  it('counts denied requests, names objects with --name, keeps to namespaces with --namespace-scoped, reads standard input', async () => {
    const log = readFileSync(AUDIT, 'utf8');
    const result = await run(['rbac', 'from-audit', '-', '--subject', 'user:carol@example.com', '--namespace-scoped', '--name', 'carol', '-f', 'json'], log);
    assert.equal(result.code, 0);
    assert.ok(result.stderr.includes('bulwark: 3 requests of User "carol@example.com" in <stdin>, 1 of them denied (403): allowed here, review them\n'), result.stderr);
    assert.ok(result.stderr.endsWith('bulwark: note: left out (--namespace-scoped): list nodes\n'), result.stderr);
    const list = JSON.parse(result.stdout) as { items: { kind: string; metadata: { name: string; namespace?: string } }[] };
    assert.deepEqual(
      list.items.map((item) => `${item.kind} ${item.metadata.namespace ?? ''}/${item.metadata.name}`),
      ['Role kube-system/carol', 'RoleBinding kube-system/carol'],
    );
  });

  it('exit 3 when no event can be read, or the subject made no request', async () => {
    const empty = await run(['rbac', 'from-audit', file('empty.log', 'not json\n{"kind":"Pod"}\n'), '--subject', 'user:a']);
    assert.equal(empty.code, 3);
    assert.match(empty.stderr, /empty\.log:1: skipped: not JSON/);
    assert.match(empty.stderr, /no audit event could be read from .*empty\.log/);
    const none = await run(['rbac', 'from-audit', AUDIT, '--subject', 'group:nobody']);
    assert.equal(none.code, 3);
    assert.equal(none.stdout, '');
    assert.match(none.stderr, /no request of Group "nobody" in .*audit\.log \(35 events read\)/);
    const missing = await run(['rbac', 'from-audit', join(work, 'missing.log'), '--subject', 'user:a']);
    assert.equal(missing.code, 3);
    assert.match(missing.stderr, /cannot read audit log/);
  });

  const usage: [string, string[], RegExp][] = [
    ['no --subject', ['rbac', 'from-audit', AUDIT], /required option '--subject <subject>'/],
    ['a subject without a kind', ['rbac', 'from-audit', AUDIT, '--subject', 'alice'], /"alice" is not a subject/],
    ['a name with a slash', ['rbac', 'from-audit', AUDIT, '--subject', 'user:a', '--name', 'a/b'], /--name "a\/b" is not a valid object name/],
    ['an unknown format', ['rbac', 'from-audit', AUDIT, '--subject', 'user:a', '-f', 'csv'], /unknown format "csv"/],
  ];
  usageErrors('exit 2', usage);
});

describe('bulwark rbac unused', () => {
  it('reports the grants no logged request used, exit 0', async () => {
    const generated = file('access-rbac.yaml', (await run(['rbac', 'generate', '--from', ACCESS])).stdout);
    const result = await run(['rbac', 'unused', '--audit', AUDIT, generated, join(EXAMPLES, 'insecure-app')]);
    assert.equal(result.code, 0);
    assert.ok(result.stdout.startsWith(`Unused permissions: 32 requests by 6 identities in ${AUDIT}, against 11 bindings of the input\n`), result.stdout.slice(0, 200));
    assert.ok(result.stdout.includes(`  RoleBinding "shop-staging/shop-access:admin" (${generated}:155) in namespace "shop-staging" → ClusterRole "admin" (built-in): not used (25 rules)\n`));
    assert.ok(result.stdout.includes('\nEvery grant used: ServiceAccount "shop-legacy/api"\n'));
    assert.ok(result.stdout.endsWith('\n94 of 111 rule grants (a rule of a binding, for one of its subjects) never used.\n'));
  });

  it('--format json', async () => {
    const result = await run(['rbac', 'unused', '--audit', AUDIT, '-f', 'json', join(EXAMPLES, 'insecure-app')]);
    assert.equal(result.code, 0);
    const document = JSON.parse(result.stdout) as { log: { requests: number }; subjects: { subject: { name: string }; requests: number; bindings: { used: unknown[]; unused: unknown[] }[] }[] };
    assert.equal(document.log.requests, 32);
    assert.deepEqual(
      document.subjects.map((subject) => [subject.subject.name, subject.requests, subject.bindings.map((use) => [use.used.length, use.unused.length])]),
      [['api', 12, [[2, 0]]]],
    );
  });

  it('exit 3 when the manifests hold no binding or the log no event', async () => {
    const noBindings = await run(['rbac', 'unused', '--audit', AUDIT, NO_BINDINGS]);
    assert.equal(noBindings.code, 3);
    assert.match(noBindings.stderr, /no RoleBinding or ClusterRoleBinding/);
    const noLog = await run(['rbac', 'unused', '--audit', join(work, 'missing.log'), CLUSTER]);
    assert.equal(noLog.code, 3);
  });

  it('exit 2 when standard input would be both inputs', async () => {
    const result = await run(['rbac', 'unused', '--audit', '-', '-']);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /standard input cannot be both the audit log and the manifests/);
  });
});
