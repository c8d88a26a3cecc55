import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, it } from 'node:test';
import { runBulwark, type CommandRun } from '../../test/cli-harness.js';

// The repositories below are the only ones these tests may read, whatever the environment says.
for (const variable of ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE', 'GIT_OBJECT_DIRECTORY', 'GIT_ALTERNATE_OBJECT_DIRECTORIES', 'GIT_CEILING_DIRECTORIES']) delete process.env[variable];

const work = mkdtempSync(join(tmpdir(), 'bulwark-netpol-cli-'));
after(() => rmSync(work, { recursive: true, force: true }));

const GIT_ENV = { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', GIT_AUTHOR_NAME: 'Test', GIT_AUTHOR_EMAIL: 'test@example.com', GIT_COMMITTER_NAME: 'Test', GIT_COMMITTER_EMAIL: 'test@example.com' };

function runGit(directory: string, ...args: string[]): void {
  execFileSync('git', args, { cwd: directory, env: GIT_ENV, stdio: 'ignore' });
}

function write(directory: string, files: Record<string, string>): void {
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(directory, name)), { recursive: true });
    writeFileSync(join(directory, name), text);
  }
}

function file(name: string, text: string): string {
  const path = join(work, name);
  writeFileSync(path, text);
  return path;
}

/** Runs `bulwark netpol …` as the binary does. */
function netpol(args: string[], stdin = ''): Promise<CommandRun> {
  return runBulwark(['netpol', ...args], stdin);
}

const APP = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: web, image: web, ports: [{name: http, containerPort: 8080}]}]}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: api, namespace: shop}
spec:
  template:
    metadata: {labels: {app: api}}
    spec: {containers: [{name: api, image: api, ports: [{name: http, containerPort: 9000}]}]}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: api-from-web, namespace: shop}
spec:
  podSelector: {matchLabels: {app: api}}
  ingress:
  - from: [{podSelector: {matchLabels: {app: web}}}]
    ports: [{port: http}]
`;
/** The api opened to every address as well. */
const OPENED = APP.replace('  - from: [{podSelector: {matchLabels: {app: web}}}]', '  - from: [{podSelector: {matchLabels: {app: web}}}, {ipBlock: {cidr: 0.0.0.0/0}}]');
const app = file('app.yaml', APP);
const broken = file('broken.yaml', `${APP}---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: bad-block, namespace: shop}
spec:
  podSelector: {}
  ingress:
  - from: [{ipBlock: {cidr: 10.0.0.0/33}}]
