import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseSource, splitDocuments } from '../../src/loader/parse.js';
import { DEFAULT_LIMITS } from '../../src/loader/types.js';
import { extractResources } from '../../src/model/resource.js';
import { scan } from '../../src/scan.js';

const pod = (name: string, extra = '') => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\nspec:\n  containers:\n  - name: app\n    image: nginx:1.27${extra}\n`;

describe('loader: documents', () => {
  it('splits a stream on --- and ... and keeps start lines', () => {
    const chunks = splitDocuments('# head\n---\na: 1\n---\nb: 2\n...\nc: 3\n--- # x\n# only a comment\n');
    assert.deepEqual(
      chunks.map((chunk) => chunk.startLine),
      [2, 4, 7],
    );
  });

  it('reads YAML 1.1 values as Kubernetes does', () => {
    const { documents } = parseSource('v.yaml', 'a: yes\nb: on\nc: off\nd: 0755\ne: "yes"\nf: 2024-01-01\ng: 0x1f\nh: 1.5\ni: ~\n', DEFAULT_LIMITS);
    assert.deepEqual(documents[0]?.value, { a: true, b: true, c: false, d: 493, e: 'yes', f: '2024-01-01', g: 31, h: 1.5, i: null });
  });

  it('resolves plain scalars by the 1.1 rules and explicit tags by the same rules', () => {
    const text = [
      'nul: null', 'tilde: ~', 'Nul: NULL', 'word: nginx', 'en: n', 'nope: nope', 'neg: -12', 'plus: +7', 'und: 1_000', 'hex: 0x_1F', 'bin: 0b101', 'oct: 0o17',
      'zero: 0', 'float: 1.5e3', 'dot: .5', 'inf: -.inf', 'nan: .NaN', 'ver: 1.2.3', 'dash: a-', 'date: 2024-01-01', 'ip: 10.0.0.1', 'colon: a:b',
      'tagint: !!int "0755"', 'tagbool: !!bool "yes"', 'tagfloat: !!float "1"', 'tagnull: !!null ~', 'tagstr: !!str 0755', 'quoted: "0755"',
      '<<: {merged: true}',
    ].join('\n');
    const value = parseSource('p.yaml', `${text}\n`, DEFAULT_LIMITS).documents[0]?.value as Record<string, unknown>;
    assert.deepEqual(value, {
      nul: null, tilde: null, Nul: null, word: 'nginx', en: false, nope: 'nope', neg: -12, plus: 7, und: 1000, hex: 31, bin: 5, oct: 15,
      zero: 0, float: 1500, dot: 0.5, inf: -Infinity, nan: Number.NaN, ver: '1.2.3', dash: 'a-', date: '2024-01-01', ip: '10.0.0.1', colon: 'a:b',
      tagint: 493, tagbool: true, tagfloat: 1, tagnull: null, tagstr: '0755', quoted: '0755', merged: true,
    });
  });

  it('reads every YAML 1.1 boolean word, and nothing that only looks like one', () => {
    const words: Array<[string, boolean]> = [
      ...['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON'].map((word): [string, boolean] => [word, true]),
      ...['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF'].map((word): [string, boolean] => [word, false]),
    ];
    for (const [word, expected] of words) {
      assert.deepEqual(parseSource('b.yaml', `v: ${word}\n${word}: k\n`, DEFAULT_LIMITS).documents[0]?.value, { v: expected, [String(expected)]: 'k' }, word);
    }
    for (const text of ['yess', 'yES', 'oN', 'nO', 'tRUE', 'falsey', 'offline', 'yaml', 'Nope', 'o', 't', 'f', 'x']) {
      assert.deepEqual(parseSource('b.yaml', `v: ${text}\n`, DEFAULT_LIMITS).documents[0]?.value, { v: text }, text);
    }
  });

  it('reports a syntax error with file, line and column, and still loads the other documents', () => {
    const text = `${pod('a')}---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: b\n  labels: {x: [}\n---\n${pod('c')}`;
    const { documents, diagnostics } = parseSource('broken.yaml', text, DEFAULT_LIMITS);
    assert.deepEqual(
      documents.map((document) => (document.value as { metadata: { name: string } }).metadata.name),
      ['a', 'c'],
    );
    assert.equal(diagnostics.length, 1);
    assert.equal(diagnostics[0]?.code, 'yaml-syntax');
    assert.equal(diagnostics[0]?.file, 'broken.yaml');
    assert.equal(diagnostics[0]?.line, 14);
    assert.equal(typeof diagnostics[0]?.column, 'number');
  });

  it('reports a duplicate key with its line and name', () => {
    const { documents, diagnostics } = parseSource('dup.yaml', `${pod('a')}---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: b\n  name: c\n`, DEFAULT_LIMITS);
    assert.equal(documents.length, 1);
    assert.equal(diagnostics[0]?.code, 'duplicate-key');
    assert.equal(diagnostics[0]?.line, 14);
    assert.match(diagnostics[0]?.message ?? '', /"name"/);
  });

  it('refuses alias expansion bombs with a clear error', { timeout: 60_000 }, () => {
    const levels = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 12; i++) {
      const previous = String.fromCharCode(96 + i);
      const name = String.fromCharCode(97 + i);
      levels.push(`${name}: &${name} [${Array(10).fill(`*${previous}`).join(',')}]`);
    }
    const { documents, diagnostics } = parseSource('bomb.yaml', `${levels.join('\n')}\n---\n${pod('ok')}`, DEFAULT_LIMITS);
    assert.equal(diagnostics[0]?.code, 'alias-expansion');
    assert.equal(diagnostics[0]?.line, 1);
    assert.equal(documents.length, 1, 'the next document still loads');
  });

  it('accepts ordinary anchors and merge keys', () => {
    const { documents, diagnostics } = parseSource('anchors.yaml', 'base: &b {cpu: 1}\nlimits:\n  <<: *b\n  memory: 1Gi\n', DEFAULT_LIMITS);
    assert.deepEqual(diagnostics, []);
    assert.deepEqual((documents[0]?.value as { limits: unknown }).limits, { cpu: 1, memory: '1Gi' });
  });

  it('survives deep nesting without crashing', () => {
    const flow = parseSource('deep.yaml', `${'['.repeat(200_000)}${']'.repeat(200_000)}\n---\n${pod('after')}`, DEFAULT_LIMITS);
    assert.equal(flow.diagnostics[0]?.code, 'too-deep');
    assert.equal(flow.documents.length, 1);
    let block = '';
    for (let depth = 0; depth < 300; depth++) block += `${' '.repeat(depth)}k${depth}:\n`;
    const blockResult = parseSource('deep-block.yaml', `${block}${' '.repeat(300)}v: 1\n`, DEFAULT_LIMITS);
    assert.equal(blockResult.diagnostics.length, 0);
  });

  it('refuses documents over the size limit, and keeps the rest', () => {
    const big = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\ndata:\n  blob: "${'x'.repeat(5000)}"\n`;
    const { documents, diagnostics } = parseSource('big.yaml', `${big}---\n${pod('small')}`, { ...DEFAULT_LIMITS, maxDocumentBytes: 1000 });
    assert.equal(diagnostics[0]?.code, 'document-too-large');
    assert.equal(documents.length, 1);
  });

  it('keeps line numbers right with CRLF and a BOM', () => {
    const text = `\ufeff${pod('a').replace(/\n/g, '\r\n')}---\r\napiVersion: v1\r\nkind: Pod\r\nmetadata: {name: [}\r\n`;
    const { documents, diagnostics } = parseSource('crlf.yaml', text, DEFAULT_LIMITS);
    assert.equal(documents.length, 1);
    assert.equal(diagnostics[0]?.line, 12);
  });

  it('reads JSON, including tab indentation', () => {
    const { documents, diagnostics } = parseSource('pod.json', '{\n\t"apiVersion": "v1",\n\t"kind": "Pod",\n\t"metadata": {"name": "j"}\n}\n', DEFAULT_LIMITS);
    assert.deepEqual(diagnostics, []);
    assert.equal((documents[0]?.value as { kind: string }).kind, 'Pod');
  });

  it('keeps the Helm template named by # Source comments', () => {
    const text = `---\n# Source: shop/templates/web.yaml\n${pod('web')}---\n# Source: shop/templates/empty.yaml\n---\n# Source: shop/templates/db.yaml\n${pod('db')}`;
    const { documents } = parseSource('rendered.yaml', text, DEFAULT_LIMITS);
    assert.deepEqual(
      documents.map((document) => document.template),
      ['shop/templates/web.yaml', 'shop/templates/db.yaml'],
    );
  });
});

