import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError } from 'commander';
import { BUILTIN_CHECKS } from '../checks/index.js';
import { BulwarkError } from '../errors/index.js';
import { loadPolicy } from '../policy/load.js';
import type { LoadedPolicy } from '../policy/types.js';
import type { CliIo } from './io.js';
import { registerServeCommands } from './serve.js';

const work = mkdtempSync(join(tmpdir(), 'bulwark-serve-cli-'));
after(() => rmSync(work, { recursive: true, force: true }));
const TESTDATA = fileURLToPath(new URL('../server/testdata/', import.meta.url));
const SERVE_MODULE = fileURLToPath(new URL('./serve.ts', import.meta.url));
const CHECKS_MODULE = fileURLToPath(new URL('../checks/index.ts', import.meta.url));
const POLICY_MODULE = fileURLToPath(new URL('../policy/load.ts', import.meta.url));
// The script runs from a temporary directory: it names every module by its absolute location.
const COMMANDER_MODULE = import.meta.resolve('commander');

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

/** The policy for `--config FILE`, none for `--no-config`, as the program's loader does (no bulwark.yaml is searched for here). */
function loadPolicyFor(config: string | false | undefined): LoadedPolicy | undefined {
  return typeof config === 'string' ? loadPolicy(config, BUILTIN_CHECKS) : undefined;
}

/** Runs `bulwark <args>` on a program with only these commands, mapping errors to exit codes as the CLI does. */
async function run(args: string[], stdin = ''): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { stdout: sink(out), stderr: sink(err), stdin: Readable.from([stdin]), env: {} };
  const state = { exitCode: 2 };
  const program = new Command('bulwark').enablePositionalOptions().exitOverride().configureOutput({ writeOut: (text) => out.push(text), writeErr: (text) => err.push(text) });
  registerServeCommands(program, io, state, loadPolicyFor);
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

  it('serves with a self-signed certificate, prints the caBundle, and stops cleanly on SIGTERM', async () => {
    const script = join(work, 'serve.mts');
    writeFileSync(
      script,
      `import { Command } from ${JSON.stringify(COMMANDER_MODULE)};
import { registerServeCommands } from ${JSON.stringify(SERVE_MODULE)};
import { BUILTIN_CHECKS } from ${JSON.stringify(CHECKS_MODULE)};
import { loadPolicy } from ${JSON.stringify(POLICY_MODULE)};
const io = { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env };
const state = { exitCode: 2 };
const program = new Command('bulwark').enablePositionalOptions().exitOverride();
registerServeCommands(program, io, state, (config) => (typeof config === 'string' ? loadPolicy(config, BUILTIN_CHECKS) : undefined));
await program.parseAsync(process.argv.slice(2), { from: 'user' });
process.exitCode = state.exitCode;
`,
    );
    const caFile = join(work, 'ca.pem');
    const child = spawn(process.execPath, ['--import', 'tsx', script, 'serve', '--self-signed', '--port', '0', '--ca-out', caFile, '--no-config'], { cwd: fileURLToPath(new URL('../..', import.meta.url)), stdio: ['ignore', 'pipe', 'pipe'] });
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
