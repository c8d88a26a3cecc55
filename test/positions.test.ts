import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { describe, it } from 'node:test';
import { parseSource } from '../src/loader/parse.js';
import { DEFAULT_LIMITS, type LoadedDocument } from '../src/loader/types.js';
import { LineIndex } from '../src/yaml/lines.js';
import { composeDocument, locateInComposed } from '../src/yaml/locate-fallback.js';
import type { Path } from '../src/yaml/path.js';
import { lastReaderOf, locatePath, releasePositions } from '../src/yaml/positions.js';
import { CORPUS, filesUnder, HAS_CORPUS, noteMissingCorpus } from './helpers.js';

/** Every path in a value: each mapping key and sequence item, depth first. */
function allPaths(value: unknown, prefix: Path = [], out: Path[] = []): Path[] {
  if (Array.isArray(value)) {
    value.forEach((item, index) => {
      const path = [...prefix, index];
      out.push(path);
      allPaths(item, path, out);
    });
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const path = [...prefix, key];
      out.push(path);
      allPaths(item, path, out);
    }
  }
  return out;
}

/** Positions from the full YAML parser, the reference the fast readers must agree with. */
const composedCache = new WeakMap<LoadedDocument, { composed: ReturnType<typeof composeDocument>; index: LineIndex }>();

function referencePositions(document: LoadedDocument, path: Path): string[] {
  let cached = composedCache.get(document);
  if (cached === undefined) {
    cached = { composed: composeDocument(document.text), index: new LineIndex(document.text) };
    composedCache.set(document, cached);
  }
  const { composed, index } = cached;
  return locateInComposed(composed, path).map((offset) => {
    const position = index.position(offset);
    return `${document.startLine + position.line - 1}:${position.column}`;
  });
}

function compareDocuments(file: string, text: string): { paths: number; fast: number } {
  const { documents } = parseSource(file, text, DEFAULT_LIMITS);
  let paths = 0;
  let fast = 0;
  let fastReverse = 0;
  for (const document of documents) {
    const all = allPaths(document.value);
    // In document order, then afresh in reverse: what the step cache has read must not depend on
    // the order of the questions (a key asked after its later siblings is found all the same).
    for (const [pass, order] of [all, [...all].reverse()].entries()) {
      releasePositions(document);
      for (const path of order) {
        const expected = referencePositions(document, path);
        if (expected.length !== path.length) continue; // through an alias or merge key: not comparable
        const actual = locatePath(document, path).map((position) => `${position.line}:${position.column}`);
        assert.deepEqual(actual, expected, `${file}: position of ${JSON.stringify(path)}${pass === 1 ? ' (reverse order)' : ''}`);
        const served = lastReaderOf(document) !== 'composed';
        if (pass === 1) {
          if (served) fastReverse++;
          continue;
        }
        paths++;
        if (served) fast++;
      }
    }
  }
  // The order of the questions must not send more of them to the slow parser.
  assert.equal(fastReverse, fast, `${file}: fast readers served ${fast} paths in document order but ${fastReverse} in reverse`);
  return { paths, fast };
}

describe('positions', () => {
  it('agree with the full YAML parser on block, flow, quoted and JSON layouts', () => {
    const text = [
      'apiVersion: v1',
      'kind: Pod',
      'metadata:',
      '  name: "quoted"',
      "  'annotations':",
      '    a.b/c: x   # comment',
      '    "d: e": y',
      'spec:',
      '  containers:',
      '  - name: a',
      '    namespaceHint: prefix of no key',
      '    n: short key, a prefix of name',
      '    image  : spaces-before-colon',
      "    'ports': quoted",
      '    "port": double-quoted, after a key it prefixes',
      '    args:',
      '    - one',
      '    -   two',
      '    -',
      '      - nested',
      '    env: [{name: A, value: "1"}, {name: B}]',
      '  -',
      '    name: b',
      '    command: |',
      '      - not: a key',
      '      echo hi',
      '  volumes:',
      '  - {name: v, emptyDir: {}}',
      '---',
      '{"apiVersion": "v1", "kind": "ConfigMap",',
      ' "metadata": {"name": "j"}, "data": {"k": "v", "list": [1, [2, 3]]}}',
      '--- # comment',
      'apiVersion: v1',
      'kind: List',
      'items:',
      '- apiVersion: v1',
      '  kind: Service',
      '  metadata: {name: svc}',
      '  spec:',
      '    ports:',
      '    - port: 80',
      '      targetPort: http',
    ].join('\n');
    const counts = compareDocuments('layouts.yaml', text);
    assert.ok(counts.paths > 40, `compared ${counts.paths} paths`);
    assert.ok(counts.fast > 0);
  });

  it('keep lines right with CRLF endings and a byte-order mark', () => {
    const text = '\ufeffapiVersion: v1\r\nkind: Pod\r\nmetadata:\r\n  name: x\r\nspec:\r\n  containers:\r\n  - name: a\r\n    image: nginx\r\n';
    const { documents } = parseSource('crlf.yaml', text, DEFAULT_LIMITS);
    const document = documents[0] as LoadedDocument;
    assert.deepEqual(locatePath(document, ['spec', 'containers', 0, 'image']).at(-1), { line: 8, column: 5 });
    assert.deepEqual(locatePath(document, ['apiVersion']).at(-1), { line: 1, column: 1 });
  });

  it('resolve through a same-indent sequence and after block scalars', () => {
    const text = 'a: |\n  x: 1\n  y: 2\nb:\n- c: 1\n  d: 2\n- e: 3\nf: 4\n';
    const { documents } = parseSource('seq.yaml', text, DEFAULT_LIMITS);
    const document = documents[0] as LoadedDocument;
    assert.deepEqual(locatePath(document, ['b', 1, 'e']).at(-1), { line: 7, column: 3 });
    assert.deepEqual(locatePath(document, ['f']).at(-1), { line: 8, column: 1 });
    assert.equal(lastReaderOf(document), 'block');
  });

  it('agree with the full YAML parser on every real-world and netpol manifest', { skip: !HAS_CORPUS && 'corpus not present' }, () => {
    if (!HAS_CORPUS) return noteMissingCorpus('position cross-check');
    let paths = 0;
    let fast = 0;
    const files = [...filesUnder(`${CORPUS}/real-world`, ['.yaml', '.yml', '.json']), ...filesUnder(`${CORPUS}/netpol`, ['.yaml', '.yml', '.json'])];
    for (const file of files) {
      const counts = compareDocuments(relative(CORPUS, file), readFileSync(file, 'utf8'));
      paths += counts.paths;
      fast += counts.fast;
    }
    assert.ok(files.length >= 100, `read ${files.length} files`);
    assert.ok(paths > 20_000, `compared ${paths} paths`);
    process.stderr.write(`positions: ${paths} paths in ${files.length} real-world and netpol files agree with the full parser; fast readers served ${fast}\n`);
    // The fast readers must serve nearly everything, or the scan pays the slow parser's price.
    assert.ok(fast / paths > 0.95, `fast readers served ${fast} of ${paths}`);
  });
});