`);
const notKubernetes = file('notes.yaml', 'just: a config file\n');

describe('bulwark netpol list', () => {
  it('lists allowed connections: exit 0, nothing on standard error', async () => {
    const run = await netpol(['list', app]);
    assert.deepEqual(run, {
      exitCode: 0,
      stderr: '',
      stdout: [
        '0.0.0.0-255.255.255.255[External] => shop/web[Deployment] : All Connections',
        'shop/api[Deployment] => 0.0.0.0-255.255.255.255[External] : All Connections',
        'shop/api[Deployment] => shop/web[Deployment] : All Connections',
        'shop/web[Deployment] => 0.0.0.0-255.255.255.255[External] : All Connections',
        'shop/web[Deployment] => shop/api[Deployment] : TCP 9000',
        '',
      ].join('\n'),
    });
  });

  it('focuses on a workload and a direction', async () => {
    const run = await netpol(['list', '--focus-workload', 'shop/api', '--focus-direction', 'ingress', app]);
    assert.equal(run.stdout, 'shop/web[Deployment] => shop/api[Deployment] : TCP 9000\n');
  });

  it('reads standard input and writes json', async () => {
    const run = await netpol(['list', '-f', 'json', '--focus-workload', 'web', '--focus-workload-peer', 'api', '-'], APP);
    assert.equal(run.exitCode, 0);
    assert.deepEqual(JSON.parse(run.stdout), [
      { src: 'shop/api[Deployment]', dst: 'shop/web[Deployment]', conn: 'All Connections' },
      { src: 'shop/web[Deployment]', dst: 'shop/api[Deployment]', conn: 'TCP 9000' },
    ]);
  });

  it('writes a report to a file', async () => {
    const output = join(work, 'out', 'reachability.html');
    const run = await netpol(['list', '-f', 'html', '-o', output, app]);
    assert.equal(run.exitCode, 0);
    assert.equal(run.stdout, '');
    assert.equal(run.stderr, `wrote ${output}\n`);
    assert.match(readFileSync(output, 'utf8'), /^<!doctype html>[\s\S]*shop\/web\[Deployment\]/);
  });

  it('reports problems in policies on standard error with their place, and still lists', async () => {
    const run = await netpol(['list', '--focus-workload', 'shop/api', '--focus-direction', 'ingress', broken]);
    assert.equal(run.exitCode, 0);
    assert.equal(run.stdout, 'shop/web[Deployment] => shop/api[Deployment] : TCP 9000\n');
    assert.equal(run.stderr, `bulwark: error: NetworkPolicy shop/bad-block: spec.ingress[0].from[0]: invalid CIDR address 10.0.0.0/33; the peer is ignored (${broken}:32)\n`);
  });

  it('warns about a focus workload that does not exist', async () => {
    const run = await netpol(['list', '--focus-workload', 'nope', app]);
    assert.deepEqual(run, { exitCode: 0, stdout: '', stderr: 'bulwark: warning: workload nope does not exist in the input resources\n' });
  });

  const usage: { name: string; args: string[]; stderr: RegExp }[] = [
    { name: 'an unknown format', args: ['list', '-f', 'yaml', app], stderr: /BULWARK_E_UNKNOWN_FORMAT: unknown format "yaml" for bulwark netpol list/ },
    { name: 'a direction without a focus workload', args: ['list', '--focus-direction', 'ingress', app], stderr: /--focus-workload-peer and --focus-direction go with --focus-workload/ },
    { name: 'a direction that is neither ingress nor egress', args: ['list', '--focus-workload', 'web', '--focus-direction', 'both', app], stderr: /--focus-direction must be ingress or egress, not "both"/ },
    { name: 'no input', args: ['list'], stderr: /no input/ },
  ];
  for (const { name, args, stderr } of usage) {
    it(`exit 2 for ${name}`, async () => {
      const run = await netpol(args);
      assert.equal(run.exitCode, 2);
      assert.match(run.stderr, stderr);
    });
  }

  it('exit 3 when no Kubernetes object could be read', async () => {
    const run = await netpol(['list', notKubernetes, join(work, 'missing.yaml')]);
    assert.equal(run.exitCode, 3);
    assert.equal(run.stdout, '');
    assert.match(run.stderr, /missing\.yaml/);
    assert.match(run.stderr, /the result cannot be trusted: no Kubernetes object could be read from the input\n$/);
  });
});

describe('bulwark netpol explain', () => {
  it('explains one pair', async () => {
    const run = await netpol(['explain', '--src', 'web', '--dst', 'shop/api', app]);
    assert.equal(run.exitCode, 0);
    assert.equal(run.stderr, '');
    assert.match(run.stdout, /^shop\/web\[Deployment\] => shop\/api\[Deployment\]\n {2}allowed: TCP 9000\n/);
    assert.match(run.stdout, /NetworkPolicy shop\/api-from-web, ingress rule #1: allows TCP 9000/);
  });

  it('json, and exit 2 for an unknown workload', async () => {
    const run = await netpol(['explain', '--src', '8.8.8.8', '--dst', 'api', '-f', 'json', app]);
    assert.equal(JSON.parse(run.stdout).connections[0].allowed, 'No Connections');
    const unknown = await netpol(['explain', '--src', 'nope', '--dst', 'api', app]);
    assert.equal(unknown.exitCode, 2);
    assert.match(unknown.stderr, /no workload "nope" in the input/);
  });
});

describe('bulwark netpol diff', () => {
  const fromOutside = file('from-outside.yaml', OPENED);
  const allPorts = file('all-ports.yaml', APP.replace('    ports: [{port: http}]\n', ''));
  const closed = file('closed.yaml', APP.replace('{app: web}}}]', '{app: nobody}}}]'));

  it('exit 1 when the new version opens access from outside the cluster', async () => {
    const run = await netpol(['diff', app, fromOutside]);
    assert.equal(run.exitCode, 1);
    assert.equal(run.stdout, 'Connectivity diff:\ndiff-type: added, source: 0.0.0.0-255.255.255.255[External], destination: shop/api[Deployment], ref1: No Connections, ref2: TCP 9000\n');
    assert.equal(run.stderr, 'bulwark: new access crossing the cluster boundary: 0.0.0.0-255.255.255.255[External] => shop/api[Deployment] : TCP 9000\n');
  });

  it('new access within a namespace passes the default gate, not --fail-on any', async () => {
    const run = await netpol(['diff', app, allPorts]);
    assert.equal(run.exitCode, 0);
    assert.equal(run.stdout, 'Connectivity diff:\ndiff-type: changed, source: shop/web[Deployment], destination: shop/api[Deployment], ref1: TCP 9000, ref2: All Connections\n');
    const any = await netpol(['diff', '--fail-on', 'any', app, allPorts]);
    assert.equal(any.exitCode, 1);
    assert.equal(any.stderr, 'bulwark: new access within a namespace: shop/web[Deployment] => shop/api[Deployment] : SCTP 1-65535,TCP 1-8999,9001-65535,UDP 1-65535\n');
  });

  it('exit 0 for removals, and says when nothing changed', async () => {
    const run = await netpol(['diff', '-f', 'csv', app, closed]);
    assert.equal(run.exitCode, 0);
    assert.equal(run.stdout, 'diff-type,source,destination,ref1,ref2,workloads-diff-info\nremoved,shop/web[Deployment],shop/api[Deployment],TCP 9000,No Connections,\n');
    const same = await netpol(['diff', app, app]);
    assert.deepEqual(same, { exitCode: 0, stdout: '', stderr: 'bulwark: no connectivity changes\n' });
  });

  it('exit 2 for an unknown gate, 3 when a version cannot be read', async () => {
    const run = await netpol(['diff', '--fail-on', 'sometimes', app, fromOutside]);
    assert.equal(run.exitCode, 2);
    assert.match(run.stderr, /--fail-on must be one of external, cross-namespace, any, none/);
    const missing = await netpol(['diff', app, join(work, 'nowhere')]);
    assert.equal(missing.exitCode, 3);
    assert.match(missing.stderr, /no Kubernetes object could be read from after/);
  });
});

const BROKEN = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: bad-block, namespace: shop}
spec:
  podSelector: {matchLabels: {app: batch}}
  policyTypes: [Egress]
  egress:
  - to: [{ipBlock: {cidr: 10.0.0.0/33}}]
`;
// Would open everything to everyone if read: lives where a directory walk does not look, or outside the path compared.
const ALLOW_ALL = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: allow-all, namespace: shop}
spec:
  podSelector: {}
  ingress: [{}]
