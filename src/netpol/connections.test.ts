import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConnectionSet, portIntervals } from './connections.js';
import { mergeRanges, unionIntervals } from './intervals.js';

const tcp = (start: number, end = start) => ConnectionSet.range('TCP', start, end);
const udp = (start: number, end = start) => ConnectionSet.range('UDP', start, end);
const sctp = (start: number, end = start) => ConnectionSet.range('SCTP', start, end);

describe('port intervals', () => {
  const cases: { name: string; ranges: [number, number][]; expected: number[] }[] = [
    { name: 'sorted and merged', ranges: [[80, 80], [10, 20], [15, 30]], expected: [10, 30, 80, 80] },
    { name: 'adjacent ranges join', ranges: [[1, 79], [80, 80], [81, 90]], expected: [1, 90] },
    { name: 'clamped to 1-65535', ranges: [[0, 5], [65530, 70000]], expected: [1, 5, 65530, 65535] },
    { name: 'reversed ranges are dropped', ranges: [[10, 5]], expected: [] },
  ];
  for (const { name, ranges, expected } of cases) it(name, () => assert.deepEqual([...portIntervals(ranges)], expected));
});

describe('interval unions', () => {
  it('merge two sorted lists as sorting and merging all their ranges would', () => {
    // Overlapping, adjacent, nested and disjoint intervals, from a fixed pseudo-random sequence.
    let seed = 7;
    const next = (limit: number) => (seed = (seed * 1103515245 + 12345) % 2147483648) % limit;
    const list = () => mergeRanges(Array.from({ length: next(6) }, () => { const start = next(60); return [start, start + next(8)] as const; }));
    const pairs = (intervals: readonly number[]) => Array.from({ length: intervals.length / 2 }, (_, i) => [intervals[2 * i] as number, intervals[2 * i + 1] as number] as const);
    for (let round = 0; round < 500; round++) {
      const a = list();
      const b = list();
      assert.deepEqual([...unionIntervals(a, b)], mergeRanges([...pairs(a), ...pairs(b)]), `${JSON.stringify(a)} ∪ ${JSON.stringify(b)}`);
    }
  });

  it('make single ranges as port lists do, clamped, and none when reversed', () => {
    assert.equal(ConnectionSet.range('TCP', 0, 70000).toString(), 'TCP 1-65535');
    assert.equal(ConnectionSet.range('UDP', 90, 80), ConnectionSet.EMPTY);
    assert.equal(ConnectionSet.range('SCTP', 70000).toString(), 'No Connections');
  });
});

describe('connection sets', () => {
  const cases: { name: string; actual: ConnectionSet; text: string }[] = [
    { name: 'everything', actual: ConnectionSet.ALL, text: 'All Connections' },
    { name: 'nothing', actual: ConnectionSet.EMPTY, text: 'No Connections' },
    { name: 'one port', actual: tcp(80), text: 'TCP 80' },
    { name: 'protocols print SCTP, TCP, UDP', actual: udp(53).union(tcp(8080)).union(sctp(9003)), text: 'SCTP 9003,TCP 8080,UDP 53' },
    { name: 'ranges and single ports', actual: tcp(80, 81).union(tcp(8080)).union(tcp(9000, 9100)), text: 'TCP 80-81,8080,9000-9100' },
    { name: 'a whole protocol', actual: ConnectionSet.protocol('TCP'), text: 'TCP 1-65535' },
    { name: 'all minus three ports', actual: ConnectionSet.ALL.subtract(sctp(9003)).subtract(tcp(80)).subtract(udp(53)), text: 'SCTP 1-9002,9004-65535,TCP 1-79,81-65535,UDP 1-52,54-65535' },
    { name: 'the union of every protocol in full is ALL', actual: ConnectionSet.protocol('TCP').union(ConnectionSet.protocol('UDP')).union(ConnectionSet.protocol('SCTP')), text: 'All Connections' },
    { name: 'intersection', actual: tcp(1, 100).union(udp(53)).intersect(tcp(50, 200)), text: 'TCP 50-100' },
    { name: 'intersection of disjoint sets is empty', actual: tcp(80).intersect(udp(80)), text: 'No Connections' },
    { name: 'subtracting from the middle splits a range', actual: tcp(1, 100).subtract(tcp(10, 20)).subtract(tcp(50)), text: 'TCP 1-9,21-49,51-100' },
    { name: 'subtracting everything leaves nothing', actual: tcp(80).subtract(ConnectionSet.ALL), text: 'No Connections' },
  ];
  for (const { name, actual, text } of cases) it(name, () => assert.equal(actual.toString(), text));

  it('shares the ALL and EMPTY instances so that checks are identity tests', () => {
    assert.equal(ConnectionSet.ALL.subtract(tcp(80)).union(tcp(80)), ConnectionSet.ALL);
    assert.equal(tcp(80).subtract(tcp(80)), ConnectionSet.EMPTY);
    assert.ok(ConnectionSet.ALL.isAll() && ConnectionSet.EMPTY.isEmpty());
  });

  it('compares by value and answers membership', () => {
    assert.ok(tcp(80, 81).equals(tcp(80).union(tcp(81))));
    assert.ok(!tcp(80).equals(udp(80)));
    assert.ok(tcp(80, 90).has('TCP', 85));
    assert.ok(!tcp(80, 90).has('UDP', 85));
  });
});
