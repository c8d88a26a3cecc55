import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConnectionSet } from '../../netpol/index.js';
import { isInternetBlock, isNarrow, overlapsPublic, portCount } from './rules.js';
import { parseCidr } from '../../netpol/addresses.js';

describe('isInternetBlock', () => {
  const cases: { ipBlock: unknown; internet: boolean }[] = [
    { ipBlock: { cidr: '0.0.0.0/0' }, internet: true },
    { ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '169.254.169.254/32'] }, internet: true },
    // A /16 of public addresses left out is still the internet; a /15 is not.
    { ipBlock: { cidr: '0.0.0.0/0', except: ['203.0.0.0/16'] }, internet: true },
    { ipBlock: { cidr: '0.0.0.0/0', except: ['203.0.0.0/15'] }, internet: false },
    { ipBlock: { cidr: '0.0.0.0/1' }, internet: false },
    { ipBlock: { cidr: '10.0.0.0/8' }, internet: false },
    { ipBlock: { cidr: '::/0' }, internet: true },
    { ipBlock: { cidr: '2001:db8::/32' }, internet: false },
    { ipBlock: { cidr: '0.0.0.0/33' }, internet: false },
    { ipBlock: {}, internet: false },
  ];
  for (const { ipBlock, internet } of cases) {
    it(`${JSON.stringify(ipBlock)}: ${internet}`, () => assert.equal(isInternetBlock(ipBlock), internet));
  }
});

describe('port counts and public ranges', () => {
  it('counts ports over protocols; a few ports are narrow', () => {
    const dns = ConnectionSet.range('UDP', 53).union(ConnectionSet.range('TCP', 53));
    assert.equal(portCount(dns), 2);
    assert.equal(portCount(ConnectionSet.ALL), 3 * 65535);
    assert.equal(isNarrow(dns), true);
    assert.equal(isNarrow(ConnectionSet.range('TCP', 8000, 8015)), true);
    assert.equal(isNarrow(ConnectionSet.range('TCP', 8000, 8016)), false);
    assert.equal(isNarrow(ConnectionSet.range('TCP', 8000, 8014), 2), false);
  });

  it('tells ranges holding a public address', () => {
    const range = (cidr: string) => {
      const parsed = parseCidr(cidr);
      assert.ok(parsed.ok);
      return [parsed.start, parsed.end] as const;
    };
    assert.equal(overlapsPublic(...range('10.0.0.0/8')), false);
    assert.equal(overlapsPublic(...range('169.254.169.254/32')), false);
    assert.equal(overlapsPublic(...range('8.8.8.8/32')), true);
    assert.equal(overlapsPublic(...range('0.0.0.0/0')), true);
  });
});
