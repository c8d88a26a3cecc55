import { escapeHtml } from '../report/html.js';
import { describeLocation, bindingLocation } from './locations.js';
import { entryGrants, type AccessMatrix, type MatrixEntry } from './matrix.js';
import { describeBinding, describeRole } from './model.js';
import { matrixResourceText } from './render-text.js';

const CSV_FIXED = ['subject_kind', 'subject_namespace', 'subject_name', 'scope', 'api_group', 'resource', 'resource_names'];

function csvCell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function mark(entry: MatrixEntry, verb: string): string {
  const granted = entryGrants(entry, verb);
  return granted === 'yes' ? 'x' : granted === 'wildcard' ? '*' : '';
}

/** Where an entry's access comes from: `ClusterRoleBinding "x" → ClusterRole "y" (file:line)`, without repeats. */
function sources(entry: MatrixEntry): string[] {
  return [...new Set(entry.grants.map((grant) => `${describeBinding(grant.binding)} → ${describeRole(grant.role)} (${describeLocation(bindingLocation(grant.binding))})`))];
}

function subjectCells(entry: MatrixEntry): [string, string, string] {
  return [entry.subject.kind, entry.subject.kind === 'ServiceAccount' ? entry.subject.namespace : '', entry.subject.name];
}

/**
 * `bulwark rbac matrix --format csv`: one row per subject, scope and resource; one column per
 * verb, `x` where the verb is granted by name and `*` where only a wildcard verb grants it
 * (RFC 4180 quoting).
 */
export function renderMatrixCsv(matrix: AccessMatrix): string {
  const verbColumns = matrix.verbs.filter((verb) => verb !== '*');
  const header = [...CSV_FIXED, ...verbColumns.map((verb) => `verb_${verb}`), 'all_verbs', 'granted_by'];
  const rows = [header.join(',')];
  for (const entry of matrix.entries) {
    const cells = [
      ...subjectCells(entry),
      entry.namespace ?? 'cluster-wide',
      entry.nonResource ? '(url)' : entry.apiGroup,
      entry.resource,
      entry.resourceNames.join(' '),
      ...verbColumns.map((verb) => mark(entry, verb)),
      entry.verbs.includes('*') ? 'x' : '',
      sources(entry).join('; '),
    ];
    rows.push(cells.map(csvCell).join(','));
  }
  return `${rows.join('\r\n')}\r\n`;
}

// Sorting and filtering without any library: click a header to sort (again to reverse), type
// words to keep the rows that contain all of them.
const SCRIPT = `(() => {
  const table = document.getElementById('matrix');
  const body = table.tBodies[0];
  const rows = Array.from(body.rows);
  const filter = document.getElementById('filter');
  const count = document.getElementById('count');
  const apply = () => {
    const words = filter.value.toLowerCase().split(/\\s+/).filter(Boolean);
    let shown = 0;
    for (const row of rows) {
      const text = row.textContent.toLowerCase();
      const visible = words.every((word) => text.includes(word));
      row.hidden = !visible;
      if (visible) shown++;
    }
    count.textContent = shown + ' of ' + rows.length + ' rows';
  };
  filter.addEventListener('input', apply);
  table.tHead.querySelectorAll('th').forEach((th, column) => {
    th.tabIndex = 0;
    const sort = () => {
      const ascending = th.getAttribute('aria-sort') !== 'ascending';
      table.tHead.querySelectorAll('th').forEach((other) => other.removeAttribute('aria-sort'));
      th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
      const key = (row) => row.cells[column].dataset.sort ?? row.cells[column].textContent;
      rows.sort((a, b) => (ascending ? 1 : -1) * key(a).localeCompare(key(b), undefined, { numeric: true }));
      for (const row of rows) body.appendChild(row);
    };
    th.addEventListener('click', sort);
    th.addEventListener('keydown', (event) => { if (event.key === 'Enter' || event.key === ' ') { event.preventDefault(); sort(); } });
  });
  apply();
})();`;

const STYLE = `body { font: 14px/1.4 system-ui, sans-serif; margin: 1.5rem; color: #1b1f24; }
h1 { font-size: 1.3rem; margin: 0 0 .5rem; }
.controls { display: flex; gap: 1rem; align-items: center; margin: .75rem 0; }
#filter { padding: .35rem .5rem; width: 24rem; max-width: 100%; }
table { border-collapse: collapse; }
th, td { border: 1px solid #d0d7de; padding: .25rem .45rem; text-align: left; vertical-align: top; white-space: nowrap; }
th { background: #f6f8fa; cursor: pointer; position: sticky; top: 0; white-space: nowrap; }
th[aria-sort=ascending]::after { content: ' ▲'; }
th[aria-sort=descending]::after { content: ' ▼'; }
td.verb { text-align: center; font-weight: 600; }
.yes { background: #dafbe1; }
.wildcard { background: #fff8c5; }
td.sources { color: #57606a; font-size: 12px; }
tr:hover td { outline: 1px solid #afb8c1; }
.legend span { padding: 0 .4rem; margin-right: .5rem; }`;

/**
 * `bulwark rbac matrix --format html`: one self-contained page (no script or style from
 * elsewhere) with the matrix as a table that sorts by any column and filters by typed words.
 */
export function renderMatrixHtml(matrix: AccessMatrix): string {
  const verbColumns = matrix.verbs;
  const head = ['Subject kind', 'Subject', 'Scope', 'Resource', ...verbColumns, 'Granted by'].map((label) => `<th scope="col">${escapeHtml(label)}</th>`).join('');
  const rows = matrix.entries.map((entry) => {
    const [kind, namespace, name] = subjectCells(entry);
    const subject = namespace === '' ? name : `${namespace}/${name}`;
    const verbCells = verbColumns.map((verb) => {
      const granted = verb === '*' ? (entry.verbs.includes('*') ? 'yes' : 'no') : entryGrants(entry, verb);
      const text = granted === 'yes' ? '✓' : granted === 'wildcard' ? '*' : '';
      return `<td class="verb ${granted}" data-sort="${granted === 'no' ? 'b' : 'a'}">${text}</td>`;
    });
    const cells = [
      `<td>${escapeHtml(kind)}</td>`,
      `<td>${escapeHtml(subject)}</td>`,
      `<td>${escapeHtml(entry.namespace ?? 'cluster-wide')}</td>`,
      `<td>${escapeHtml(matrixResourceText(entry))}</td>`,
      ...verbCells,
      `<td class="sources">${sources(entry).map(escapeHtml).join('<br>')}</td>`,
    ];
    return `<tr>${cells.join('')}</tr>`;
  });
  const title = `RBAC access matrix${matrix.namespace === undefined ? '' : ` for namespace ${matrix.namespace}`}`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
${STYLE}
</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
<p>Subjects the bindings name × resources their rules name × verbs. Groups are shown as groups; a ServiceAccount also holds what its groups (<code>system:serviceaccounts</code>, <code>system:serviceaccounts:&lt;namespace&gt;</code>, <code>system:authenticated</code>) hold.</p>
<p class="legend"><span class="yes">✓ granted by name</span><span class="wildcard">* granted through a <code>*</code> verb</span> A <code>*</code> resource or API group covers every one, so filter for <code>*</code> too when looking for a resource.</p>
<div class="controls"><label>Filter <input id="filter" type="search" placeholder="words, e.g. secrets kube-system" autocomplete="off"></label><span id="count">${matrix.entries.length} rows</span></div>
<table id="matrix">
<thead><tr>${head}</tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>
<script>
${SCRIPT}
</script>
</body>
</html>
`;
}
