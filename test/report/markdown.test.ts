import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createBaseline } from '../../src/findings/baseline.js';
import { escapeMarkdown, MAX_FINDING_ROWS, renderMarkdown } from '../../src/report/markdown.js';
import { scan, type ScanOptions } from '../../src/scan.js';
import { DOCS_BASE_URL } from '../../src/version.js';
import { CORE_CHECKS } from '../helpers.js';

const pod = (name: string, containerName = 'app') => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  namespace: shop
spec:
  containers:
    - name: ${containerName}
      image: nginx
      securityContext:
        privileged: true
`;

const render = async (text: string, options: ScanOptions = {}) => {
  const result = await scan({ sources: [{ file: 'k8s/app.yaml', text }], checks: CORE_CHECKS, ...options });
  return { result, markdown: renderMarkdown(result, { color: false }) };
};

/** The rows of the findings table, as arrays of cells (split on pipes that are not escaped). */
function findingRows(markdown: string): string[][] {
  const section = markdown.split('### Findings')[1]?.split('\n###')[0] ?? '';
  return section
    .split('\n')
    .filter((line) => line.startsWith('| ') && !line.startsWith('| Severity') && !line.startsWith('| ---'))
    .map((line) =>
      line
        .slice(2, -2)
        .split(/(?<!\\) \| /)
        .map((cell) => cell.trim()),
    );
}

describe('renderMarkdown', () => {
  it('states a failing verdict and lists findings most severe first', async () => {
    const { result, markdown } = await render(pod('web'));
    assert.match(markdown, /^<!-- bulwark-report -->\n## ❌ Bulwark: 1 finding at or above high\n/);
    assert.match(markdown, /Scanned 1 resource in 1 file with 5 checks\./);
    assert.match(markdown, /\| 🟧 high \| 1 \|/);
    assert.match(markdown, /\| 🟨 medium \| 3 \|/);
    assert.match(markdown, /\| 🟦 low \| 1 \|/);
    const rows = findingRows(markdown);
    assert.equal(rows.length, result.findings.length);
    assert.deepEqual(
      rows.map((row) => row[0]),
      ['🟧 high', '🟨 medium', '🟨 medium', '🟨 medium', '🟦 low'],
    );
    const [severity, check, resource, location, message] = rows[0]!;
    assert.equal(severity, '🟧 high');
    assert.equal(check, `[privileged-container](${DOCS_BASE_URL}privileged-container.md)`);
    assert.equal(resource, 'Pod shop/web');
    assert.equal(location, 'k8s/app.yaml:11');
    assert.equal(message, 'container "app" runs privileged (securityContext.privileged: true)');
    assert.ok(markdown.endsWith('\n'));
    assert.doesNotMatch(markdown, /### Input problems/);
  });

  it('passes when nothing reaches the threshold', async () => {
    const { markdown } = await render(pod('web'), { failOn: 'critical' });
    assert.match(markdown, /## ✅ Bulwark: passed \(no findings at or above critical\)/);
    // Findings below the threshold are still listed.
    assert.equal(findingRows(markdown).length, 5);
  });

  it('counts suppressed findings without listing them', async () => {
    const first = await render(pod('web'));
    const baseline = createBaseline(first.result.findings.filter((finding) => finding.checkId === 'privileged-container'));
    const { markdown } = await render(pod('web'), { baseline });
    assert.match(markdown, /1 finding suppressed by the baseline \(not listed\)\./);
    assert.match(markdown, /## ✅ Bulwark: passed/);
    const rows = findingRows(markdown);
    assert.equal(rows.length, 4);
    assert.ok(rows.every((row) => !row[1]!.includes('privileged-container')));
  });

  it('warns that an untrusted result cannot be relied on and lists input problems', async () => {
    const { markdown } = await render(`${pod('web')}---\nbroken: [\n`);
    assert.match(markdown, /## ⚠️ Bulwark: the result cannot be trusted\n\n- 1 input problem \(unreadable files or documents that did not parse\)\n/);
    const problems = markdown.split('### Input problems')[1];
    assert.ok(problems);
    assert.match(problems, /\| error \| yaml-syntax \| k8s/);
    assert.match(problems, /app.yaml:13 \| YAML syntax error/);
    assert.match(markdown, /The part that could be scanned has 1 finding at or above high\./);
  });

  it('warns when the input holds no resources', async () => {
    const { markdown } = await render('');
    assert.match(markdown, /## ⚠️ Bulwark: the result cannot be trusted\n\n- no Kubernetes resource was found in the input/);
    assert.doesNotMatch(markdown, /### Findings/);
  });

  it('escapes pipes, backticks, HTML and line breaks in cells', async () => {
    const { markdown } = await render(pod('"x|y`z<b>c"', '"a\\nb"'));
    const rows = findingRows(markdown);
    assert.ok(rows.length > 0);
    for (const row of rows) assert.equal(row.length, 5, 'a pipe in the data must not add a column');
    const privileged = rows.find((row) => row[1]!.includes('privileged-container'))!;
    assert.equal(privileged[2], 'Pod shop/x\\|y\\`z&lt;b\\>c');
    assert.equal(privileged[4], 'container "a<br>b" runs privileged (securityContext.privileged: true)');
    assert.doesNotMatch(markdown, /<b>/);
  });

  it('escapes markdown that could add links or formatting', () => {
    assert.equal(escapeMarkdown('[click](http://x) **bold** a_b'), '\\[click\\](http://x) \\*\\*bold\\*\\* a\\_b');
    assert.equal(escapeMarkdown('a & b'), 'a &amp; b');
    assert.equal(escapeMarkdown('back\\slash'), 'back\\\\slash');
    assert.equal(escapeMarkdown('x'.repeat(10), 5), 'xxxx…');
  });

  it('stays under the GitHub comment limit for a large scan', async () => {
    const text = Array.from({ length: 250 }, (_, i) => pod(`web-${i}-${'n'.repeat(40)}`)).join('---\n');
    const { result, markdown } = await render(text);
    assert.ok(result.findings.length >= 1000, `only ${result.findings.length} findings`);
    assert.ok(markdown.length < 65_536, `${markdown.length} characters`);
    const rows = findingRows(markdown);
    assert.equal(rows.length, MAX_FINDING_ROWS);
    // All 250 high findings come first, so the cut keeps only high ones.
    assert.ok(rows.every((row) => row[0] === '🟧 high'));
    assert.match(markdown, new RegExp(`_${result.findings.length - MAX_FINDING_ROWS} more findings not shown\\.`));
  });

  it('stops adding rows when the character budget is spent', async () => {
    // Long container names make every row long, so the budget, not the row cap, ends the table.
    const text = Array.from({ length: 250 }, (_, i) => pod(`web-${i}`, `c${i}-${'x'.repeat(380)}`)).join('---\n');
    const { result, markdown } = await render(text);
    assert.ok(markdown.length < 65_536, `${markdown.length} characters`);
    const rows = findingRows(markdown);
    assert.ok(rows.length > 50 && rows.length < MAX_FINDING_ROWS, `${rows.length} rows`);
    assert.match(markdown, new RegExp(`_${result.findings.length - rows.length} more findings not shown\\.`));
  });

  it('cuts long messages so rows stay bounded', async () => {
    const { result, markdown } = await render(pod('web', `c${'x'.repeat(5000)}`));
    assert.ok(result.findings.every((finding) => finding.message.length > 5000));
    assert.ok(markdown.length < 5 * 1000 + 2000, `${markdown.length} characters`);
    assert.match(markdown, /x…/);
  });
});
