import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderReport } from '../../src/report/index.js';
import { redactLine } from '../../src/report/redact.js';
import { codeFrame } from '../../src/report/text.js';
import { scan } from '../../src/scan.js';
import { CORE_CHECKS } from '../helpers.js';

const text = `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  securityContext:
    runAsNonRoot: true
  containers:
  - name: app
    image: nginx:1.27@sha256:0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31
    env:
    - name: API_TOKEN
      value: tok-very-secret-value
    securityContext:
      allowPrivilegeEscalation: false
      privileged: true
`;

describe('text reporter', () => {
  it('groups by file, shows position, resource, path and a code frame with a caret', async () => {
    const result = await scan({ sources: [{ file: 'k8s/web.yaml', text }], checks: CORE_CHECKS });
    const output = renderReport(result, 'text', { color: false });
    assert.match(output, /^k8s\/web\.yaml$/m);
    assert.match(output, /16:7 +HIGH +privileged-container +container "app" runs privileged/);
    assert.match(output, /Pod default\/web · spec\.containers\[0\]\.securityContext\.privileged/);
    assert.match(output, /> 16 \| {7}privileged: true\n +\| +\^/);
    assert.match(output, /Failed: 1 finding at or above high\./);
    assert.ok(!output.includes('\u001b['), 'no colour unless asked');
  });

  it('colours severities only when asked (a terminal)', async () => {
    const result = await scan({ sources: [{ file: 'k8s/web.yaml', text }], checks: CORE_CHECKS });
    assert.ok(renderReport(result, 'text', { color: true }).includes('\u001b['));
  });

  it('never shows a secret value in a code frame', async () => {
    const frame = codeFrame(text, 12, 7, false).join('\n');
    assert.ok(!frame.includes('tok-very-secret-value'));
    assert.match(frame, /value: \*{8}/);
    const secret = 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\ndata:\n  password: aHVudGVyMg==\n  user: YWRtaW4=\n';
    const secretFrame = codeFrame(secret, 6, 3, true).join('\n');
    assert.ok(!secretFrame.includes('aHVudGVyMg==') && !secretFrame.includes('YWRtaW4='));
    assert.match(secretFrame, /name: db/);
  });

  it('redacts sensitive keys but leaves ordinary lines alone', () => {
    assert.equal(redactLine('    image: nginx:1.27', false), '    image: nginx:1.27');
    assert.equal(redactLine('  DB_PASSWORD: hunter2', false), '  DB_PASSWORD: ********');
    assert.equal(redactLine('  - value: "x"', false), '  - value: ********');
    assert.equal(redactLine('  tls.key: LS0tLS1CRUdJTi', true), '  tls.key: ********');
  });

  it('says why a result cannot be trusted', async () => {
    const result = await scan({ sources: [{ file: 'values.yaml', text: 'replicas: 1\n' }] });
    assert.match(renderReport(result, 'text'), /Result cannot be trusted: no Kubernetes resource was found in the input\./);
  });
});
