import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { CORPUS, HAS_CORPUS, noteMissingCorpus } from '../../test/helpers.js';
import { analyzeReachability, listConnections, type ConnectionList, type FocusOptions } from './analysis.js';
import { loadInputs } from '../loader/load.js';
import { diffConnectivity, renderDiff, type DiffFormat } from './diff.js';
import { renderConnlist, type ConnlistFormat } from './render.js';

/**
 * Conformance with np-guard/netpol-analyzer's connectivity reports (`../shared/corpus/netpol`).
 * Upstream compares outputs after normalising whitespace, so text formats are compared as
 * sets of trimmed lines and JSON as data.
 */

const NETPOL = join(CORPUS, 'netpol');

interface ConnlistCase {
  inputDir: string;
  options: {
    exposureAnalysis?: boolean;
    focusWorkloads?: string[];
    focusWorkloadPeers?: string[];
    focusDirection?: 'ingress' | 'egress';
    focusConn?: string;
    multipleNetworksEnabled?: boolean;
  };
  expected: Partial<Record<ConnlistFormat, string>>;
}

interface DiffCase {
  ref1Dir: string;
  ref2Dir: string;
  options: { multipleNetworksEnabled?: boolean };
  expected: Record<string, string>;
}

interface ErrorCase {
  name?: unknown;
  dirName: string | { _expr: string };
  _testFunc: string;
  multipleNetworksEnabled?: boolean;
}

/** Cases expected to fail, with the reason. None at present; keep the reason next to any entry added. */
const KNOWN_FAILURES: Readonly<Record<string, string>> = {};

const caseName = (entry: ConnlistCase) => `${entry.inputDir.replace(/^tests\//, '')}${Object.keys(entry.options).length > 0 ? ` ${JSON.stringify(entry.options)}` : ''}`;

function lineSet(text: string): string[] {
  return [
    ...new Set(
      text
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => line !== ''),
    ),
  ].sort();
}

const lists = new Map<string, Promise<ConnectionList>>();
function connectionsOf(entry: Pick<ConnlistCase, 'inputDir' | 'options'>): Promise<ConnectionList> {
  const focus: FocusOptions = { ...(entry.options.focusWorkloads ? { workloads: entry.options.focusWorkloads } : {}), ...(entry.options.focusWorkloadPeers ? { peers: entry.options.focusWorkloadPeers } : {}), ...(entry.options.focusDirection ? { direction: entry.options.focusDirection } : {}) };
  const key = `${entry.inputDir}|${JSON.stringify(focus)}`;
  let list = lists.get(key);
  if (list === undefined) {
    list = loadInputs({ paths: [join(NETPOL, entry.inputDir)] }).then((loaded) => listConnections(analyzeReachability(loaded.resources), focus));
    lists.set(key, list);
  }
  return list;
}

