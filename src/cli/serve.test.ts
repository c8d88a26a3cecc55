import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { BUILTIN_CHECKS } from '../checks/index.js';
import { loadPolicy } from '../policy/load.js';
import type { LoadedPolicy } from '../policy/types.js';
import { registerServeCommands } from './serve.js';
import { runRegistered } from '../../test/cli-harness.js';

const work = mkdtempSync(join(tmpdir(), 'bulwark-serve-cli-'));
after(() => rmSync(work, { recursive: true, force: true }));
const TESTDATA = fileURLToPath(new URL('../server/testdata/', import.meta.url));
/** The command line's entry point, run as the binary runs it. */
const MAIN_MODULE = fileURLToPath(new URL('./main.ts', import.meta.url));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** The policy for `--config FILE`, none for `--no-config`, as the program's loader does (no bulwark.yaml is searched for here). */
function loadPolicyFor(config: string | false | undefined): LoadedPolicy | undefined {
  return typeof config === 'string' ? loadPolicy(config, BUILTIN_CHECKS) : undefined;
}

/** Runs `bulwark <args>` on a program with only these commands. */
async function run(args: string[], stdin = ''): Promise<Run> {
  const { exitCode, stdout, stderr } = await runRegistered((program, io, state) => registerServeCommands(program, io, state, loadPolicyFor), args, stdin);
  return { code: exitCode, stdout, stderr };
}

describe('bulwark admit', () => {
  it('prints the response AdmissionReview and exits 1 when the request is denied', async () => {
    const result = await run(['admit', '--checks', 'privileged-container,image-latest-tag', '-f', 'json', join(TESTDATA, 'pod-create-privileged.json')]);
    assert.equal(result.code, 1);
    const review = JSON.parse(result.stdout) as { response: { uid: string; allowed: boolean; status: { code: number } } };
    assert.deepEqual([review.response.uid, review.response.allowed, review.response.status.code], ['0d6b3c43-7f5c-4a52-bd35-3c6f1a2b9e01', false, 403]);
  });

  it('summarises the decision as text, and exits 0 when allowed', async () => {
    const denied = await run(['admit', '--checks', 'privileged-container,host-path-volume', join(TESTDATA, 'cronjob-create-privileged.json')]);
    assert.equal(denied.code, 1);
    assert.equal(
      denied.stdout,
      'DENIED  CronJob ops/node-cleanup (CREATE, uid 7e1a9b2c-3d4e-4f50-8a1b-2c3d4e5f6a7b)\n' +
        '  high     privileged-container  container "cleanup", spec.jobTemplate.spec.template.spec.containers[0].securityContext.privileged\n' +
        '           container "cleanup" runs privileged (securityContext.privileged: true)\n' +
        '           Fix: Remove `securityContext.privileged: true`. Grant only the specific capabilities the process needs with `capabilities.add`, or move node-level tooling to a dedicated, tightly controlled namespace.\n' +
        '  warnings (shown by kubectl as "Warning: …"):\n' +
        '    bulwark host-path-volume (low): volume "docker-sock" is the host path /var/run/docker.sock, mounted by "cleanup"\n',
    );
    const allowed = await run(['admit', join(TESTDATA, 'pod-exec-connect.json')]);
    assert.deepEqual([allowed.code, allowed.stdout], [0, 'ALLOWED  PodExecOptions shop/debug (CONNECT exec, uid e6f7a8b9-c0d1-4e2f-8a3b-4c5d6e7f8091)\n  not checked: pods/exec connections are not judged\n']);
  });

  it('reads standard input, applies --config and shows the JSON Patch of --endpoint mutate', async () => {
    const policy = join(work, 'bulwark.yaml');
    writeFileSync(policy, 'extends: recommended\nmode: warn\n');
    const warned = await run(['admit', '--config', policy, '-'], readFileSync(join(TESTDATA, 'pod-create-privileged.json'), 'utf8'));
    assert.equal(warned.code, 0);
    assert.equal(warned.stderr, `bulwark: policy ${policy}\n`);
    assert.ok(warned.stdout.startsWith('ALLOWED  Pod shop/debug (CREATE, uid 0d6b3c43-7f5c-4a52-bd35-3c6f1a2b9e01)\n  warnings (shown by kubectl as "Warning: …"):\n    bulwark privileged-container (high, warn mode): '));
    const mutated = await run(['admit', '--endpoint', 'mutate', join(TESTDATA, 'pod-create-privileged.json')]);
    assert.deepEqual([mutated.code, mutated.stdout], [0, 'ALLOWED  Pod shop/debug (CREATE, uid 0d6b3c43-7f5c-4a52-bd35-3c6f1a2b9e01)\n  not checked: mutation is not turned on (admission.mutate) at the policy level of this object\n']);
  });

  it('exits 3 for a file that is not an AdmissionReview, 2 for bad usage', async () => {
    const notReview = join(work, 'pod.json');
    writeFileSync(notReview, '{"apiVersion":"v1","kind":"Pod","metadata":{"name":"x"}}');
    assert.deepEqual(await run(['admit', notReview]), { code: 3, stdout: '', stderr: `bulwark: error BULWARK_E_INPUT: ${notReview} is not an admission.k8s.io/v1 AdmissionReview request: the body must be an AdmissionReview, not a Pod\n` });
    assert.equal((await run(['admit', join(work, 'missing.json')])).code, 3);
    assert.equal((await run(['admit', '--endpoint', 'audit', notReview])).code, 2);
    assert.equal((await run(['admit', '--checks', 'single-replica', join(TESTDATA, 'pod-delete.json')])).code, 2);
  });
});

