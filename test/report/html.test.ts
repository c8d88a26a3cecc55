import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createBaseline } from '../../src/findings/baseline.js';
import { escapeHtml, renderHtml } from '../../src/report/html.js';
import { scan, type ScanOptions } from '../../src/scan.js';
import { DOCS_BASE_URL } from '../../src/version.js';
import { CORE_CHECKS } from '../helpers.js';

const pod = (name: string, containerName = 'app', namespace = 'shop') => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  namespace: ${namespace}
spec:
  containers:
    - name: ${containerName}
      image: nginx
      securityContext:
        privileged: true
`;

const render = async (sources: Array<{ file: string; text: string }>, options: ScanOptions = {}) => {
  const result = await scan({ sources, checks: CORE_CHECKS, ...options });
  return { result, html: renderHtml(result, { color: false }) };
};

/** The `<tr class="finding…">` rows, each with its attributes and inner HTML. */
function rows(html: string): Array<{ attributes: string; body: string }> {
  return [...html.matchAll(/<tr class="finding[^"]*"([^>]*)>([\s\S]*?)<\/tr>/g)].map((match) => ({ attributes: match[0].slice(0, match[0].indexOf('>')), body: match[2]! }));
}

describe('renderHtml', () => {
  it('is one self-contained document that loads nothing', async () => {
    const { html } = await render([{ file: 'k8s/app.yaml', text: pod('web') }]);
    assert.match(html, /^<!DOCTYPE html>\n<html lang="en">/);
    assert.ok(html.trimEnd().endsWith('</html>'));
    // Elements that fetch something when given a src/href/data attribute.
    assert.doesNotMatch(html, /<(?:script|link|img|iframe|frame|embed|object|audio|video|source|track|input|image)\b[^>]*\s(?:src|href|data|srcset|poster)\s*=/i);
    assert.doesNotMatch(html, /<link\b/i);
    assert.doesNotMatch(html, /url\(|@import/i);
    assert.doesNotMatch(html, /<script[^>]*src/i);
    assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">/);
    // The only http(s) URLs are in links a person can follow.
    assert.match(html, /<a href="https:\/\//);
    assert.doesNotMatch(html.replace(/<a href="[^"]*"[^>]*>[^<]*<\/a>/g, ''), /https?:/);
    assert.equal(html.match(/<script>/g)?.length, 1);
    assert.equal(html.match(/<style>/g)?.length, 1);
  });

  it('shows the verdict and counts by severity', async () => {
    const { html } = await render([{ file: 'k8s/app.yaml', text: pod('web') }]);
    assert.match(html, /<p class="verdict fail">❌ 1 finding at or above high<\/p>/);
    assert.match(html, /<span class="badge sev-high">high<\/span> <strong>1<\/strong>/);
    assert.match(html, /<span class="badge sev-medium">medium<\/span> <strong>3<\/strong>/);
    assert.match(html, /<span class="badge sev-low">low<\/span> <strong>1<\/strong>/);
    assert.match(html, /<span class="badge sev-critical">critical<\/span> <strong>0<\/strong>/);
    assert.match(html, /Scanned 1 resource in 1 file with 5 checks/);
    const passed = await render([{ file: 'k8s/app.yaml', text: pod('web') }], { failOn: 'critical' });
    assert.match(passed.html, /<p class="verdict pass">✅ Passed: no findings at or above critical<\/p>/);
  });

  it('shows every finding with its details, grouped by file', async () => {
    const { result, html } = await render([
      { file: 'k8s/b.yaml', text: pod('web') },
      { file: 'k8s/a.yaml', text: pod('api', 'server', 'billing') },
    ]);
    const found = rows(html);
    assert.equal(found.length, result.findings.length);
    for (const finding of result.findings) {
      const row = found.find((entry) => entry.attributes.includes(`data-fingerprint="${finding.fingerprint}"`));
      assert.ok(row, `finding ${finding.checkId} on ${finding.resource.name}`);
      assert.ok(row.body.includes(escapeHtml(finding.message)), finding.message);
      assert.ok(row.body.includes(`<code>${finding.file}:${finding.line}:${finding.column}</code>`));
      assert.ok(row.body.includes(`<code>${finding.path}</code>`));
      assert.ok(row.body.includes(`href="${DOCS_BASE_URL}${finding.checkId}.md"`));
      assert.ok(row.body.includes(`<code class="muted">${finding.checkId}</code>`));
      assert.ok(row.body.includes(`container <code>${finding.container}</code>`));
      assert.match(row.attributes, new RegExp(`data-severity="${finding.severity}"`));
    }
    const privileged = found.find((row) => row.body.includes('Privileged container') && row.body.includes('billing/api'));
    assert.ok(privileged);
    assert.match(privileged.body, /Pod billing\/api <span class="muted">v1<\/span>/);
    // Remediation from the check's metadata, with code spans.
    assert.match(privileged.body, /<summary>How to fix<\/summary><p>Remove <code>securityContext\.privileged: true<\/code>/);
    // Files are grouped in order: a.yaml before b.yaml.
    const a = html.indexOf('<h3><code>k8s/a.yaml</code>');
    const b = html.indexOf('<h3><code>k8s/b.yaml</code>');
    assert.ok(a !== -1 && b !== -1 && a < b);
  });

  it('escapes every interpolated string', async () => {
    const { html } = await render([{ file: 'k8s/<evil>.yaml', text: pod('"<script>alert(1)</script>"', `"<img src=x onerror='alert(2)'>"`) }]);
    assert.equal(html.match(/<script/g)?.length, 1, 'only the report’s own script');
    assert.doesNotMatch(html, /<img/);
    assert.doesNotMatch(html, /<evil>/);
    assert.ok(html.includes('Pod shop/&lt;script&gt;alert(1)&lt;/script&gt;'));
    assert.ok(html.includes('container &quot;&lt;img src=x onerror=&#39;alert(2)&#39;&gt;&quot; runs privileged'));
    assert.ok(html.includes('<h3><code>k8s/&lt;evil&gt;.yaml</code>'));
    // Search text lives in an attribute; quotes must not end it early.
    for (const row of rows(html)) assert.match(row.attributes, /data-text="[^"<>]*"$/);
  });

  it('shows suppressed findings muted', async () => {
    const first = await render([{ file: 'k8s/app.yaml', text: pod('web') }]);
    const baseline = createBaseline(first.result.findings.filter((finding) => finding.checkId === 'privileged-container'));
    const { html } = await render([{ file: 'k8s/app.yaml', text: pod('web') }], { baseline });
    const suppressed = rows(html).filter((row) => row.attributes.startsWith('<tr class="finding suppressed"'));
    assert.equal(suppressed.length, 1);
    assert.match(suppressed[0]!.attributes, /data-status="suppressed"/);
    assert.match(suppressed[0]!.body, /Privileged container/);
    assert.match(suppressed[0]!.body, /suppressed by the baseline/);
    assert.match(html, /<input type="checkbox" name="suppressed" checked> show suppressed/);
    assert.match(html, /<span class="badge suppressed-badge">suppressed<\/span> <strong>1<\/strong>/);
    assert.match(html, /tr\.suppressed \{ opacity/);
  });

  it('has severity filters and a search box driven by inline script', async () => {
    const { html } = await render([{ file: 'k8s/app.yaml', text: pod('web') }]);
    for (const severity of ['critical', 'high', 'medium', 'low', 'info']) {
      assert.match(html, new RegExp(`<input type="checkbox" name="severity" value="${severity}" checked>`));
    }
    assert.match(html, /<input type="search" name="q"/);
    assert.match(html, /form\.addEventListener\('input', apply\)/);
    // The script must be valid JavaScript.
    const script = /<script>([\s\S]*?)<\/script>/.exec(html)?.[1];
    assert.ok(script);
    assert.doesNotThrow(() => new Function(script));
  });

  it('lists input problems and why the result cannot be trusted', async () => {
    const { html } = await render([{ file: 'k8s/app.yaml', text: `${pod('web')}---\nbroken: [\n` }]);
    assert.match(html, /<p class="verdict untrusted">⚠️ The result cannot be trusted<\/p>/);
    assert.match(html, /<ul class="reasons"><li>1 input problem \(unreadable files or documents that did not parse\)<\/li><\/ul>/);
    const diagnostics = html.split('<section id="diagnostics">')[1];
    assert.ok(diagnostics);
    assert.match(diagnostics, /<span class="badge level-error">error<\/span><\/td><td><code>yaml-syntax<\/code><\/td><td><code>k8s\/app\.yaml:13:9<\/code><\/td><td>YAML syntax error/);
  });

  it('says so when there is nothing to show', async () => {
    const { html } = await render([{ file: 'k8s/app.yaml', text: '' }]);
    assert.match(html, /<h2>Findings<\/h2>\n<p>No findings\.<\/p>/);
    assert.match(html, /no Kubernetes resource was found in the input/);
    assert.equal(rows(html).length, 0);
  });
});
