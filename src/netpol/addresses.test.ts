import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { containsRange, formatAddressRange, parseCidr, partitionAddressSpace } from './addresses.js';
import { mergeRanges, subtractIntervals } from './intervals.js';

const range = (cidr: string): [number, number] => {
  const parsed = parseCidr(cidr);
  assert.ok(parsed.ok, cidr);
  return [parsed.start, parsed.end];
};
const text = ([start, end]: [number, number]) => formatAddressRange(start, end);

describe('CIDR parsing', () => {
  const cases: { cidr: string; expected: string }[] = [
    { cidr: '10.0.0.0/8', expected: '10.0.0.0-10.255.255.255' },
    { cidr: '0.0.0.0/0', expected: '0.0.0.0-255.255.255.255' },
    { cidr: '8.8.8.8/32', expected: '8.8.8.8-8.8.8.8' },
    { cidr: '172.16.5.4/12', expected: '172.16.0.0-172.31.255.255' },
    { cidr: '192.168.1.128/25', expected: '192.168.1.128-192.168.1.255' },
  ];
  for (const { cidr, expected } of cases) it(cidr, () => assert.equal(text(range(cidr)), expected));

  const invalid: { cidr: string; reason: 'ipv6' | 'invalid' }[] = [
    { cidr: '10.0.0.0', reason: 'invalid' },
    { cidr: '10.0.0.256/8', reason: 'invalid' },
    { cidr: '10.0.0.0/33', reason: 'invalid' },
    { cidr: '10.0.0/8', reason: 'invalid' },
    { cidr: 'fd00::/8', reason: 'ipv6' },
  ];
  for (const { cidr, reason } of invalid) it(`rejects ${cidr}`, () => assert.deepEqual(parseCidr(cidr), { ok: false, reason }));
});

describe('address sets', () => {
  it('an except list cuts holes', () => {
    const block = subtractIntervals(range('10.0.0.0/8'), mergeRanges([range('10.1.0.0/16'), range('10.3.0.0/16')]));
    const pairs: string[] = [];
    for (let i = 0; i < block.length; i += 2) pairs.push(text([block[i] as number, block[i + 1] as number]));
    assert.deepEqual(pairs, ['10.0.0.0-10.0.255.255', '10.2.0.0-10.2.255.255', '10.4.0.0-10.255.255.255']);
  });

  it('containment of a whole range', () => {
    const set = mergeRanges([range('10.0.0.0/8'), range('192.168.0.0/16')]);
    assert.ok(containsRange(set, ...range('10.1.0.0/16')));
    assert.ok(containsRange(set, ...range('192.168.3.0/24')));
    assert.ok(!containsRange(set, ...range('11.0.0.0/8')));
    assert.ok(!containsRange(set, range('10.0.0.0/8')[0], range('11.0.0.0/8')[1]), 'a range that leaves the set');
  });

  it('the address space is cut at every boundary of every block', () => {
    const blocks = [subtractIntervals(range('10.0.0.0/8'), [range('10.1.0.0/16')[0], range('10.1.0.0/16')[1]]), mergeRanges([range('10.0.0.0/16')])];
    assert.deepEqual(
      partitionAddressSpace(blocks).map((part) => formatAddressRange(part.start, part.end)),
      ['0.0.0.0-9.255.255.255', '10.0.0.0-10.0.255.255', '10.1.0.0-10.1.255.255', '10.2.0.0-10.255.255.255', '11.0.0.0-255.255.255.255'],
    );
  });

  it('no blocks leave the whole space in one range', () => {
    assert.deepEqual(partitionAddressSpace([]), [{ start: 0, end: 0xffffffff }]);
  });
});
