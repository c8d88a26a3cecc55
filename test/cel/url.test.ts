import { describe } from 'node:test';
import { table } from './helpers.js';

describe('url library', () => {
  describe('documented Kubernetes examples', () => {
    table([
      ["isURL('https://user:pass@example.com:80/path?query=val#fragment')", 'true'],
      ["isURL('/absolute-path')", 'true'],
      ["isURL('https://a:b:c/')", 'false'],
      ["isURL('../relative-path')", 'false'],
      ["url('https://a:b:c/')", { error: 'invalid port ":c" after host' }],
      ["url('../relative-path')", { error: 'invalid URI for request' }],
      ["url('/path').getScheme()", "''"],
      ["url('https://example.com/').getScheme()", "'https'"],
      ["url('https://example.com:80/').getHost()", "'example.com:80'"],
      ["url('https://example.com/').getHost()", "'example.com'"],
      ["url('https://[::1]:80/').getHost()", "'[::1]:80'"],
      ["url('https://[::1]/').getHost()", "'[::1]'"],
      ["url('/path').getHost()", "''"],
      ["url('https://example.com:80/').getHostname()", "'example.com'"],
      ["url('https://127.0.0.1:80/').getHostname()", "'127.0.0.1'"],
      ["url('https://[::1]:80/').getHostname()", "'::1'"],
      ["url('/path').getHostname()", "''"],
      ["url('https://example.com:80/').getPort()", "'80'"],
      ["url('https://example.com/').getPort()", "''"],
      ["url('/path').getPort()", "''"],
      ["url('https://example.com/path').getEscapedPath()", "'/path'"],
      ["url('https://example.com/path with spaces/').getEscapedPath()", "'/path%20with%20spaces/'"],
      ["url('https://example.com').getEscapedPath()", "''"],
      ["url('https://example.com/path?k1=a&k2=b&k2=c').getQuery()", "{'k1': ['a'], 'k2': ['b', 'c']}"],
      ["url('https://example.com/path?key with spaces=value with spaces').getQuery()", "{'key with spaces': ['value with spaces']}"],
      ["url('https://example.com/path?').getQuery()", '{}'],
      ["url('https://example.com/path').getQuery()", '{}'],
    ]);
  });

  describe("Go net/url parsing details", () => {
    table([
      ["url('HTTPS://Example.com/').getScheme()", "'https'"], // scheme lower-cased, host kept
      ["url('https://Example.com/').getHost()", "'Example.com'"],
      ["url('https://example.com/a%2Fb').getEscapedPath()", "'/a%2Fb'"], // the raw path is kept when it is a valid encoding
      ["url('https://example.com/caf%C3%A9').getEscapedPath()", "'/caf%C3%A9'"],
      ["url('https://example.com/a?x=1%202&y=a+b').getQuery()", "{'x': ['1 2'], 'y': ['a b']}"],
      ["url('https://example.com/a?x=1;y=2').getQuery()", '{}'], // semicolons are rejected by Go's ParseQuery
      ["url('https://example.com/a#frag?x=1').getQuery()", '{}'], // the fragment is not part of the query
      ["url('https://example.com/a#frag').getEscapedPath()", "'/a'"],
      ["url('mailto:someone@example.com').getScheme()", "'mailto'"], // opaque URL
      ["url('https://ex ample.com/')", { error: 'invalid character " " in host name' }],
      ["url('https://example.com/%zz')", { error: 'invalid URL escape "%zz"' }],
      ["isURL('')", 'false'],
      ["isURL('*')", 'true'],
      ["isURL('http://[::1')", 'false'],
      ["type(url('/x')) == kubernetes.URL", 'true'],
      ["url('https://example.com/a') == url('https://example.com/a')", 'true'],
      ["url('https://example.com/a') == url('https://example.com/b')", 'false'],
    ]);
  });
});
