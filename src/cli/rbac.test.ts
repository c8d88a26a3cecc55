import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { after, describe, it } from 'node:test';
import { Command, CommanderError } from 'commander';
import { BulwarkError } from '../errors/index.js';
import type { CliIo } from './io.js';
import { registerRbacCommands } from './rbac.js';

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

function sink(into: string[]): Writable {
  return new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      into.push(String(chunk));
      done();
    },
  });
}

/** Runs `bulwark <args>` on a fresh program with only the rbac commands, mapping errors to exit codes as the CLI does. */
async function run(args: string[], stdin = ''): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { stdout: sink(out), stderr: sink(err), stdin: Readable.from([stdin]), env: {} };
  const state = { exitCode: 2 };
  // Configured as the real program is: options after a subcommand belong to it.
  const program = new Command('bulwark').enablePositionalOptions().exitOverride().configureOutput({ writeOut: (text) => out.push(text), writeErr: (text) => err.push(text) });
  registerRbacCommands(program, io, state);
  let code: number;
  try {
    await program.parseAsync(args, { from: 'user' });
    code = state.exitCode;
  } catch (error) {
    if (error instanceof CommanderError) code = error.code === 'commander.helpDisplayed' ? 0 : 2;
    else if (error instanceof BulwarkError) {
      err.push(`bulwark: error ${error.code}: ${error.message}\n`);
      code = error.code === 'BULWARK_E_INPUT' ? 3 : 2;
    } else throw error;
  }
  return { code, stdout: out.join(''), stderr: err.join('') };
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
  for (const [name, args, message] of usage) {
    it(`usage error, exit 2: ${name}`, async () => {
      const result = await run(args);
      assert.equal(result.code, 2);
      assert.equal(result.stdout, '');
      assert.match(result.stderr, message);
    });
  }

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
