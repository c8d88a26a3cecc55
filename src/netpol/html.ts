import { appendTo } from '../model/lists.js';
import { escapeHtml } from '../report/html.js';
import { compareText, peerName, type ConnectionList, type Peer } from './analysis.js';

/**
 * A self-contained HTML page: the connectivity graph as inline SVG (namespaces as boxes with
 * their workloads, external peers in a column of their own) and the list of connections as a
 * table. A small inline script highlights a node's connections when clicked and filters by
 * name; without script the page still shows the graph (with tooltips) and the table.
 */

interface GraphNode {
  id: string;
  label: string;
  group: string;
  kind: 'workload' | 'external';
  x: number;
  y: number;
}

const NODE_WIDTH = 210;
const MAX_STATIC_EDGES = 3000;
const ROW = 26;
const BOX_WIDTH = 250;
const BOX_GAP = 40;
const HEADER = 30;

function shorten(text: string, length = 28): string {
  return text.length <= length ? text : `${text.slice(0, length - 1)}…`;
}

/** Places external peers in the first column and namespaces as boxes in a grid of columns. */
function layout(list: ConnectionList): { nodes: GraphNode[]; boxes: { name: string; x: number; y: number; height: number }[]; width: number; height: number } {
  const peers = new Map<string, Peer>();
  for (const connection of list.connections) {
    peers.set(peerName(connection.source), connection.source);
    peers.set(peerName(connection.destination), connection.destination);
  }
  for (const workload of list.workloads) peers.set(peerName({ kind: 'workload', workload }), { kind: 'workload', workload });
  const external: string[] = [];
  const byNamespace = new Map<string, Peer[]>();
  for (const [id, peer] of [...peers].sort(([a], [b]) => compareText(a, b))) {
    if (peer.kind !== 'workload') external.push(id);
    else appendTo(byNamespace, peer.workload.namespace, peer);
  }
  const nodes: GraphNode[] = [];
  const boxes: { name: string; x: number; y: number; height: number }[] = [];
  let x = BOX_GAP;
  if (external.length > 0) {
    boxes.push({ name: 'outside the cluster', x, y: BOX_GAP, height: HEADER + external.length * ROW });
    // The box says these are outside the cluster; the label can do without the suffix.
    external.forEach((id, i) => nodes.push({ id, label: id.replace(/\[External\]$/, ''), group: '', kind: 'external', x: x + 20, y: BOX_GAP + HEADER + i * ROW + ROW / 2 }));
    x += BOX_WIDTH + BOX_GAP;
  }
  const namespaces = [...byNamespace.keys()].sort();
  const columns = Math.max(1, Math.ceil(Math.sqrt(namespaces.length)));
  const columnHeights = new Array<number>(columns).fill(BOX_GAP);
  for (const namespace of namespaces) {
    // Each box goes to the shortest column, which keeps the page roughly square.
    const column = columnHeights.indexOf(Math.min(...columnHeights));
    const members = byNamespace.get(namespace) as Peer[];
    const boxX = x + column * (BOX_WIDTH + BOX_GAP);
    const boxY = columnHeights[column] as number;
    const height = HEADER + members.length * ROW;
    boxes.push({ name: namespace, x: boxX, y: boxY, height });
    members.forEach((peer, i) => {
      if (peer.kind !== 'workload') return;
      nodes.push({ id: peerName(peer), label: `${peer.workload.name} [${peer.workload.kind}]`, group: namespace, kind: 'workload', x: boxX + 20, y: boxY + HEADER + i * ROW + ROW / 2 });
    });
    columnHeights[column] = boxY + height + BOX_GAP;
  }
  const width = x + columns * (BOX_WIDTH + BOX_GAP);
  const height = Math.max(BOX_GAP + HEADER + external.length * ROW + BOX_GAP, ...columnHeights);
  return { nodes, boxes, width, height };
}

