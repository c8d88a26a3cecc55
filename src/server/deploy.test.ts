import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { BUILTIN_CHECKS } from '../checks/index.js';
import { parseSource } from '../loader/parse.js';
import { DEFAULT_LIMITS } from '../loader/types.js';
import { extractResources, isRecord } from '../model/resource.js';
import { scan } from '../scan.js';

const DEPLOY = fileURLToPath(new URL('../../deploy/', import.meta.url));

describe('deploy/', () => {
  it('passes a strict scan: every built-in check, nothing at low or above', async () => {
    const result = await scan({ paths: [DEPLOY], checks: BUILTIN_CHECKS.map((check) => check.id), failOn: 'low' });
    assert.deepEqual(
      result.findings.map((finding) => `${finding.severity} ${finding.checkId} ${finding.resource.kind}/${finding.resource.name} ${finding.path}`),
      [],
    );
    assert.deepEqual(result.diagnostics.filter((diagnostic) => diagnostic.severity !== 'note'), []);
    assert.equal(result.exitCode, 0);
    assert.deepEqual(
      result.resources.map((resource) => resource.kind).sort(),
      ['Certificate', 'Certificate', 'ConfigMap', 'Deployment', 'Issuer', 'Issuer', 'LimitRange', 'Namespace', 'NetworkPolicy', 'NetworkPolicy', 'PodDisruptionBudget', 'ResourceQuota', 'Service', 'ServiceAccount', 'ValidatingWebhookConfiguration'],
    );
  });

  it('registers the webhook as the server expects it', () => {
    const text = readFileSync(`${DEPLOY}webhook.yaml`, 'utf8');
    const [configuration] = extractResources(parseSource('webhook.yaml', text, DEFAULT_LIMITS).documents, 'default').resources;
    const webhook = (configuration?.object.webhooks as Array<Record<string, unknown>>)[0] as Record<string, unknown>;
    const selector = webhook.namespaceSelector as { matchExpressions: Array<{ key: string; operator: string; values: string[] }> };
    assert.deepEqual(
      { versions: webhook.admissionReviewVersions, sideEffects: webhook.sideEffects, timeout: webhook.timeoutSeconds, failurePolicy: webhook.failurePolicy, excluded: selector.matchExpressions[0], service: (webhook.clientConfig as Record<string, unknown>).service },
      {
        versions: ['v1'],
        sideEffects: 'None',
        timeout: 5,
        failurePolicy: 'Fail',
        excluded: { key: 'kubernetes.io/metadata.name', operator: 'NotIn', values: ['kube-system', 'bulwark'] },
        service: { name: 'bulwark-webhook', namespace: 'bulwark', path: '/validate', port: 443 },
      },
    );
    // The optional mutating webhook is there, commented out.
    assert.match(text, /^# kind: MutatingWebhookConfiguration$/m);
  });

  it('runs at least two restricted replicas that the Service and the probes reach', () => {
    const text = readFileSync(`${DEPLOY}deployment.yaml`, 'utf8');
    const resources = extractResources(parseSource('deployment.yaml', text, DEFAULT_LIMITS).documents, 'default').resources;
    const deployment = resources.find((resource) => resource.kind === 'Deployment')?.object as Record<string, Record<string, unknown>>;
    const pod = (deployment.spec?.template as Record<string, Record<string, unknown>>).spec as Record<string, unknown>;
    const container = (pod.containers as Array<Record<string, unknown>>)[0] as Record<string, unknown>;
    assert.ok((deployment.spec?.replicas as number) >= 2);
    assert.ok(isRecord((pod.affinity as Record<string, unknown>).podAntiAffinity));
    assert.deepEqual(container.args, [
      'serve',
      '--host=0.0.0.0',
      '--port=8443',
      '--config=/etc/bulwark/policy/bulwark.yaml',
      '--tls-cert=/etc/bulwark/tls/tls.crt',
      '--tls-key=/etc/bulwark/tls/tls.key',
      '--failure-mode=closed',
      '--shutdown-delay=5000',
    ]);
    const namespace = readFileSync(`${DEPLOY}namespace.yaml`, 'utf8');
    assert.match(namespace, /^ {4}pod-security\.kubernetes\.io\/enforce: restricted$/m);
    const dockerfile = readFileSync(`${DEPLOY}Dockerfile`, 'utf8');
    assert.match(dockerfile, /^FROM node:20-bookworm-slim AS build$/m);
    assert.match(dockerfile, /^USER 65532:65532$/m);
  });
});
