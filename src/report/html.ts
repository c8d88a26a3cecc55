import type { CheckMeta } from '../engine/types.js';
import { SEVERITIES, severityRank, type Finding, type Severity } from '../findings/types.js';
import type { Diagnostic } from '../loader/types.js';
import type { ScanResult } from '../scan.js';
import { DOCS_BASE_URL } from '../version.js';
import type { Reporter } from './index.js';
import { resourceLabel, plural } from './format.js';

/**
 * A single self-contained HTML page: styles and script are inline and the page loads
 * nothing from the network (a Content-Security-Policy enforces it), so it can be kept as
 * a CI artifact and opened offline.
 */

/** Escapes text for element content and quoted attribute values alike. */
export function escapeHtml(value: string | number): string {
  return String(value).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** Escaped text in which `code` spans (as check metadata writes them) become <code>. */
function prose(value: string): string {
  // Safe after escaping: the escaped text contains no `<`, and backticks are not markup in HTML.
  return escapeHtml(value).replace(/`([^`]+)`/g, '<code>$1</code>');
}

const DESCENDING: readonly Severity[] = [...SEVERITIES].reverse();

function verdict(result: ScanResult): { className: string; text: string } {
  if (!result.trusted) return { className: 'untrusted', text: '⚠️ The result cannot be trusted' };
  if (result.summary.failing > 0) return { className: 'fail', text: `❌ ${plural(result.summary.failing, 'finding')} at or above ${result.failOn}` };
  return { className: 'pass', text: result.failOn === 'none' ? '✅ Passed (no severity threshold set)' : `✅ Passed: no findings at or above ${result.failOn}` };
}

function header(result: ScanResult): string {
  const { summary } = result;
  const outcome = verdict(result);
  const reasons = result.trusted ? '' : `\n<ul class="reasons">${result.untrustedReasons.map((reason) => `<li>${escapeHtml(reason)}</li>`).join('')}</ul>`;
  const counts = DESCENDING.map(
    (severity) => `<li class="count sev-${severity}"><span class="badge sev-${severity}">${severity}</span> <strong>${summary.bySeverity[severity]}</strong></li>`,
  );
  if (summary.suppressed > 0) counts.push(`<li class="count"><span class="badge suppressed-badge">suppressed</span> <strong>${summary.suppressed}</strong></li>`);
  const scope = `Scanned ${plural(summary.resources, 'resource')} in ${plural(summary.files, 'file')} with ${plural(summary.checks, 'check')}; gate fails on ${escapeHtml(result.failOn)}.`;
  return `<header>
<h1>Bulwark report</h1>
<p class="verdict ${outcome.className}">${escapeHtml(outcome.text)}</p>${reasons}
<ul class="counts">${counts.join('')}</ul>
<p class="muted">${scope}</p>
</header>`;
}

function filters(result: ScanResult): string {
  const boxes = DESCENDING.map(
    (severity) => `<label><input type="checkbox" name="severity" value="${severity}" checked> <span class="badge sev-${severity}">${severity}</span></label>`,
  );
  if (result.summary.suppressed > 0) boxes.push('<label><input type="checkbox" name="suppressed" checked> show suppressed</label>');
  return `<form id="filters" class="filters" role="search">
${boxes.join('\n')}
<input type="search" name="q" placeholder="Search resource, check, file, message…" aria-label="Search findings">
<output id="shown" aria-live="polite"></output>
</form>`;
}

function findingRow(finding: Finding, meta: CheckMeta | undefined): string {
  const suppressed = finding.status === 'suppressed' || finding.status === 'excepted';
  const { apiVersion } = finding.resource;
  const location = `${finding.file}:${finding.line}:${finding.column}`;
  const docs = `${DOCS_BASE_URL}${encodeURIComponent(finding.checkId)}.md`;
  // What the search box matches: the visible fields, not the (shared) remediation text.
  const searchText = [finding.checkId, finding.title, resourceLabel(finding.resource), apiVersion, finding.container ?? '', location, finding.path, finding.message, finding.template ?? '']
    .join(' ')
    .toLowerCase();
  const resource = [`${escapeHtml(resourceLabel(finding.resource))} <span class="muted">${escapeHtml(apiVersion)}</span>`];
  if (finding.container !== undefined) resource.push(`container <code>${escapeHtml(finding.container)}</code>`);
  if (finding.template !== undefined) resource.push(`template <code>${escapeHtml(finding.template)}</code>`);
  const details = [`<p class="message">${escapeHtml(finding.message)}</p>`, `<p class="muted">path <code>${escapeHtml(finding.path)}</code></p>`];
  if (finding.status === 'suppressed') details.push(`<p class="muted">suppressed by the ${escapeHtml(finding.suppressedBy ?? 'baseline')}</p>`);
  if (finding.status === 'excepted') details.push(`<p class="muted">excepted by policy exception ${escapeHtml(finding.exception ?? '')}</p>`);
  if (meta !== undefined) {
    const references = meta.references.map((reference) => `<li><a href="${escapeHtml(reference)}" rel="noreferrer">${escapeHtml(reference)}</a></li>`).join('');
    details.push(`<details><summary>How to fix</summary><p>${prose(meta.remediation)}</p>${references ? `<ul>${references}</ul>` : ''}</details>`);
  }
  return `<tr class="finding${suppressed ? ' suppressed' : ''}" data-severity="${finding.severity}" data-status="${finding.status}" data-fingerprint="${escapeHtml(finding.fingerprint)}" data-text="${escapeHtml(searchText)}">
<td><span class="badge sev-${finding.severity}">${finding.severity}</span></td>
<td class="location"><code>${escapeHtml(location)}</code></td>
<td>${meta?.custom === true ? escapeHtml(finding.title) : `<a href="${escapeHtml(docs)}" rel="noreferrer">${escapeHtml(finding.title)}</a>`}<br><code class="muted">${escapeHtml(finding.checkId)}</code></td>
<td>${resource.join('<br>')}</td>
<td>${details.join('\n')}</td>
</tr>`;
}

/** Findings grouped by file (files in order), most severe first within a file, then by position. */
function findingsSection(result: ScanResult): string {
  if (result.findings.length === 0) return '<section id="findings">\n<h2>Findings</h2>\n<p>No findings.</p>\n</section>';
  const metas = new Map(result.checks.map((check) => [check.id, check.meta]));
  const byFile = new Map<string, Finding[]>();
  for (const finding of result.findings) {
    const list = byFile.get(finding.file);
    if (list) list.push(finding);
    else byFile.set(finding.file, [finding]);
  }
  const files = [...byFile.keys()].sort((a, b) => a.localeCompare(b));
  const groups = files.map((file) => {
    const findings = (byFile.get(file) ?? []).sort(
      (a, b) => severityRank(b.severity) - severityRank(a.severity) || a.line - b.line || a.column - b.column || a.checkId.localeCompare(b.checkId),
    );
    return `<section class="file">
<h3><code>${escapeHtml(file)}</code> <span class="muted">${plural(findings.length, 'finding')}</span></h3>
<table>
<thead><tr><th>Severity</th><th>Location</th><th>Check</th><th>Resource</th><th>Finding</th></tr></thead>
<tbody>
${findings.map((finding) => findingRow(finding, metas.get(finding.checkId))).join('\n')}
</tbody>
</table>
</section>`;
  });
  return `<section id="findings">
<h2>Findings</h2>
${filters(result)}
${groups.join('\n')}
<p id="no-match" hidden>No finding matches the filter.</p>
</section>`;
}

function diagnosticRow(diagnostic: Diagnostic): string {
  const where = diagnostic.file === '' ? '' : [diagnostic.file, diagnostic.line, diagnostic.column].filter((part) => part !== undefined).join(':');
  return `<tr><td><span class="badge level-${diagnostic.severity}">${diagnostic.severity}</span></td><td><code>${escapeHtml(diagnostic.code)}</code></td><td><code>${escapeHtml(where)}</code></td><td>${escapeHtml(diagnostic.message)}</td></tr>`;
}

function diagnosticsSection(result: ScanResult): string {
  if (result.diagnostics.length === 0) return '';
  return `<section id="diagnostics">
<h2>Input problems</h2>
<table>
<thead><tr><th>Level</th><th>Code</th><th>Location</th><th>Message</th></tr></thead>
<tbody>
${result.diagnostics.map(diagnosticRow).join('\n')}
</tbody>
</table>
</section>`;
}

const STYLE = `
:root { color-scheme: light dark; --fg: #1f2328; --bg: #fff; --muted: #656d76; --line: #d0d7de; --panel: #f6f8fa; }
@media (prefers-color-scheme: dark) { :root { --fg: #e6edf3; --bg: #0d1117; --muted: #8d96a0; --line: #30363d; --panel: #161b22; } }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 90rem; padding: 1.5rem; font: 14px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg); background: var(--bg); }
[hidden] { display: none !important; }
h1 { margin: 0 0 .5rem; font-size: 1.6rem; }
h3 { margin: 1.5rem 0 .5rem; font-size: 1rem; }
code { font: 12px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; overflow-wrap: anywhere; }
a { color: #0969da; }
.muted { color: var(--muted); }
.verdict { font-size: 1.25rem; font-weight: 600; padding: .5rem .75rem; border-radius: 6px; border: 1px solid var(--line); }
.verdict.pass { border-color: #1a7f37; }
.verdict.fail { border-color: #cf222e; }
.verdict.untrusted { border-color: #bf8700; }
.counts { display: flex; flex-wrap: wrap; gap: 1rem; list-style: none; padding: 0; }
.badge { display: inline-block; min-width: 4.5rem; padding: 0 .4rem; border-radius: 1rem; font-size: 12px; font-weight: 600; text-align: center; color: #fff; background: #6e7781; }
.sev-critical.badge { background: #82071e; }
.sev-high.badge { background: #cf222e; }
.sev-medium.badge { background: #9a6700; }
.sev-low.badge { background: #0969da; }
.sev-info.badge, .suppressed-badge { background: #6e7781; }
.level-error { background: #cf222e; }
.level-warning { background: #9a6700; }
.filters { display: flex; flex-wrap: wrap; align-items: center; gap: .75rem; padding: .75rem; background: var(--panel); border: 1px solid var(--line); border-radius: 6px; position: sticky; top: 0; }
.filters input[type=search] { flex: 1 1 16rem; padding: .3rem .5rem; font: inherit; color: inherit; background: var(--bg); border: 1px solid var(--line); border-radius: 6px; }
table { width: 100%; border-collapse: collapse; }
th, td { text-align: left; vertical-align: top; padding: .4rem .5rem; border-bottom: 1px solid var(--line); }
th { background: var(--panel); }
td.location { white-space: nowrap; }
.message { margin: 0 0 .25rem; font-weight: 500; }
td p { margin: 0 0 .25rem; }
tr.suppressed { opacity: .55; }
tr.suppressed .message { text-decoration: line-through; }
details summary { cursor: pointer; color: var(--muted); }
footer { margin-top: 2rem; }
`;

/** Filters rows by severity, suppression and search terms; hides files left without rows. */
const SCRIPT = `
(function () {
  var form = document.getElementById('filters');
  if (!form) return;
  var rows = Array.prototype.slice.call(document.querySelectorAll('tr.finding'));
  var files = Array.prototype.slice.call(document.querySelectorAll('section.file'));
  var shown = document.getElementById('shown');
  var noMatch = document.getElementById('no-match');
  function apply() {
    var severities = {};
    Array.prototype.forEach.call(form.querySelectorAll('input[name=severity]'), function (box) { severities[box.value] = box.checked; });
    var suppressed = form.elements.namedItem('suppressed');
    var showSuppressed = !suppressed || suppressed.checked;
    var terms = form.elements.namedItem('q').value.toLowerCase().split(/\\s+/).filter(Boolean);
    var count = 0;
    rows.forEach(function (row) {
      var text = row.getAttribute('data-text') || '';
      var visible = severities[row.getAttribute('data-severity')] === true &&
        (showSuppressed || row.getAttribute('data-status') !== 'suppressed') &&
        terms.every(function (term) { return text.indexOf(term) !== -1; });
      row.hidden = !visible;
      if (visible) count++;
    });
    files.forEach(function (file) { file.hidden = !file.querySelector('tr.finding:not([hidden])'); });
    shown.textContent = count + ' of ' + rows.length + ' findings shown';
    noMatch.hidden = count > 0;
  }
  form.addEventListener('input', apply);
  form.addEventListener('change', apply);
  form.addEventListener('submit', function (event) { event.preventDefault(); });
  apply();
})();
`;

export const renderHtml: Reporter = (result) => {
  const outcome = verdict(result);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<meta name="generator" content="${escapeHtml(`${result.tool.name} ${result.tool.version}`)}">
<title>Bulwark report: ${escapeHtml(outcome.text)}</title>
<style>${STYLE}</style>
</head>
<body>
${header(result)}
<main>
${findingsSection(result)}
${diagnosticsSection(result)}
</main>
<footer class="muted">Generated by ${escapeHtml(result.tool.name)} ${escapeHtml(result.tool.version)}.</footer>
<script>${SCRIPT}</script>
</body>
</html>
`;
};