describe('np-guard connectivity reports', { skip: !HAS_CORPUS && 'corpus not present' }, () => {
  if (!HAS_CORPUS) {
    noteMissingCorpus('NetworkPolicy connectivity conformance (np-guard)');
    return;
  }
  const all = (JSON.parse(readFileSync(join(NETPOL, 'cases.json'), 'utf8')) as { connlist: ConnlistCase[] }).connlist;
  const plain = all.filter((entry) => !entry.options.exposureAnalysis && !entry.options.focusWorkloads && !entry.options.focusWorkloadPeers && !entry.options.focusDirection && !entry.options.focusConn && !entry.options.multipleNetworksEnabled);
  const focused = all.filter((entry) => !entry.options.exposureAnalysis && !entry.options.multipleNetworksEnabled && entry.options.focusWorkloads !== undefined);
  const exposure = all.filter((entry) => entry.options.exposureAnalysis && !entry.options.multipleNetworksEnabled && entry.expected.txt !== undefined);
  const multiNetwork = all.filter((entry) => entry.options.multipleNetworksEnabled);
  const passed: Record<string, number> = {};
  const count = (group: string) => (passed[group] = (passed[group] ?? 0) + 1);

  for (const [group, entries] of [
    ['plain', plain],
    ['focus', focused],
  ] as const) {
    for (const entry of entries) {
      for (const [format, file] of Object.entries(entry.expected) as [ConnlistFormat, string][]) {
        const name = `${group} ${format}: ${caseName(entry)}`;
        const known = KNOWN_FAILURES[name];
        it(name, { todo: known }, async () => {
          const actual = renderConnlist(await connectionsOf(entry), format);
          const expected = readFileSync(join(NETPOL, file), 'utf8');
          if (format === 'json') assert.deepEqual(JSON.parse(actual), JSON.parse(expected));
          else assert.deepEqual(lineSet(actual), lineSet(expected));
          count(`${group} ${format}`);
        });
      }
    }
  }

  // Exposure analysis reports start with the connectivity list; only that part is produced here.
  for (const entry of exposure) {
    it(`exposure (connections part): ${caseName(entry)}`, async () => {
      const actual = renderConnlist(await connectionsOf(entry), 'txt');
      const expected = (readFileSync(join(NETPOL, entry.expected.txt as string), 'utf8').split('Exposure Analysis Result:')[0] as string).split('\n').filter((line) => line.includes(' => '));
      assert.deepEqual(lineSet(actual), lineSet(expected.join('\n')));
      count('exposure connections');
    });
  }

  // Semantic diff between two directories. Some second directories were not copied into the corpus.
  const diffs = (JSON.parse(readFileSync(join(NETPOL, 'cases.json'), 'utf8')) as { diff: DiffCase[] }).diff.filter((entry) => !entry.options.multipleNetworksEnabled);
  const runnable = diffs.filter((entry) => existsSync(join(NETPOL, entry.ref1Dir)) && existsSync(join(NETPOL, entry.ref2Dir)));
  for (const entry of runnable) {
    for (const [format, file] of Object.entries(entry.expected) as [string, string][]) {
      if (format === 'dot') continue;
      it(`diff ${format}: ${entry.ref1Dir.replace(/^tests\//, '')} → ${entry.ref2Dir.replace(/^tests\//, '')}`, async () => {
        const [before, after] = await Promise.all([connectionsOf({ inputDir: entry.ref1Dir, options: {} }), connectionsOf({ inputDir: entry.ref2Dir, options: {} })]);
        const actual = renderDiff(diffConnectivity(before, after), format as DiffFormat);
        assert.deepEqual(lineSet(actual), lineSet(readFileSync(join(NETPOL, file), 'utf8')));
        count(`diff ${format}`);
      });
    }
  }

  // Inputs np-guard rejects with a fatal error: each must give at least one diagnostic here (the
  // analysis itself goes on, with the faulty part selecting or allowing nothing).
  const errorCases = (JSON.parse(readFileSync(join(NETPOL, 'cases.json'), 'utf8')) as { errorCases: ErrorCase[] }).errorCases
    .filter((entry) => entry._testFunc === 'TestConnlistAnalyzeFatalErrors' && entry.multipleNetworksEnabled !== true && typeof entry.name === 'string')
    .map((entry) => ({ name: entry.name as string, dir: typeof entry.dirName === 'string' ? entry.dirName : (/filepath\.Join\(([^)]*)\)/.exec(entry.dirName._expr)?.[1] ?? '').split(',').map((part) => part.trim().replace(/"/g, '')).join('/') }))
    .filter((entry) => entry.dir !== '' && existsSync(join(NETPOL, 'tests', entry.dir)));
  for (const entry of errorCases) {
    it(`reported: ${entry.name}`, async () => {
      const loaded = await loadInputs({ paths: [join(NETPOL, 'tests', entry.dir)] });
      const analysis = analyzeReachability(loaded.resources);
      listConnections(analysis);
      const reported = [...loaded.diagnostics.filter((diagnostic) => diagnostic.severity !== 'note'), ...analysis.diagnostics];
      assert.ok(reported.length > 0, 'at least one diagnostic');
      count('fatal inputs reported');
    });
  }

  it('pass counts and rates', (t) => {
    const expectedCounts = {
      'plain txt': 44,
      'plain json': 12,
      'plain csv': 13,
      'plain md': 12,
      'plain dot': 13,
      'focus txt': 5,
      'focus json': 3,
      'focus csv': 3,
      'focus md': 3,
      'focus dot': 3,
      'exposure connections': 44,
      'diff txt': 13,
      'diff csv': 7,
      'diff md': 6,
      'fatal inputs reported': 46,
    };
    const totals: Record<string, number> = {};
    for (const [group, entries] of [
      ['plain', plain],
      ['focus', focused],
    ] as const)
      for (const entry of entries) for (const format of Object.keys(entry.expected)) totals[`${group} ${format}`] = (totals[`${group} ${format}`] ?? 0) + 1;
    totals['exposure connections'] = exposure.length;
    totals['fatal inputs reported'] = errorCases.length;
    for (const entry of runnable) for (const format of Object.keys(entry.expected)) if (format !== 'dot') totals[`diff ${format}`] = (totals[`diff ${format}`] ?? 0) + 1;
    for (const [group, total] of Object.entries(totals)) t.diagnostic(`${group}: ${passed[group] ?? 0}/${total} (${(((passed[group] ?? 0) / total) * 100).toFixed(1)}%)`);
    t.diagnostic(`not attempted: ${multiNetwork.length} multi-network cases (MultiNetworkPolicy, UserDefinedNetwork, KubeVirt); exposure sections of ${exposure.length} exposure cases; dot diffs; ${diffs.length - runnable.length} of ${diffs.length} diff cases whose directories the corpus lacks`);
    assert.equal(plain.length, 44);
    assert.deepEqual(passed, expectedCounts);
    assert.deepEqual(totals, expectedCounts, 'every attempted case passes');
  });
});
