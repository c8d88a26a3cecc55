import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { connect, type PeerCertificate } from 'node:tls';
import { BUILTIN_CHECKS } from '../checks/index.js';
import { loadPolicy } from '../policy/load.js';
import { generateSelfSigned } from './certificates.js';
import { fixtureText } from './fixtures.cases.js';
import { jsonLogger } from './log.js';
import { startWebhook } from './webhook.js';

const work = mkdtempSync(join(tmpdir(), 'bulwark-webhook-'));
after(() => rmSync(work, { recursive: true, force: true }));

/** Replaces a file the way a careful writer (and the kubelet) does: write aside, then rename. */
function replace(path: string, text: string): void {
  writeFileSync(`${path}.new`, text);
  renameSync(`${path}.new`, path);
}

function validate(url: string, ca: string, body: string): Promise<{ allowed: boolean; warnings?: string[] }> {
  return new Promise((resolve, reject) => {
    const request = httpsRequest(`${url}/validate`, { method: 'POST', ca, servername: 'localhost', headers: { 'Content-Type': 'application/json' } }, (response) => {
      let text = '';
      response.on('data', (chunk: Buffer) => (text += chunk.toString()));
      response.on('end', () => resolve((JSON.parse(text) as { response: { allowed: boolean; warnings?: string[] } }).response));
    });
    request.on('error', reject);
    request.end(body);
  });
}

function servedCertificate(port: number): Promise<PeerCertificate> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port, servername: 'localhost', rejectUnauthorized: false }, () => {
      resolve(socket.getPeerCertificate());
      socket.end();
    });
    socket.on('error', reject);
  });
}