const STYLE = `
body{font:14px/1.4 system-ui,-apple-system,Segoe UI,sans-serif;margin:0;color:#1f2328;background:#f6f8fa}
header{padding:16px 24px;background:#fff;border-bottom:1px solid #d0d7de}
h1{font-size:20px;margin:0 0 4px}
.summary{color:#57606a}
main{display:flex;gap:16px;padding:16px 24px;align-items:flex-start}
#graph{flex:1;overflow:auto;background:#fff;border:1px solid #d0d7de;border-radius:6px;max-height:80vh}
aside{width:340px;background:#fff;border:1px solid #d0d7de;border-radius:6px;padding:12px;position:sticky;top:16px;max-height:80vh;overflow:auto}
aside h2{font-size:15px;margin:0 0 8px;word-break:break-all}
aside ul{padding-left:18px;margin:4px 0 12px}
input[type=search]{width:100%;box-sizing:border-box;padding:6px 8px;border:1px solid #d0d7de;border-radius:6px;margin-bottom:10px}
.box rect{fill:#f6f8fa;stroke:#8c959f;rx:8}
.box.outside rect{fill:#fff8f0;stroke:#d4a72c}
.box text{font-weight:600;fill:#57606a;font-size:12px}
.node{cursor:pointer}
.node rect{fill:#fff;stroke:#0969da;rx:10}
.node circle{fill:#0969da}
.node.external rect{stroke:#cf222e}
.node.external circle{fill:#cf222e}
.node text{font-size:12px}
.edge{fill:none;stroke:#bf8700;stroke-opacity:.55;stroke-width:1.3;marker-end:url(#arrow)}
.edge.partial{stroke:#1a7f37;stroke-dasharray:4 3}
.dim{opacity:.12}
.hit rect{stroke-width:2.5;fill:#ddf4ff}
.hit text{font-weight:700}
.edge.hot{stroke-opacity:1;stroke-width:2.2}
section{padding:0 24px 24px}
table{border-collapse:collapse;width:100%;background:#fff;font-size:13px}
th,td{border:1px solid #d0d7de;padding:4px 8px;text-align:left;vertical-align:top}
th{background:#f6f8fa}
td.conn{font-family:ui-monospace,SFMono-Regular,Menlo,monospace}
.legend span{margin-right:14px}
.swatch{display:inline-block;width:18px;height:0;border-top:2px solid #bf8700;vertical-align:middle;margin-right:4px}
.swatch.partial{border-top:2px dashed #1a7f37}
`;

// The page's whole behaviour: highlight a node's edges, list its connections, filter by text.
const SCRIPT = `
(function(){
var data=JSON.parse(document.getElementById('connectivity-data').textContent);
var svg=document.getElementById('graph-svg');
var panel=document.getElementById('details');
var nodes=svg.querySelectorAll('.node'),edges=svg.querySelectorAll('.edge');
function esc(t){return t.replace(/[&<>"]/g,function(c){return{'&':'&amp;','<':'&lt;','>':'&gt;','"':'&quot;'}[c];});}
function clear(){nodes.forEach(function(n){n.classList.remove('dim','hit');});edges.forEach(function(e){e.classList.remove('dim','hot');});}
var layer=svg.querySelector('#dynamic-edges');
function select(id){
  clear();
  if(layer){layer.innerHTML='';data.forEach(function(c){if(c.d&&(c.src===id||c.dst===id)){var p=document.createElementNS('http://www.w3.org/2000/svg','path');p.setAttribute('class','edge hot'+(c.conn==='All Connections'?'':' partial'));p.setAttribute('d',c.d);p.dataset.s=c.src;p.dataset.d=c.dst;layer.appendChild(p);}});edges=svg.querySelectorAll('.edge');}
  var related={};related[id]=true;
  edges.forEach(function(e){var s=e.dataset.s,d=e.dataset.d;if(s===id||d===id){e.classList.add('hot');related[s]=related[d]=true;}else e.classList.add('dim');});
  nodes.forEach(function(n){if(!related[n.dataset.id])n.classList.add('dim');else if(n.dataset.id===id)n.classList.add('hit');});
  var out=data.filter(function(c){return c.src===id;}),inn=data.filter(function(c){return c.dst===id;});
  function items(list,key){return list.length?'<ul>'+list.map(function(c){return '<li>'+esc(c[key])+': <code>'+esc(c.conn)+'</code></li>';}).join('')+'</ul>':'<p>none</p>';}
  panel.innerHTML='<h2>'+esc(id)+'</h2><strong>May connect to</strong>'+items(out,'dst')+'<strong>May be reached from</strong>'+items(inn,'src');
}
nodes.forEach(function(n){n.addEventListener('click',function(ev){ev.stopPropagation();select(n.dataset.id);});});
svg.addEventListener('click',function(){clear();panel.innerHTML=panel.dataset.empty;});
document.getElementById('filter').addEventListener('input',function(ev){
  var q=ev.target.value.toLowerCase();clear();
  if(q){nodes.forEach(function(n){if(n.dataset.id.toLowerCase().indexOf(q)<0)n.classList.add('dim');else n.classList.add('hit');});
    edges.forEach(function(e){if(e.dataset.s.toLowerCase().indexOf(q)<0&&e.dataset.d.toLowerCase().indexOf(q)<0)e.classList.add('dim');});}
  document.querySelectorAll('#connections tbody tr').forEach(function(r){r.style.display=!q||r.textContent.toLowerCase().indexOf(q)>=0?'':'none';});
});
})();
`;