`;

/**
 * A repository with two commits: the first has the app under k8s/, the second opens the api
 * to the internet, adds a faulty policy, and puts allow-all policies in a hidden folder, in
 * bulwark.yaml and under other/. The working tree then differs from both.
 */
const repo = join(work, 'repo');
mkdirSync(repo);
runGit(repo, 'init', '-q', '-b', 'main');
write(repo, { 'k8s/app.yaml': APP, 'k8s/README.md': '# the shop\n' });
runGit(repo, 'add', '.');
runGit(repo, 'commit', '-q', '-m', 'shop');
write(repo, { 'k8s/app.yaml': OPENED, 'k8s/broken.yaml': BROKEN, 'k8s/.drafts/allow-all.yaml': ALLOW_ALL, 'k8s/bulwark.yaml': ALLOW_ALL, 'other/allow-all.yaml': ALLOW_ALL });
runGit(repo, 'add', '.');
runGit(repo, 'commit', '-q', '-m', 'open the api');
write(repo, { 'k8s/app.yaml': ALLOW_ALL });
const notRepository = join(work, 'plain');
mkdirSync(notRepository);

const OPENED_DIFF = 'Connectivity diff:\ndiff-type: added, source: 0.0.0.0-255.255.255.255[External], destination: shop/api[Deployment], ref1: No Connections, ref2: TCP 9000\n';
/** Standard error of the comparison: the faulty policy named by revision, file and line, then the gate. */
const openedStderr = (revision: string) =>
  [
    `bulwark: after: error: NetworkPolicy shop/bad-block: spec.egress[0].to[0]: invalid CIDR address 10.0.0.0/33; the peer is ignored (${revision}:k8s/broken.yaml:8)`,
    'bulwark: new access crossing the cluster boundary: 0.0.0.0-255.255.255.255[External] => shop/api[Deployment] : TCP 9000',
    '',
  ].join('\n');

describe('bulwark netpol diff --git', () => {
  it('compares a directory at two revisions: the committed files, not the working tree; exit 1 for new access from outside', async () => {
    const run = await netpol(['diff', '--git', '--repo', repo, 'HEAD~1', 'HEAD', 'k8s']);
    assert.deepEqual(run, { exitCode: 1, stdout: OPENED_DIFF, stderr: openedStderr('HEAD') });
  });

  it('takes REV:PATH as git show does, and --repo in a subdirectory reads that directory', async () => {
    assert.deepEqual(await netpol(['diff', '--git', '--repo', repo, 'main~1:k8s', 'main:k8s']), { exitCode: 1, stdout: OPENED_DIFF, stderr: openedStderr('main') });
    assert.deepEqual(await netpol(['diff', '--git', '--repo', join(repo, 'k8s'), 'HEAD~1', 'HEAD']), { exitCode: 1, stdout: OPENED_DIFF, stderr: openedStderr('HEAD') });
    assert.deepEqual(await netpol(['diff', '--git', '--repo', join(repo, 'k8s'), 'HEAD~1:./', 'HEAD:./']), { exitCode: 1, stdout: OPENED_DIFF, stderr: openedStderr('HEAD') });
  });

  it('reads the whole tree without a path, and applies the gate', async () => {
    const run = await netpol(['diff', '--git', '--repo', repo, '--fail-on', 'none', '-f', 'csv', 'HEAD~1', 'HEAD']);
    // other/allow-all.yaml opens every pod of shop to everyone.
    assert.equal(run.exitCode, 0);
    assert.equal(
      run.stdout,
      [
        'diff-type,source,destination,ref1,ref2,workloads-diff-info',
        'changed,shop/web[Deployment],shop/api[Deployment],TCP 9000,All Connections,',
        'added,0.0.0.0-255.255.255.255[External],shop/api[Deployment],No Connections,All Connections,',
        '',
      ].join('\n'),
    );
  });

  it('no change between a revision and itself', async () => {
    assert.deepEqual(await netpol(['diff', '--git', '--repo', repo, 'HEAD~1', 'HEAD~1', 'k8s']), { exitCode: 0, stdout: '', stderr: 'bulwark: no connectivity changes\n' });
  });

  it('exit 3 when the path does not exist at a revision', async () => {
    assert.deepEqual(await netpol(['diff', '--git', '--repo', repo, 'HEAD~1', 'HEAD', 'other']), {
      exitCode: 3,
      stdout: '',
      stderr: [
        'bulwark: error HEAD~1:other: cannot read HEAD~1:other: no such path at HEAD~1',
        'bulwark: the result cannot be trusted: no Kubernetes object could be read from before',
        'bulwark: no connectivity changes',
        '',
      ].join('\n'),
    });
  });

  const usage: { name: string; args: string[]; stderr: string }[] = [
    { name: 'an unknown revision', args: ['diff', '--git', '--repo', repo, 'nope', 'HEAD'], stderr: 'bulwark: error BULWARK_E_USAGE: unknown revision "nope"\n' },
    { name: 'an option in place of a revision', args: ['diff', '--git', '--repo', repo, 'HEAD', '--', '--output=x'], stderr: 'bulwark: error BULWARK_E_USAGE: "--output=x" does not name a revision\n' },
    { name: 'a path outside the repository', args: ['diff', '--git', '--repo', repo, 'HEAD~1', 'HEAD', '../elsewhere'], stderr: 'bulwark: error BULWARK_E_USAGE: ../elsewhere lies outside the repository\n' },
    { name: 'a directory outside any repository', args: ['diff', '--git', '--repo', notRepository, 'HEAD~1', 'HEAD'], stderr: 'bulwark: error BULWARK_E_USAGE: --git needs a git repository: fatal: not a git repository (or any of the parent directories): .git\n' },
    { name: 'a third argument without --git', args: ['diff', 'a.yaml', 'b.yaml', 'k8s'], stderr: 'bulwark: error BULWARK_E_USAGE: a third argument (k8s) goes with --git\n' },
  ];
  for (const { name, args, stderr } of usage) {
    it(`exit 2 for ${name}`, async () => {
      const run = await netpol(args);
      // The error line, then (for some) a line that says how to fix it.
      assert.deepEqual({ ...run, stderr: run.stderr.split('\n')[0] + '\n' }, { exitCode: 2, stdout: '', stderr });
    });
  }
});