describe('startWebhook', () => {
  it('reloads a changed policy and a renewed certificate, and keeps the old ones when the new do not load', async () => {
    const first = generateSelfSigned({ hosts: ['localhost', '127.0.0.1'] });
    const certFile = join(work, 'tls.crt');
    const keyFile = join(work, 'tls.key');
    const policyFile = join(work, 'bulwark.yaml');
    writeFileSync(certFile, first.certificate);
    writeFileSync(keyFile, first.privateKey);
    writeFileSync(policyFile, 'extends: recommended\n');
    const lines: string[] = [];
    const running = await startWebhook({
      host: '127.0.0.1',
      port: 0,
      policy: loadPolicy(policyFile, BUILTIN_CHECKS),
      reloadPolicy: (file) => loadPolicy(file, BUILTIN_CHECKS),
      tls: { certFile, keyFile },
      reloadIntervalMs: 60_000,
      logger: jsonLogger({ write: (text: string) => lines.push(text) }, 'info'),
    });
    try {
      const privileged = fixtureText('pod-create-privileged.json');
      assert.equal((await validate(running.url, first.caCertificate, privileged)).allowed, false);
      assert.deepEqual(running.poll(), { policy: false, tls: false });

      replace(policyFile, 'extends: recommended\nmode: warn\n');
      assert.deepEqual(running.poll(), { policy: true, tls: false });
      const warned = await validate(running.url, first.caCertificate, privileged);
      assert.equal(warned.allowed, true);
      assert.equal(warned.warnings?.[0], 'bulwark privileged-container (high, warn mode): container "debug" runs privileged (securityContext.privileged: true)');

      replace(policyFile, 'extends: recommended\nmode: sometimes\n');
      assert.deepEqual(running.poll(), { policy: false, tls: false });
      assert.equal((await validate(running.url, first.caCertificate, privileged)).allowed, true);

      // A renewal caught half-way: the new certificate with the old key is refused.
      const second = generateSelfSigned({ hosts: ['localhost', '127.0.0.1'] });
      replace(certFile, second.certificate);
      assert.deepEqual(running.poll(), { policy: false, tls: false });
      assert.equal((await servedCertificate(running.address.port)).fingerprint256, new X509Certificate(first.certificate).fingerprint256);
      replace(keyFile, second.privateKey);
      assert.deepEqual(running.poll(), { policy: false, tls: true });
      assert.equal((await servedCertificate(running.address.port)).fingerprint256, new X509Certificate(second.certificate).fingerprint256);
      assert.equal((await validate(running.url, second.caCertificate, privileged)).allowed, true);

      const metrics = running.server.metrics.render();
      for (const line of ['bulwark_reloads_total{what="policy",result="success"} 1', 'bulwark_reloads_total{what="policy",result="failure"} 1', 'bulwark_reloads_total{what="tls",result="failure"} 1', 'bulwark_reloads_total{what="tls",result="success"} 1']) {
        assert.ok(metrics.includes(`${line}\n`), line);
      }
      await new Promise((resolve) => setImmediate(resolve));
      const messages = lines.join('').trim().split('\n').map((line) => JSON.parse(line) as { level: string; msg: string; error?: string });
      assert.deepEqual(
        messages.filter((message) => message.level === 'error').map((message) => message.msg),
        ['policy reload failed: the previous policy stays in force', 'certificate reload failed: the previous certificate stays in use'],
      );
      assert.ok(messages.some((message) => message.msg === 'certificate reloaded'));
    } finally {
      await running.close();
    }
  });

  it('answers every request while the policy is reloaded under it', async () => {
    const material = generateSelfSigned({ hosts: ['localhost', '127.0.0.1'] });
    const policyFile = join(work, 'busy.yaml');
    writeFileSync(policyFile, 'extends: recommended\n');
    const running = await startWebhook({
      host: '127.0.0.1',
      port: 0,
      policy: loadPolicy(policyFile, BUILTIN_CHECKS),
      reloadPolicy: (file) => loadPolicy(file, BUILTIN_CHECKS),
      tls: { material: { cert: material.certificate, key: material.privateKey } },
      reloadIntervalMs: 60_000,
    });
    try {
      const privileged = fixtureText('pod-create-privileged.json');
      const answers: Array<Promise<{ allowed: boolean }>> = [];
      for (let round = 0; round < 10; round++) {
        for (let index = 0; index < 10; index++) answers.push(validate(running.url, material.caCertificate, privileged));
        replace(policyFile, round % 2 === 0 ? 'extends: recommended\nmode: warn\n' : 'extends: recommended\n');
        assert.equal(running.poll().policy, true);
      }
      const settled = await Promise.all(answers);
      assert.equal(settled.length, 100);
      assert.ok(settled.every((answer) => typeof answer.allowed === 'boolean'));
      assert.equal(running.server.metrics.reloads.get({ what: 'policy', result: 'success' }), 10);
    } finally {
      await running.close();
    }
  });

  it('logs expired exceptions once when the policy loads', async () => {
    const material = generateSelfSigned({ hosts: ['localhost'] });
    const policyFile = join(work, 'expired.yaml');
    writeFileSync(policyFile, 'extends: recommended\nexceptions:\n  - id: EXC-1\n    checks: [host-pid]\n    scope: {namespace: shop}\n    reason: agent\n    owner: ops@example.com\n    expires: "2026-01-31"\n');
    const lines: string[] = [];
    const running = await startWebhook({
      host: '127.0.0.1',
      port: 0,
      policy: loadPolicy(policyFile, BUILTIN_CHECKS, new Date('2026-01-01T00:00:00Z')),
      tls: { material: { cert: material.certificate, key: material.privateKey } },
      now: () => new Date('2026-03-28T12:00:00Z'),
      logger: jsonLogger({ write: (text: string) => lines.push(text) }, 'info', () => new Date('2026-03-28T12:00:00Z')),
    });
    await running.close();
    await new Promise((resolve) => setImmediate(resolve));
    const warning = lines.join('').split('\n').find((line) => line.includes('exception expired'));
    assert.equal(warning, '{"time":"2026-03-28T12:00:00.000Z","level":"warn","msg":"exception expired: the findings it covered are denied again","exception":"EXC-1","owner":"ops@example.com","expires":"2026-01-31"}');
  });
});