describe('loader: resources', () => {
  it('expands List kinds, fills default namespaces, leaves cluster-scoped kinds without one', () => {
    const text = `apiVersion: v1\nkind: List\nitems:\n- ${pod('a').trimEnd().replace(/\n/g, '\n  ')}\n- apiVersion: v1\n  kind: Namespace\n  metadata: {name: shop}\n---\napiVersion: v1\nkind: ServiceList\nitems:\n- apiVersion: v1\n  kind: Service\n  metadata: {name: s, namespace: shop}\n`;
    const { documents } = parseSource('list.yaml', text, DEFAULT_LIMITS);
    const { resources } = extractResources(documents, 'team-a');
    assert.deepEqual(
      resources.map((resource) => [resource.kind, resource.namespace, resource.name, resource.basePath.join('.')]),
      [
        ['Pod', 'team-a', 'a', 'items.0'],
        ['Namespace', undefined, 'shop', 'items.1'],
        ['Service', 'shop', 's', 'items.0'],
      ],
    );
  });

  it('skips what is not a Kubernetes object with a note, not a finding', () => {
    const text = 'replicaCount: 2\nimage: {repository: nginx}\n---\napiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [a.yaml]\n---\n- just\n- a list\n';
    const { documents } = parseSource('values.yaml', text, DEFAULT_LIMITS);
    const { resources, diagnostics } = extractResources(documents, 'default');
    assert.equal(resources.length, 0);
    assert.deepEqual(
      diagnostics.map((diagnostic) => [diagnostic.severity, diagnostic.code, diagnostic.line]),
      [
        ['note', 'not-kubernetes', 1],
        ['note', 'not-kubernetes', 4],
        ['note', 'not-kubernetes', 8],
      ],
    );
  });

  it('gives the kind-less items of a typed list (kubectl get pods -o yaml) the list\'s element kind', () => {
    const text = 'apiVersion: v1\nkind: PodList\nitems:\n- metadata: {name: a, namespace: shop}\n  spec: {containers: [{name: c, image: nginx}]}\n- apiVersion: v1\n  kind: Pod\n  metadata: {name: b}\n- plain\n';
    const { documents } = parseSource('pods.yaml', text, DEFAULT_LIMITS);
    const { resources, diagnostics } = extractResources(documents, 'default');
    assert.deepEqual(
      resources.map((resource) => [resource.apiVersion, resource.kind, resource.namespace, resource.name]),
      [
        ['v1', 'Pod', 'shop', 'a'],
        ['v1', 'Pod', 'default', 'b'],
      ],
    );
    assert.deepEqual(diagnostics.map((diagnostic) => diagnostic.code), ['not-kubernetes']);
  });
});