/** The connectivity report as a standalone HTML page. */
export function renderConnectivityHtml(list: ConnectionList, title = 'Network reachability'): string {
  const { nodes, boxes, width, height } = layout(list);
  const position = new Map(nodes.map((node) => [node.id, node]));
  const rows = list.connections.map((connection) => ({ src: peerName(connection.source), dst: peerName(connection.destination), conn: connection.connections.toString(), all: connection.connections.isAll() }));
  const pairs = new Set(rows.map((row) => `${row.src}\u0000${row.dst}`));
  const svg: string[] = [];
  svg.push(`<svg id="graph-svg" xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="connectivity graph">`);
  svg.push('<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0L10,5L0,10z" fill="#8c959f"/></marker></defs>');
  for (const box of boxes) {
    svg.push(`<g class="box${box.name === 'outside the cluster' ? ' outside' : ''}"><rect x="${box.x}" y="${box.y}" width="${BOX_WIDTH}" height="${box.height}"/><text x="${box.x + 10}" y="${box.y + 19}">${escapeHtml(box.name)}</text></g>`);
  }
  // Beyond this many edges a browser struggles: they are then drawn only for the selected node.
  const drawAll = rows.length <= MAX_STATIC_EDGES;
  const paths: string[] = [];
  for (const row of rows) {
    const from = position.get(row.src);
    const to = position.get(row.dst);
    if (from === undefined || to === undefined) {
      paths.push('');
      continue;
    }
    const reverse = pairs.has(`${row.dst}\u0000${row.src}`) && row.src > row.dst;
    let path: string;
    if (Math.abs(from.x - to.x) < 1) {
      // Same column: leave and enter on the left, bulging outside the box; the reverse edge bulges further.
      const bulge = 18 + Math.abs(to.y - from.y) * 0.12 + (reverse ? 10 : 0);
      path = `M${from.x},${from.y} C${from.x - bulge},${from.y} ${to.x - bulge},${to.y} ${to.x - 2},${to.y}`;
    } else {
      const rightward = to.x > from.x;
      const [sx, ex] = rightward ? [from.x + NODE_WIDTH, to.x - 2] : [from.x, to.x + NODE_WIDTH + 2];
      const offset = reverse ? 6 : 0;
      const middle = (sx + ex) / 2;
      path = `M${sx},${from.y + offset} C${middle},${from.y + offset} ${middle},${to.y + offset} ${ex},${to.y + offset}`;
    }
    paths.push(path);
    if (drawAll) svg.push(`<path class="edge${row.all ? '' : ' partial'}" data-s="${escapeHtml(row.src)}" data-d="${escapeHtml(row.dst)}" d="${path}"><title>${escapeHtml(`${row.src} → ${row.dst}: ${row.conn}`)}</title></path>`);
  }
  if (!drawAll) svg.push('<g id="dynamic-edges"></g>');
  for (const node of nodes) {
    svg.push(
      `<g class="node${node.kind === 'external' ? ' external' : ''}" data-id="${escapeHtml(node.id)}"><title>${escapeHtml(node.id)}</title><rect x="${node.x}" y="${node.y - 10}" width="${NODE_WIDTH}" height="20"/><circle cx="${node.x + 10}" cy="${node.y}" r="4"/><text x="${node.x + 20}" y="${node.y + 4}">${escapeHtml(shorten(node.label))}</text></g>`,
    );
  }
  svg.push('</svg>');
  const namespaceCount = boxes.filter((box) => box.name !== 'outside the cluster').length;
  const empty = 'Click a workload or an external peer to see what it may connect to and what may reach it. Click the background to clear.';
  const json = JSON.stringify(rows.map(({ src, dst, conn }, i) => (drawAll ? { src, dst, conn } : { src, dst, conn, d: paths[i] }))).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>${escapeHtml(title)}</h1>
<div class="summary">${drawAll ? '' : `<strong>${rows.length} connections are too many to draw at once: click a node to draw its own.</strong> `}${list.workloads.length} workload${list.workloads.length === 1 ? '' : 's'} in ${namespaceCount} namespace${namespaceCount === 1 ? '' : 's'}, ${rows.length} allowed connection${rows.length === 1 ? '' : 's'}.</div>
<div class="legend"><span><span class="swatch"></span>all protocols and ports</span><span><span class="swatch partial"></span>some ports only</span><span>● blue: workload</span><span style="color:#cf222e">● red: outside the cluster</span></div>
</header>
<main>
<div id="graph">${svg.join('\n')}</div>
<aside><input id="filter" type="search" placeholder="Filter by name…" aria-label="filter"><div id="details" data-empty="${escapeHtml(empty)}">${escapeHtml(empty)}</div></aside>
</main>
<section>
<table id="connections"><thead><tr><th>source</th><th>destination</th><th>connections</th></tr></thead><tbody>
${rows.map((row) => `<tr><td>${escapeHtml(row.src)}</td><td>${escapeHtml(row.dst)}</td><td class="conn">${escapeHtml(row.conn)}</td></tr>`).join('\n')}
</tbody></table>
</section>
<script type="application/json" id="connectivity-data">${json}</script>
<script>${SCRIPT}</script>
</body>
</html>
`;
}
