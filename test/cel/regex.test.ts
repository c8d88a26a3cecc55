import { describe } from 'node:test';
import { table } from './helpers.js';

describe('regex library (find, findAll)', () => {
  describe('documented Kubernetes examples, with Go regexp results', () => {
    table([
      // Go's FindString returns the leftmost match, which for [0-9]* is the empty string at 0.
      ["'abc 123'.find('[0-9]*')", "''"],
      ["'abc 123'.find('[0-9]+')", "'123'"],
      ["'abc 123'.find('xyz')", "''"],
      ["'123 abc 456'.findAll('[0-9]+')", "['123', '456']"],
      ["'123 abc 456'.findAll('[0-9]*')", "['123', '', '', '', '', '456']"],
      ["'123 abc 456'.findAll('[0-9]+', 1)", "['123']"],
      ["'123 abc 456'.findAll('[0-9]+', 0)", '[]'],
      ["'123 abc 456'.findAll('[0-9]+', -1)", "['123', '456']"],
      ["'123 abc 456'.findAll('xyz')", '[]'],
      ["'abc'.findAll('')", "['', '', '', '']"],
      ["'ünïcödé'.findAll('.')", "['ü', 'n', 'ï', 'c', 'ö', 'd', 'é']"],
      ["'🐱🐶'.find('.')", "'🐱'"],
    ]);
  });

  describe('RE2 semantics that differ from JavaScript', () => {
    table([
      ["'Hello'.matches('(?i)hello')", 'true'],
      ["'a\\nb'.matches('^b')", 'false'],
      ["'a\\nb'.matches('(?m)^b$')", 'true'],
      ["'a\\nb'.matches('a.b')", 'false'],
      ["'a\\nb'.matches('(?s)a.b')", 'true'],
      ["'\\u00a0'.matches('\\\\s')", 'false'], // \\s is ASCII-only in RE2
      ["'\\v'.matches('^\\\\s$')", 'false'], // RE2's \\s does not include \\v
      ["'a.b'.matches('\\\\Qa.b\\\\E')", 'true'],
      ["'axb'.matches('\\\\Qa.b\\\\E')", 'false'],
      ["'abc'.matches('\\\\Aabc\\\\z')", 'true'],
      ["'A1'.matches('^[[:upper:]][[:digit:]]$')", 'true'],
      ["'αβ'.matches('^\\\\p{Greek}+$')", 'true'],
      ["'ab'.matches('^\\\\pL+$')", 'true'],
      ["'a-b'.matches('a\\\\-b')", 'true'], // escaped punctuation stands for itself
      ["'é'.matches('(?i)É')", 'true'],
      ["'K'.matches('(?i)\\\\x{212A}')", 'true'], // Kelvin sign folds to K
      ["'aaa'.find('a+?')", "'a'"],
      ["'aaa'.find('(?U)a+')", "'a'"], // (?U) swaps greediness
      ["'ab'.find('a|ab')", "'a'"], // leftmost-first, like Perl and Go
      ["'x{2}'.matches('^x\\\\{2}$')", 'true'],
      ["'x{'.matches('x{')", 'true'], // a '{' that is not a repeat is literal
      ["'\\u0007'.matches('\\\\a')", 'true'],
      ["'S'.matches('\\\\123')", 'true'], // octal escape
      ["'a'.matches('(?P<name>a)')", 'true'],
    ]);
  });

  describe('patterns RE2 rejects', () => {
    table([
      ["'aa'.matches('(a)\\\\1')", { compileError: 'invalid escape sequence' }],
      ["'ab'.matches('a(?=b)')", { compileError: 'invalid or unsupported Perl syntax' }],
      ["'ab'.matches('(?<!a)b')", { compileError: 'invalid named capture' }],
      ["'a'.matches('a**')", { compileError: 'invalid nested repetition operator' }],
      ["'a'.matches('a{1001}')", { compileError: 'invalid repeat count' }],
      ["'a'.matches('(a')", { compileError: 'missing closing )' }],
      ["'a'.matches('[z-a]')", { compileError: 'invalid character class range' }],
      ["'a'.matches('\\\\C')", { compileError: 'invalid escape sequence' }],
      ["'a'.find('*')", { compileError: 'missing argument to repetition operator' }],
      ["'a'.findAll('(?z)a')", { compileError: 'invalid or unsupported Perl syntax' }],
      // Non-literal patterns are checked when they run.
      ["'a'.matches(dyn('(a'))", { error: 'missing closing )' }],
      ["'a'.find(dyn('a**'))", { error: 'invalid nested repetition operator' }],
    ]);
  });
});
