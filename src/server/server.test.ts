import assert from 'node:assert/strict';
import { request as httpsRequest, Agent } from 'node:https';
import { connect } from 'node:tls';
import { after, before, describe, it } from 'node:test';
import type { AdmissionRequest } from './admission-review.js';
import { generateSelfSigned } from './certificates.js';
import { AdmissionEngine, EvaluationError, type AdmissionDecision } from './engine.js';
import { fixtureText, policyWithAdmission } from './fixtures.cases.js';
import { WebhookServer } from './server.js';

const material = generateSelfSigned({ hosts: ['localhost', '127.0.0.1'] });
const NOW = () => new Date('2026-03-28T12:00:00Z');

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A request over HTTPS that verifies the server's certificate against `ca`. */
function call(port: number, method: string, path: string, body?: string | Buffer, headers: Record<string, string> = {}, ca: string = material.caCertificate, agent?: Agent): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = httpsRequest({ host: '127.0.0.1', port, method, path, ca, servername: 'localhost', headers: { ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}), ...headers }, ...(agent !== undefined ? { agent } : {}) }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString() }));
    });
    request.on('error', reject);
    if (body !== undefined) request.write(body);
    request.end();
  });
}

function statusOf(answer: Answer): { code: number; reason: string; message: string } {
  const status = JSON.parse(answer.body) as { kind: string; code: number; reason: string; message: string };
  assert.equal(status.kind, 'Status');
  return { code: status.code, reason: status.reason, message: status.message };
}

class FailingEngine extends AdmissionEngine {
  override validate(_request: AdmissionRequest): AdmissionDecision {
    throw new EvaluationError('check broken-rule failed: boom');
  }
}

async function started(server: WebhookServer): Promise<number> {
  return (await server.listen(0, '127.0.0.1')).port;
}

