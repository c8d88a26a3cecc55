import { describe } from 'node:test';
import { table } from './helpers.js';

describe('ip library', () => {
  describe('Kubernetes ip_test.go cases', () => {
    table([
      ['ip("192.168.0.1") == ip("192.168.0.1")', 'true'],
      ['ip("192.168.0.1.0")', { error: 'IP Address "192.168.0.1.0" parse error during conversion from string: ParseAddr("192.168.0.1.0"): IPv4 address too long' }],
      ['isIP("192.168.0.1")', 'true'],
      ['isIP("192.168.0.1.0")', 'false'],
      ['ip.isCanonical("127.0.0.1")', 'true'],
      ['ip.isCanonical("127.0.0.1.0")', { error: 'IPv4 address too long' }],
      ['ip("192.168.0.1").family()', '4'],
      ['ip("0.0.0.0").isUnspecified()', 'true'],
      ['ip("127.0.0.1").isUnspecified()', 'false'],
      ['ip("127.0.0.1").isLoopback()', 'true'],
      ['ip("1.2.3.4").isLoopback()', 'false'],
      ['ip("224.0.0.1").isLinkLocalMulticast()', 'true'],
      ['ip("224.0.1.1").isLinkLocalMulticast()', 'false'],
      ['ip("169.254.169.254").isLinkLocalUnicast()', 'true'],
      ['ip("192.168.0.1").isLinkLocalUnicast()', 'false'],
      ['ip("192.168.0.1").isGlobalUnicast()', 'true'],
      ['ip("255.255.255.255").isGlobalUnicast()', 'false'],
      ['ip("2001:db8::68") == ip("2001:0db8:0:0:0:0:0:68")', 'true'],
      ['ip("2001:db8:::68")', { error: 'ParseAddr("2001:db8:::68"): each colon-separated field must have at least one digit (at ":68")' }],
      ['isIP("2001:db8::68")', 'true'],
      ['isIP("2001:db8:::68")', 'false'],
      ['ip.isCanonical("2001:db8::68")', 'true'],
      ['ip.isCanonical("2001:DB8::68")', 'false'],
      ['ip("2001:db8::68").family()', '6'],
      ['ip("::").isUnspecified()', 'true'],
      ['ip("::1").isUnspecified()', 'false'],
      ['ip("::1").isLoopback()', 'true'],
      ['ip("2001:db8::abcd").isLoopback()', 'false'],
      ['ip("ff02::1").isLinkLocalMulticast()', 'true'],
      ['ip("fd00::1").isLinkLocalMulticast()', 'false'],
      ['ip("fe80::1").isLinkLocalUnicast()', 'true'],
      ['ip("fd80::1").isLinkLocalUnicast()', 'false'],
      ['ip("2001:db8::abcd").isGlobalUnicast()', 'true'],
      ['ip("ff00::1").isGlobalUnicast()', 'false'],
      ['isIP(cidr("192.168.0.0/24"))', { compileError: "found no matching overload for 'isIP' applied to '(net.CIDR)'" }],
      ['string(ip("192.168.0.1"))', "'192.168.0.1'"],
      ['type(ip("192.168.0.1")) == net.IP', 'true'],
    ]);
  });

  describe('netip parsing rules', () => {
    table([
      ['isIP("127.0.0.256")', 'false'],
      ['isIP("01.2.3.4")', 'false'], // leading zeros are rejected
      ['isIP("1.2.3")', 'false'],
      ['isIP(":::1")', 'false'],
      ['isIP("fe80::1%eth0")', 'false'],
      ['ip("fe80::1%eth0")', { error: 'with zone value is not allowed' }],
      ['ip("::ffff:1.2.3.4")', { error: 'IPv4-mapped IPv6 address "::ffff:1.2.3.4" is not allowed' }],
      ['string(ip("2001:0DB8:0000:0000:0000:0000:0000:0001"))', "'2001:db8::1'"],
      ['string(ip("2001:db8:0:0:1:0:0:1"))', "'2001:db8::1:0:0:1'"], // the first of equal runs is compressed
      ['string(ip("2001:db8:0:1:1:1:1:1"))', "'2001:db8:0:1:1:1:1:1'"], // a single zero group stays
      ['string(ip("::"))', "'::'"],
      ['string(ip("1::"))', "'1::'"],
      ['string(ip("::2:3:4:5:6:7:8"))', "'0:2:3:4:5:6:7:8'"], // a single zero group is not compressed
      ['string(ip("64:ff9b::192.0.2.33"))', "'64:ff9b::c000:221'"],
      ['ip("10.0.0.1").isGlobalUnicast()', 'true'], // private addresses count as global unicast, as in Go
      ['ip("0.0.0.0").isGlobalUnicast()', 'false'],
      ['ip("239.1.1.1").isGlobalUnicast()', 'false'],
    ]);
  });
});

