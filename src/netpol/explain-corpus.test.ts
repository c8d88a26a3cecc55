import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { CORPUS, HAS_CORPUS, noteMissingCorpus } from '../../test/helpers.js';
import { analyzeReachability, listConnections } from './analysis.js';
import { loadInputs } from '../loader/load.js';
import { renderConnlist } from './render.js';

/**
 * The verdicts of np-guard's explain reports (`../shared/corpus/netpol`, group `explain`): for
 * every pair of peers a report explains, the connections it allows must be the ones Bulwark
 * allows. The wording of the explanations differs by design and is not compared.
 */

const NETPOL = join(CORPUS, 'netpol');
const PROTOCOLS = ['SCTP', 'TCP', 'UDP'] as const;
type Protocol = (typeof PROTOCOLS)[number];

/** Ports per protocol as a canonical string: `TCP:1-79,81-65535;UDP:53`. */
type Verdict = string;

function canonical(ports: Map<Protocol, Array<[number, number]>>): Verdict {
  const parts: string[] = [];
  for (const protocol of PROTOCOLS) {
    const ranges = (ports.get(protocol) ?? []).sort((a, b) => a[0] - b[0]);
    const merged: Array<[number, number]> = [];
    for (const [start, end] of ranges) {
      const last = merged[merged.length - 1];
      if (last !== undefined && start <= last[1] + 1) last[1] = Math.max(last[1], end);
      else merged.push([start, end]);
    }
    if (merged.length > 0) parts.push(`${protocol}:${merged.map(([start, end]) => (start === end ? `${start}` : `${start}-${end}`)).join(',')}`);
  }
  return parts.join(';');
}

function addRanges(ports: Map<Protocol, Array<[number, number]>>, protocol: Protocol, text: string | undefined): void {
  const list = ports.get(protocol) ?? [];
  ports.set(protocol, list);
  if (text === undefined || text === '') {
    list.push([1, 65535]);
    return;
  }
  for (const range of text.split(',')) {
    const [start, end] = range.split('-').map(Number);
    list.push([start as number, end ?? (start as number)]);
  }
}

/** Bulwark's connlist form: `All Connections`, or `SCTP 1-9002,9004-65535,TCP 80,UDP 53`. */
function fromConnlist(text: string): Verdict {
  const ports = new Map<Protocol, Array<[number, number]>>();
  if (text === 'All Connections') {
    for (const protocol of PROTOCOLS) addRanges(ports, protocol, undefined);
    return canonical(ports);
  }
  let current: Protocol | undefined;
  for (const token of text.split(',')) {
    const match = /^(SCTP|TCP|UDP)(?: (.*))?$/.exec(token.trim());
    if (match !== null) {
      current = match[1] as Protocol;
      addRanges(ports, current, match[2]);
    } else if (current !== undefined) addRanges(ports, current, token.trim());
  }
  return canonical(ports);
}

/** np-guard's explain form: `TCP:[8080]`, `TCP, UDP, SCTP`, `TCP:[1-8079,8081-65535], UDP, SCTP`, `All Connections`. */
function fromExplain(text: string, into: Map<Protocol, Array<[number, number]>>): void {
  if (text === 'All Connections') {
    for (const protocol of PROTOCOLS) addRanges(into, protocol, undefined);
    return;
  }
  for (const match of text.matchAll(/(SCTP|TCP|UDP)(?::\[([^\]]*)\])?/g)) addRanges(into, match[1] as Protocol, match[2]);
}

/** The allowed connections of every pair a report explains. */
function explainedVerdicts(report: string): Map<string, Verdict> {
  const verdicts = new Map<string, Verdict>();
  let pair: string | undefined;
  let ports = new Map<Protocol, Array<[number, number]>>();
  const close = () => {
    if (pair !== undefined) verdicts.set(pair, canonical(ports));
  };
  for (const line of report.split('\n')) {
    const header = /^Connections between (.+) => (.+):$/.exec(line);
    if (header !== null) {
      close();
      pair = `${header[1]} => ${header[2]}`;
      ports = new Map();
      continue;
    }
    const allowed = /^\tAllowed (.+?) due to /.exec(line);
    if (allowed !== null && pair !== undefined) fromExplain(allowed[1] as string, ports);
  }
  close();
  return verdicts;
}

describe('np-guard explain reports: verdicts', { skip: !HAS_CORPUS && 'corpus not present' }, () => {
  if (!HAS_CORPUS) {
    noteMissingCorpus('NetworkPolicy explain conformance (np-guard)');
    return;
  }
  const all = (JSON.parse(readFileSync(join(NETPOL, 'cases.json'), 'utf8')) as { explain: Array<{ inputDir: string; options: Record<string, unknown>; expected: { txt: string } }> }).explain;
  // Secondary networks are not analysed; focusConn/explainOnly reports explain one connection only.
  const cases = all.filter((entry) => entry.options.multipleNetworksEnabled !== true && entry.options.focusConn === undefined && entry.options.explainOnly === undefined);
  const results: Array<{ name: string; pairs: number; wrong: string[] }> = [];

  for (const entry of cases) {
    const name = `${entry.inputDir.replace(/^tests\//, '')}${Object.keys(entry.options).length > 1 ? ` ${JSON.stringify(entry.options)}` : ''}`;
    it(name, async () => {
      const loaded = await loadInputs({ paths: [join(NETPOL, entry.inputDir)] });
      const ours = new Map<string, Verdict>();
      for (const line of renderConnlist(listConnections(analyzeReachability(loaded.resources)), 'txt').split('\n')) {
        const match = /^(.+) => (.+) : (.+)$/.exec(line);
        if (match !== null) ours.set(`${match[1]} => ${match[2]}`, fromConnlist(match[3] as string));
      }
      const expected = explainedVerdicts(readFileSync(join(NETPOL, entry.expected.txt), 'utf8'));
      const wrong: string[] = [];
      for (const [pair, verdict] of expected) {
        const [source, destination] = pair.split(' => ');
        // Connection lists leave out a workload's connections to itself.
        if (source === destination) continue;
        const mine = ours.get(pair) ?? '';
        if (mine !== verdict) wrong.push(`${pair}: expected ${verdict || 'nothing'}, got ${mine || 'nothing'}`);
      }
      results.push({ name, pairs: expected.size, wrong });
    });
  }

  it('agrees on the verdict of every explained pair', () => {
    const passed = results.filter((result) => result.wrong.length === 0);
    const pairs = results.reduce((sum, result) => sum + result.pairs, 0);
    const wrongPairs = results.reduce((sum, result) => sum + result.wrong.length, 0);
    process.stdout.write(`# np-guard explain verdicts: ${passed.length}/${results.length} reports, ${pairs - wrongPairs}/${pairs} pairs (${all.length - cases.length} of ${all.length} reports use options not supported: secondary networks, one-connection focus)\n`);
    for (const result of results) if (result.wrong.length > 0) process.stdout.write(`#   ${result.name}: ${result.wrong.slice(0, 3).join('; ')}\n`);
    assert.equal(results.length, cases.length);
    assert.deepEqual(
      results.filter((result) => result.wrong.length > 0).map((result) => result.name),
      [],
    );
  });
});
