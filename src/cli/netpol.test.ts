import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, it } from 'node:test';
import { parseTreePath } from '../netpol/git.js';
import { runBulwark, type CommandRun } from '../../test/cli-harness.js';

// The repositories below are the only ones these tests may read, whatever the environment says.
for (const variable of ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE', 'GIT_OBJECT_DIRECTORY', 'GIT_ALTERNATE_OBJECT_DIRECTORIES', 'GIT_CEILING_DIRECTORIES']) delete process.env[variable];

const work = mkdtempSync(join(tmpdir(), 'bulwark-netpol-git-'));
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
const OPENED = APP.replace('  - from: [{podSelector: {matchLabels: {app: web}}}]', '  - from: [{podSelector: {matchLabels: {app: web}}}, {ipBlock: {cidr: 0.0.0.0/0}}]');
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

/** Runs `bulwark netpol …` as the binary does. */
function netpol(args: string[], stdin = ''): Promise<CommandRun> {
  return runBulwark(['netpol', ...args], stdin);
}

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

describe('parseTreePath', () => {
  const repository = { root: '/repo', prefix: 'deploy/' };
  const cases: { text: string; path?: string; expected: { revision: string; path: string } }[] = [
    { text: 'main', expected: { revision: 'main', path: 'deploy' } },
    { text: 'main', path: 'prod/', expected: { revision: 'main', path: 'deploy/prod' } },
    { text: 'HEAD~2', path: '../k8s', expected: { revision: 'HEAD~2', path: 'k8s' } },
    { text: 'v1.2.0:k8s/prod', path: 'ignored', expected: { revision: 'v1.2.0', path: 'k8s/prod' } },
    { text: 'main:./prod', expected: { revision: 'main', path: 'deploy/prod' } },
    { text: 'main:', expected: { revision: 'main', path: '' } },
    { text: 'origin/main:../etc', expected: { revision: 'origin/main', path: 'etc' } },
  ];
  for (const { text, path, expected } of cases) {
    it(`${text}${path !== undefined ? ` with ${path}` : ''} from deploy/`, () => assert.deepEqual(parseTreePath(text, path, repository), expected));
  }
  it('refuses paths outside the repository and texts that are no revision', () => {
    assert.throws(() => parseTreePath('main', '../../x', repository), /\.\.\/\.\.\/x lies outside the repository/);
    assert.throws(() => parseTreePath(':k8s', undefined, repository), /":k8s" does not name a revision/);
    assert.throws(() => parseTreePath('-p', undefined, repository), /"-p" does not name a revision/);
  });
});