describe('WebhookServer over HTTPS', () => {
  const policy = policyWithAdmission('extends: recommended\n', { mutate: true });
  const server = new WebhookServer({ engine: new AdmissionEngine({ policy, now: NOW }), tls: { cert: material.certificate, key: material.privateKey }, maxBodyBytes: 256 * 1024 });
  let port = 0;
  before(async () => {
    port = await started(server);
  });
  after(() => server.close());

  it('denies a privileged pod, with the uid echoed and the violations in the status', async () => {
    const answer = await call(port, 'POST', '/validate?timeout=10s', fixtureText('pod-create-privileged.json'));
    assert.equal(answer.status, 200);
    assert.equal(answer.headers['content-type'], 'application/json');
    const review = JSON.parse(answer.body) as { apiVersion: string; kind: string; response: { uid: string; allowed: boolean; status: { code: number; reason: string; message: string } } };
    assert.deepEqual([review.apiVersion, review.kind, review.response.uid, review.response.allowed, review.response.status.code, review.response.status.reason], ['admission.k8s.io/v1', 'AdmissionReview', '0d6b3c43-7f5c-4a52-bd35-3c6f1a2b9e01', false, 403, 'Forbidden']);
    assert.match(review.response.status.message, /^Pod shop\/debug violates the policy \(1 violation\):\n- privileged-container \[high\] at container "debug", spec\.containers\[0\]\.securityContext\.privileged: /);
  });

  it('admits a hardened Deployment without warnings', async () => {
    const answer = await call(port, 'POST', '/validate', fixtureText('deployment-create-dry-run.json'));
    assert.deepEqual(JSON.parse(answer.body), { apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview', response: { uid: '3b8f6c1d-2e4a-4b7c-9d0e-1f2a3b4c5d6e', allowed: true } });
  });

  it('answers /mutate with a base64 JSON Patch', async () => {
    const answer = await call(port, 'POST', '/mutate', fixtureText('pod-create-privileged.json'));
    const response = (JSON.parse(answer.body) as { response: { allowed: boolean; patchType: string; patch: string } }).response;
    assert.deepEqual([response.allowed, response.patchType], [true, 'JSONPatch']);
    assert.deepEqual(JSON.parse(Buffer.from(response.patch, 'base64').toString()), [
      { op: 'add', path: '/spec/securityContext/seccompProfile', value: { type: 'RuntimeDefault' } },
      { op: 'add', path: '/spec/securityContext/runAsNonRoot', value: true },
    ]);
  });

  it('serves several requests on one keep-alive connection', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1, ca: material.caCertificate });
    const sockets = new Set<unknown>();
    agent.on('free', (socket) => sockets.add(socket));
    for (let index = 0; index < 3; index++) assert.equal((await call(port, 'POST', '/validate', fixtureText('pod-delete.json'), {}, material.caCertificate, agent)).status, 200);
    assert.equal(sockets.size, 1);
    agent.destroy();
  });

  it('is verified by the generated CA, and refused by a client that trusts another CA', async () => {
    const other = generateSelfSigned({ hosts: ['localhost'] });
    await assert.rejects(call(port, 'GET', '/healthz', undefined, {}, other.caCertificate), (error: NodeJS.ErrnoException) => error.code === 'UNABLE_TO_VERIFY_LEAF_SIGNATURE');
  });

  it('answers health, readiness and metrics', async () => {
    assert.deepEqual([(await call(port, 'GET', '/healthz')).body, (await call(port, 'GET', '/readyz')).status], ['ok\n', 200]);
    const metrics = await call(port, 'GET', '/metrics');
    assert.equal(metrics.headers['content-type'], 'text/plain; version=0.0.4; charset=utf-8');
    assert.match(metrics.body, /^bulwark_admission_requests_total\{endpoint="validate",operation="CREATE",kind="Pod",decision="denied"\} 1$/m);
    assert.match(metrics.body, /^bulwark_admission_requests_total\{endpoint="mutate",operation="CREATE",kind="Pod",decision="patched"\} 1$/m);
    assert.match(metrics.body, /^bulwark_admission_review_duration_seconds_count\{endpoint="validate"\} \d+$/m);
  });

  describe('hostile and wrong requests', () => {
    const cases: Array<{ what: string; method: string; path: string; body?: string | Buffer; headers?: Record<string, string>; status: number; reason: string; message: RegExp; allow?: string }> = [
      { what: 'truncated JSON', method: 'POST', path: '/validate', body: fixtureText('pod-create-privileged.json').slice(0, 500), status: 400, reason: 'BadRequest', message: /^the body is not JSON: / },
      { what: 'an empty body', method: 'POST', path: '/validate', body: '', status: 400, reason: 'BadRequest', message: /^the body is not JSON: Unexpected end of JSON input$/ },
      { what: 'a Pod instead of a review', method: 'POST', path: '/validate', body: JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'x' } }), status: 400, reason: 'BadRequest', message: /^the body must be an AdmissionReview, not a Pod$/ },
      { what: 'a v1beta1 review', method: 'POST', path: '/validate', body: fixtureText('pod-create-privileged.json').replace('admission.k8s.io/v1', 'admission.k8s.io/v1beta1'), status: 400, reason: 'BadRequest', message: /^AdmissionReview version admission\.k8s\.io\/v1beta1 is not supported/ },
      { what: 'an object of another kind than the request says', method: 'POST', path: '/validate', body: fixtureText('pod-create-privileged.json').replace('"kind": "Pod",\n      "metadata"', '"kind": "Secret",\n      "metadata"'), status: 400, reason: 'BadRequest', message: /^request\.object is a Secret, but request\.kind says Pod$/ },
      { what: 'deep nesting', method: 'POST', path: '/validate', body: `{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{"object":${'['.repeat(50_000)}${']'.repeat(50_000)}}}`, status: 400, reason: 'BadRequest', message: /^the body nests deeper than 100 levels/ },
      { what: 'a body over the limit', method: 'POST', path: '/validate', body: Buffer.alloc(300 * 1024, 0x20), status: 413, reason: 'RequestEntityTooLarge', message: /^the body is larger than 262144 bytes$/ },
      { what: 'a body over the limit, chunked', method: 'POST', path: '/validate', body: Buffer.alloc(300 * 1024, 0x20), headers: { 'Transfer-Encoding': 'chunked' }, status: 413, reason: 'RequestEntityTooLarge', message: /^the body is larger than 262144 bytes$/ },
      { what: 'form data', method: 'POST', path: '/validate', body: 'a=b', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, status: 415, reason: 'UnsupportedMediaType', message: /^the body must be application\/json, not application\/x-www-form-urlencoded$/ },
      { what: 'GET /validate', method: 'GET', path: '/validate', status: 405, reason: 'MethodNotAllowed', message: /^\/validate takes POST, not GET$/, allow: 'POST' },
      { what: 'PUT /mutate', method: 'PUT', path: '/mutate', body: '{}', status: 405, reason: 'MethodNotAllowed', message: /^\/mutate takes POST, not PUT$/, allow: 'POST' },
      { what: 'POST /healthz', method: 'POST', path: '/healthz', body: '{}', status: 405, reason: 'MethodNotAllowed', message: /^\/healthz takes GET, not POST$/, allow: 'GET, HEAD' },
      { what: 'an unknown path', method: 'POST', path: '/admit', body: '{}', status: 404, reason: 'NotFound', message: /^no endpoint \/admit: use POST \/validate or \/mutate/ },
    ];
    for (const testCase of cases) {
      it(`answers ${testCase.what} with ${testCase.status}`, async () => {
        const answer = await call(port, testCase.method, testCase.path, testCase.body, testCase.headers ?? {});
        assert.equal(answer.status, testCase.status);
        const status = statusOf(answer);
        assert.deepEqual([status.code, status.reason], [testCase.status, testCase.reason]);
        assert.match(status.message, testCase.message);
        if (testCase.allow !== undefined) assert.equal(answer.headers.allow, testCase.allow);
      });
    }

    it('judges a pod with a huge image name quickly', async () => {
      const body = fixtureText('pod-create-privileged.json').replace('"busybox:1.36"', JSON.stringify(`registry.example.com/${'a'.repeat(200_000)}:1`));
      const started = performance.now();
      const answer = await call(port, 'POST', '/validate', body);
      assert.equal(answer.status, 200);
      assert.equal((JSON.parse(answer.body) as { response: { allowed: boolean } }).response.allowed, false);
      assert.ok(performance.now() - started < 2000);
    });

    it('survives bytes that are not HTTP, and answers the next client', async () => {
      const reply = await new Promise<string>((resolve, reject) => {
        const socket = connect({ host: '127.0.0.1', port, ca: material.caCertificate, servername: 'localhost' }, () => socket.write('\x00\x01 not http at all\r\n\r\n'));
        let text = '';
        socket.on('data', (chunk: Buffer) => (text += chunk.toString()));
        socket.on('end', () => resolve(text));
        socket.on('error', reject);
      });
      assert.match(reply, /^HTTP\/1\.1 400 Bad Request\r\n/);
      assert.equal((await call(port, 'GET', '/healthz')).status, 200);
    });

    it('counts refused requests by reason', async () => {
      const metrics = (await call(port, 'GET', '/metrics')).body;
      assert.match(metrics, /^bulwark_http_errors_total\{reason="too_large"\} 2$/m);
      assert.match(metrics, /^bulwark_http_errors_total\{reason="method"\} 3$/m);
    });
  });
});