describe('scan: trust', () => {
  it('is untrusted (exit 3) when nothing was evaluated, and never exit 0', async () => {
    const result = await scan({ sources: [{ file: 'values.yaml', text: 'replicaCount: 2\n' }] });
    assert.equal(result.trusted, false);
    assert.equal(result.exitCode, 3);
  });

  it('is untrusted when a document did not parse, yet reports the findings from the rest', async () => {
    const result = await scan({ sources: [{ file: 'a.yaml', text: `${pod('a', '\n    securityContext: {privileged: true}')}---\nkind: [\n` }] });
    assert.equal(result.exitCode, 3);
    assert.ok(result.findings.some((finding) => finding.checkId === 'privileged-container'));
  });

  it('reports an unreadable path as an input problem', async () => {
    const result = await scan({ paths: ['/nonexistent/bulwark-test'] });
    assert.equal(result.exitCode, 3);
    assert.equal(result.diagnostics[0]?.code, 'unreadable');
  });
});

describe('loader: error positions', () => {
  it('points an unclosed flow collection at its opening bracket', () => {
    const text = `${pod('a')}---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\ndata:\n  other: 1\n  list: ["a", "b]", {x: 1}\n`;
    const { diagnostics, documents } = parseSource('unclosed.yaml', text, DEFAULT_LIMITS);
    assert.equal(documents.length, 1);
    assert.deepEqual([diagnostics[0]?.line, diagnostics[0]?.column], [16, 9]);
    assert.match(diagnostics[0]?.message ?? '', /this \[ is never closed/);
  });
});