describe('bulwark serve', () => {
  it('refuses to serve without TLS, and both kinds of TLS at once', async () => {
    assert.deepEqual(await run(['serve', '--port', '0']), { code: 2, stdout: '', stderr: 'bulwark: error BULWARK_E_USAGE: the webhook serves HTTPS only: give --tls-cert FILE and --tls-key FILE, or --self-signed\n' });
    assert.equal((await run(['serve', '--self-signed', '--tls-cert', 'a.crt', '--tls-key', 'a.key'])).code, 2);
    assert.equal((await run(['serve', '--self-signed', '--failure-mode', 'sometimes'])).code, 2);
  });

  it('reads every flag before it listens: a usage error leaves no server running', async () => {
    const listening = () => process.getActiveResourcesInfo().filter((resource) => resource === 'TCPServerWrap').length;
    const before = listening();
    assert.deepEqual(await run(['serve', '--self-signed', '--port', '0', '--shutdown-delay', 'soon']), { code: 2, stdout: '', stderr: `bulwark: error BULWARK_E_USAGE: --shutdown-delay must be a whole number from 0 to ${Number.MAX_SAFE_INTEGER}, not "soon"\n` });
    assert.equal(listening(), before);
  });

  it('serves with a self-signed certificate, prints the caBundle, and stops cleanly on SIGTERM', async () => {
    const caFile = join(work, 'ca.pem');
    const child = spawn(process.execPath, ['--import', 'tsx', MAIN_MODULE, 'serve', '--self-signed', '--port', '0', '--ca-out', caFile, '--no-config'], { cwd: fileURLToPath(new URL('../..', import.meta.url)), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        if (stdout.includes('caBundle: ')) resolve();
      });
      child.on('exit', () => reject(new Error(`serve exited early: ${stderr}`)));
    });
    const url = /^bulwark: serving (https:\/\/127\.0\.0\.1:\d+) /.exec(stdout)?.[1] as string;
    const bundle = Buffer.from(/^caBundle: (\S+)$/m.exec(stdout)?.[1] as string, 'base64').toString();
    assert.equal(bundle, readFileSync(caFile, 'utf8'));
    const answer = await new Promise<string>((resolve, reject) => {
      const request = httpsRequest(`${url}/validate`, { method: 'POST', ca: bundle, headers: { 'Content-Type': 'application/json' } }, (response) => {
        let text = '';
        response.on('data', (chunk: Buffer) => (text += chunk.toString()));
        response.on('end', () => resolve(text));
      });
      request.on('error', reject);
      request.end(readFileSync(join(TESTDATA, 'pod-create-privileged.json')));
    });
    assert.equal((JSON.parse(answer) as { response: { allowed: boolean } }).response.allowed, false);
    child.kill('SIGTERM');
    assert.equal(await exited, 0);
    const messages = stderr.trim().split('\n').map((line) => (JSON.parse(line) as { msg: string }).msg);
    assert.deepEqual(messages, ['no policy: the recommended checks', 'listening', 'admission review', 'stopping', 'stopped']);
  });
});