describe('WebhookServer failure behaviour', () => {
  for (const mode of ['closed', 'open'] as const) {
    it(`answers at once when a request cannot be evaluated: fails ${mode}`, async () => {
      const server = new WebhookServer({ engine: new FailingEngine({ now: NOW }), tls: { cert: material.certificate, key: material.privateKey }, failureMode: mode });
      const port = await started(server);
      try {
        const answer = await call(port, 'POST', '/validate', fixtureText('pod-create-privileged.json'));
        const response = (JSON.parse(answer.body) as { response: Record<string, unknown> }).response;
        const what = 'bulwark could not evaluate this request (uid 0d6b3c43-7f5c-4a52-bd35-3c6f1a2b9e01); the server log has the cause';
        assert.deepEqual(
          response,
          mode === 'closed'
            ? { uid: '0d6b3c43-7f5c-4a52-bd35-3c6f1a2b9e01', allowed: false, status: { code: 500, reason: 'InternalError', message: `${what}. Denied because the server fails closed.` } }
            : { uid: '0d6b3c43-7f5c-4a52-bd35-3c6f1a2b9e01', allowed: true, warnings: [`${what}. Allowed because the server fails open.`] },
        );
        assert.match((await call(port, 'GET', '/metrics')).body, /^bulwark_http_errors_total\{reason="evaluation"\} 1$/m);
      } finally {
        await server.close();
      }
    });
  }

  it('fails /readyz once shutting down, while still answering reviews', async () => {
    const server = new WebhookServer({ engine: new AdmissionEngine({ now: NOW }), tls: { cert: material.certificate, key: material.privateKey } });
    const port = await started(server);
    server.markNotReady();
    assert.deepEqual([(await call(port, 'GET', '/readyz')).status, (await call(port, 'POST', '/validate', fixtureText('pod-delete.json'))).status], [503, 200]);
    await server.close();
  });
});