describe('cidr library', () => {
  describe('Kubernetes cidr_test.go cases', () => {
    table([
      ['cidr(192168)', { compileError: "found no matching overload for 'cidr' applied to '(int)'" }],
      ['cidr(dyn("192.168.0.0/24")) == cidr("192.168.0.0/24")', 'true'],
      ['cidr("192.168.0.0/")', { error: 'netip.ParsePrefix("192.168.0.0/"): bad bits after slash: ""' }],
      ['cidr("192.168.0.0/24").containsIP(ip("192.168.0.1"))', 'true'],
      ['cidr("192.168.0.0/24").containsIP(ip("192.168.1.1"))', 'false'],
      ['cidr("192.168.0.0/24").containsIP("192.168.0.1")', 'true'],
      ['cidr("192.168.0.0/24").containsIP("192.168.1.1")', 'false'],
      ['cidr("192.168.0.0/24").containsCIDR(cidr("192.168.0.0/25"))', 'true'],
      ['cidr("192.168.0.0/24").containsCIDR(cidr("192.168.0.0/23"))', 'false'],
      ['cidr("192.168.0.0/24").containsCIDR("192.168.0.0/25")', 'true'],
      ['cidr("192.168.0.0/24").containsCIDR("192.168.0.0/23")', 'false'],
      ['cidr("192.168.0.0/24").ip() == ip("192.168.0.0")', 'true'],
      ['cidr("192.168.0.0/24").masked() == cidr("192.168.0.0/24")', 'true'],
      ['cidr("192.168.0.1/24").masked() == cidr("192.168.0.0/24")', 'true'],
      ['cidr("192.168.0.0/24").prefixLength()', '24'],
      ['cidr("2001:db8::/32") == cidr("2001:db8::/32")', 'true'],
      ['cidr("2001:db8::/")', { error: 'bad bits after slash: ""' }],
      ['cidr("2001:db8::/32").containsIP(ip("2001:db8::1"))', 'true'],
      ['cidr("2001:db8::/32").containsIP(ip("2001:dc8::1"))', 'false'],
      ['cidr("2001:db8::/32").containsIP("2001:db8::1")', 'true'],
      ['cidr("2001:db8::/32").containsIP("2001:dc8::1")', 'false'],
      ['cidr("2001:db8::/32").containsCIDR(cidr("2001:db8::/33"))', 'true'],
      ['cidr("2001:db8::/32").containsCIDR(cidr("2001:db8::/31"))', 'false'],
      ['cidr("2001:db8::/32").containsCIDR("2001:db8::/33")', 'true'],
      ['cidr("2001:db8::/32").containsCIDR("2001:db8::/31")', 'false'],
      ['cidr("2001:db8::/32").ip() == ip("2001:db8::")', 'true'],
      ['cidr("2001:db8::/32").masked() == cidr("2001:db8::/32")', 'true'],
      ['cidr("2001:db8:1::/32").masked() == cidr("2001:db8::/32")', 'true'],
      ['cidr("2001:db8::/32").prefixLength()', '32'],
      ['string(cidr("192.168.0.0/24"))', "'192.168.0.0/24'"],
      ['type(cidr("192.168.0.0/24")) == net.CIDR', 'true'],
    ]);
  });

  describe('details', () => {
    table([
      // Fixed upstream in kubernetes/kubernetes#130450: the other address is masked first.
      ['cidr("192.168.0.0/16").containsCIDR("192.168.10.0/24")', 'true'],
      ['cidr("192.168.0.0/16").containsCIDR("192.168.0.1/32")', 'true'],
      ['cidr("192.168.0.0/16").containsCIDR("10.0.0.0/24")', 'false'],
      ['cidr("10.0.0.0/8").containsIP("::1")', 'false'], // different families never contain each other
      ['cidr("192.168.0.1/24") == cidr("192.168.0.0/24")', 'false'], // not in canonical form
      ['isCIDR("192.168.0.0/33")', 'false'],
      ['isCIDR("::1/129")', 'false'],
      ['isCIDR("192.168.0.0/016")', 'false'],
      ['isCIDR("fe80::/10")', 'true'],
      ['isCIDR("fe80::1%eth0/64")', 'false'],
      ['cidr("::ffff:1.2.3.0/120")', { error: 'IPv4-mapped IPv6 address' }],
      ['cidr("0.0.0.0/0").containsIP("255.255.255.255")', 'true'],
    ]);
  });
});
