import { appendTo } from '../model/lists.js';
import { BulwarkError } from '../errors/index.js';
import { peerName, type Connection, type ConnectionList, type Peer } from './analysis.js';
import { renderConnectivityHtml } from './html.js';

/** Formats of `bulwark netpol list`. */
export const CONNLIST_FORMATS = ['txt', 'json', 'csv', 'md', 'dot', 'html'] as const;
export type ConnlistFormat = (typeof CONNLIST_FORMATS)[number];

export function isConnlistFormat(value: string): value is ConnlistFormat {
  return (CONNLIST_FORMATS as readonly string[]).includes(value);
}

interface Row {
  src: string;
  dst: string;
  conn: string;
}

function rows(list: ConnectionList): Row[] {
  return list.connections.map((connection: Connection) => ({ src: peerName(connection.source), dst: peerName(connection.destination), conn: connection.connections.toString() }));
}

/** One line per connection: `src => dst : connections`. */
export function renderConnlistText(list: ConnectionList): string {
  return rows(list)
    .map((row) => `${row.src} => ${row.dst} : ${row.conn}\n`)
    .join('');
}

/** Go's encoder escapes these characters in JSON strings; doing the same keeps outputs byte-comparable. */
function jsonString(text: string): string {
  return JSON.stringify(text).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** `[{"src", "dst", "conn"}]`, indented by two spaces. */
export function renderConnlistJson(list: ConnectionList): string {
  const entries = rows(list);
  if (entries.length === 0) return '[]';
  const body = entries.map((row) => `  {\n    "src": ${jsonString(row.src)},\n    "dst": ${jsonString(row.dst)},\n    "conn": ${jsonString(row.conn)}\n  }`).join(',\n');
  return `[\n${body}\n]`;
}

/** A CSV field, quoted when it holds a quote, comma or line break, or starts with a space. */
export function csvField(text: string): string {
  return /[",\r\n]/.test(text) || text.startsWith(' ') ? `"${text.replace(/"/g, '""')}"` : text;
}

/** `src,dst,conn` with a header line; fields with commas are quoted. */
export function renderConnlistCsv(list: ConnectionList): string {
  return ['src,dst,conn\n', ...rows(list).map((row) => `${csvField(row.src)},${csvField(row.dst)},${csvField(row.conn)}\n`)].join('');
}

/** A Markdown table with columns src, dst, conn. */
export function renderConnlistMarkdown(list: ConnectionList): string {
  return ['| src | dst | conn |\n', '|-----|-----|------|\n', ...rows(list).map((row) => `| ${row.src} | ${row.dst} | ${row.conn} |\n`)].join('');
}

function dotString(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

function nodeLine(peer: Peer): { namespace: string | undefined; line: string } {
  const id = peerName(peer);
  if (peer.kind === 'workload') {
    const label = `${peer.workload.name}[${peer.workload.kind}]`;
    return { namespace: peer.workload.namespace, line: `\t\t${dotString(id)} [label=${dotString(label)} color="blue" fontcolor="blue"]` };
  }
  const color = peer.kind === 'range' ? 'red2' : 'blue';
  return { namespace: undefined, line: `\t${dotString(id)} [label=${dotString(id)} color=${dotString(color)} fontcolor=${dotString(color)}]` };
}

/**
 * A Graphviz digraph: one subgraph per namespace holding its workloads, external peers on
 * their own, one edge per connection labelled with its connections.
 */
export function renderConnlistDot(list: ConnectionList): string {
  const namespaces = new Map<string, string[]>();
  const outside: string[] = [];
  const seen = new Set<string>();
  const addPeer = (peer: Peer) => {
    const id = peerName(peer);
    if (seen.has(id)) return;
    seen.add(id);
    const { namespace, line } = nodeLine(peer);
    if (namespace === undefined) outside.push(line);
    else appendTo(namespaces, namespace, line);
  };
  const edges: string[] = [];
  for (const row of list.connections) {
    addPeer(row.source);
    addPeer(row.destination);
    const [src, dst] = [peerName(row.source), peerName(row.destination)];
    // Edges drawn against the alphabetical order weigh more, which keeps pairs of opposite edges apart.
    edges.push(`\t${dotString(src)} -> ${dotString(dst)} [label=${dotString(row.connections.toString())} color="gold2" fontcolor="darkgreen" weight=${src <= dst ? '0.5' : '1'}]`);
  }
  for (const workload of list.workloads) addPeer({ kind: 'workload', workload });
  const lines = ['digraph {'];
  for (const namespace of [...namespaces.keys()].sort()) {
    lines.push(`\tsubgraph ${dotString(`cluster_${namespace.replace(/-/g, '_')}[namespace]`)} {`, '\t\tcolor="black"', '\t\tfontcolor="black"');
    lines.push(...(namespaces.get(namespace) as string[]).sort());
    lines.push(`\t\tlabel=${dotString(`${namespace}[namespace]`)}`, '\t}');
  }
  lines.push(...outside.sort(), ...edges.sort(), '}');
  return lines.join('\n');
}

/** Renders a connection list in one of the formats. */
export function renderConnlist(list: ConnectionList, format: ConnlistFormat, title = 'Network reachability'): string {
  switch (format) {
    case 'txt':
      return renderConnlistText(list);
    case 'json':
      return `${renderConnlistJson(list)}\n`;
    case 'csv':
      return renderConnlistCsv(list);
    case 'md':
      return renderConnlistMarkdown(list);
    case 'dot':
      return `${renderConnlistDot(list)}\n`;
    case 'html':
      return renderConnectivityHtml(list, title);
    default:
      throw new BulwarkError('BULWARK_E_UNKNOWN_FORMAT', `unknown format "${String(format)}" for bulwark netpol list`, `Use one of: ${CONNLIST_FORMATS.join(', ')}.`);
  }
}
