/**
 * RE2-syntax regular expressions for CEL's matches(), find() and findAll().
 *
 * CEL specifies RE2 (Go's regexp package in cel-go/Kubernetes). JavaScript's RegExp differs in
 * syntax (`(?i)` flags, `\A`, `\z`, `\Q..\E`, POSIX classes, `\pN`, octal escapes), in meaning
 * (`\s`, `.` and `$` under the multi-line flag, Unicode case folding) and, above all, in cost:
 * a backtracking engine can take exponential time on patterns such as `(a+)+$`, so an
 * expression from an untrusted policy could stall a scan. This module therefore parses RE2
 * syntax itself, rejects what RE2 rejects (backreferences, lookaround, possessive and
 * over-large repetitions), and matches with a Pike VM, whose time is linear in the input
 * length times the pattern size, with leftmost-first (Perl/Go) match semantics.
 */
import { chargeCost } from './runtime.js';

export class RegexSyntaxError extends Error {
  constructor(message: string) {
    super(`error parsing regexp: ${message}`);
    this.name = 'RegexSyntaxError';
  }
}

type ClassTest = (cp: number) => boolean;

type Node =
  | { t: 'empty' }
  | { t: 'char'; test: ClassTest }
  | { t: 'assert'; kind: AssertKind }
  | { t: 'cat'; subs: Node[] }
  | { t: 'alt'; subs: Node[] }
  | { t: 'rep'; sub: Node; min: number; max: number; greedy: boolean };

type AssertKind = 'bol' | 'eol' | 'bot' | 'eot' | 'word' | 'nonword';

interface Flags {
  i: boolean;
  m: boolean;
  s: boolean;
  U: boolean;
}

const MAX_REPEAT = 1000;
const MAX_PROGRAM = 50_000;

// ---------------------------------------------------------------------------
// Character classes
// ---------------------------------------------------------------------------

type Ranges = number[]; // flat list of inclusive [lo, hi] pairs

const DIGIT: Ranges = [0x30, 0x39];
const SPACE: Ranges = [0x09, 0x0a, 0x0c, 0x0d, 0x20, 0x20];
const WORD: Ranges = [0x30, 0x39, 0x41, 0x5a, 0x5f, 0x5f, 0x61, 0x7a];

const POSIX: Record<string, Ranges> = {
  alnum: [0x30, 0x39, 0x41, 0x5a, 0x61, 0x7a],
  alpha: [0x41, 0x5a, 0x61, 0x7a],
  ascii: [0x00, 0x7f],
  blank: [0x09, 0x09, 0x20, 0x20],
  cntrl: [0x00, 0x1f, 0x7f, 0x7f],
  digit: [0x30, 0x39],
  graph: [0x21, 0x7e],
  lower: [0x61, 0x7a],
  print: [0x20, 0x7e],
  punct: [0x21, 0x2f, 0x3a, 0x40, 0x5b, 0x60, 0x7b, 0x7e],
  space: [0x09, 0x0d, 0x20, 0x20],
  upper: [0x41, 0x5a],
  word: [0x30, 0x39, 0x41, 0x5a, 0x5f, 0x5f, 0x61, 0x7a],
  xdigit: [0x30, 0x39, 0x41, 0x46, 0x61, 0x66],
};

function inRanges(ranges: Ranges, cp: number): boolean {
  for (let i = 0; i < ranges.length; i += 2) if (cp >= (ranges[i] as number) && cp <= (ranges[i + 1] as number)) return true;
  return false;
}

const GENERAL_CATEGORIES = new Set([
  'C', 'Cc', 'Cf', 'Co', 'Cs', 'L', 'Ll', 'Lm', 'Lo', 'Lt', 'Lu', 'M', 'Mc', 'Me', 'Mn', 'N', 'Nd', 'Nl', 'No',
  'P', 'Pc', 'Pd', 'Pe', 'Pf', 'Pi', 'Po', 'Ps', 'S', 'Sc', 'Sk', 'Sm', 'So', 'Z', 'Zl', 'Zp', 'Zs',
]);

/** Unicode class `\p{name}` (a general category or a script) as a predicate, using the engine's tables. */
function unicodeClass(name: string): ClassTest {
  if (name === 'Any') return () => true;
  const property = GENERAL_CATEGORIES.has(name) ? name : `Script=${name}`;
  let re: RegExp;
  try {
    re = new RegExp(`^\\p{${property}}$`, 'u');
  } catch {
    throw new RegexSyntaxError(`invalid character class range: \`\\p{${name}}\``);
  }
  return (cp) => re.test(String.fromCodePoint(cp));
}

/** Simple case folding orbit of a code point (the characters that match it under (?i)). */
const foldCache = new Map<number, number[]>();
const EXTRA_FOLDS: Record<number, number[]> = {
  0x4b: [0x212a], 0x6b: [0x212a], 0x212a: [0x4b, 0x6b], // K, k, Kelvin sign
  0x53: [0x17f], 0x73: [0x17f], 0x17f: [0x53, 0x73], // S, s, long s
  0xc5: [0x212b], 0xe5: [0x212b], 0x212b: [0xc5, 0xe5], // Å, å, Angstrom sign
};

function foldOrbit(cp: number): number[] {
  let orbit = foldCache.get(cp);
  if (orbit !== undefined) return orbit;
  const set = new Set<number>([cp]);
  const add = (s: string) => {
    const chars = [...s];
    if (chars.length === 1) set.add(chars[0]?.codePointAt(0) as number);
  };
  const ch = String.fromCodePoint(cp);
  const lower = ch.toLowerCase();
  const upper = ch.toUpperCase();
  add(lower);
  add(upper);
  add(lower.toUpperCase());
  add(upper.toLowerCase());
  for (const extra of EXTRA_FOLDS[cp] ?? []) set.add(extra);
  orbit = [...set];
  if (foldCache.size < 10_000) foldCache.set(cp, orbit);
  return orbit;
}

function withFold(test: ClassTest): ClassTest {
  return (cp) => test(cp) || foldOrbit(cp).some((other) => other !== cp && test(other));
}

// ---------------------------------------------------------------------------
// Parser
// ---------------------------------------------------------------------------

class Parser {
  private pos = 0;
  private readonly cps: number[];

  constructor(private readonly pattern: string) {
    this.cps = [...pattern].map((c) => c.codePointAt(0) as number);
  }

  parse(): Node {
    const node = this.alternation({ i: false, m: false, s: false, U: false });
    if (this.pos < this.cps.length) throw new RegexSyntaxError(`unexpected ): \`${this.pattern}\``);
    return node;
  }

  private peek(offset = 0): number | undefined {
    return this.cps[this.pos + offset];
  }

  private text(from: number, to = this.pos): string {
    return String.fromCodePoint(...this.cps.slice(from, to));
  }

  private alternation(flags: Flags): Node {
    const branches = [this.concatenation(flags)];
    while (this.peek() === 0x7c /* | */) {
      this.pos++;
      branches.push(this.concatenation(flags));
    }
    return branches.length === 1 ? (branches[0] as Node) : { t: 'alt', subs: branches };
  }

  private concatenation(outer: Flags): Node {
    const flags = { ...outer }; // (?i) etc. apply to the rest of the enclosing group
    const items: Node[] = [];
    for (;;) {
      const c = this.peek();
      if (c === undefined || c === 0x7c || c === 0x29 /* ) */) break;
      const start = this.pos;
      const atom = this.atom(flags);
      if (atom === undefined) continue; // a flag group like (?i)
      items.push(this.repetition(atom, flags, start));
    }
    if (items.length === 0) return { t: 'empty' };
    return items.length === 1 ? (items[0] as Node) : { t: 'cat', subs: items };
  }

  private repetition(atom: Node, flags: Flags, start: number): Node {
    let node = atom;
    let repeated = false;
    for (;;) {
      const c = this.peek();
      let min: number;
      let max: number;
      const opStart = this.pos;
      if (c === 0x2a /* * */) {
        [min, max] = [0, -1];
        this.pos++;
      } else if (c === 0x2b /* + */) {
        [min, max] = [1, -1];
        this.pos++;
      } else if (c === 0x3f /* ? */) {
        [min, max] = [0, 1];
        this.pos++;
      } else if (c === 0x7b /* { */) {
        const counted = this.counted();
        if (counted === undefined) return node; // a literal '{', handled by the next atom
        [min, max] = counted;
      } else {
        return node;
      }
      if (repeated) throw new RegexSyntaxError(`invalid nested repetition operator: \`${this.text(opStart - 1, this.pos)}\``);
      let greedy = true;
      if (this.peek() === 0x3f) {
        this.pos++;
        greedy = false;
      }
      if (flags.U) greedy = !greedy;
      if (node.t === 'empty' && start === opStart) throw new RegexSyntaxError(`missing argument to repetition operator: \`${this.text(opStart, this.pos)}\``);
      node = { t: 'rep', sub: node, min, max, greedy };
      repeated = true;
      // RE2 forbids a repetition operator directly after another (a** or a*+).
      const next = this.peek();
      if (next === 0x2a || next === 0x2b || next === 0x3f) throw new RegexSyntaxError(`invalid nested repetition operator: \`${this.text(opStart, this.pos + 1)}\``);
    }
  }

  /** `{n}`, `{n,}`, `{n,m}`; undefined (position unchanged) when not a valid repeat. */
  private counted(): [number, number] | undefined {
    const rest = this.text(this.pos, Math.min(this.cps.length, this.pos + 24));
    const m = /^\{(\d+)(,(\d*))?\}/.exec(rest);
    if (m === null) return undefined;
    const min = Number(m[1]);
    const max = m[2] === undefined ? min : m[3] === '' ? -1 : Number(m[3]);
    if (min > MAX_REPEAT || max > MAX_REPEAT || (max !== -1 && max < min)) throw new RegexSyntaxError(`invalid repeat count: \`${m[0]}\``);
    this.pos += m[0].length;
    return [min, max];
  }

  private atom(flags: Flags): Node | undefined {
    const c = this.peek() as number;
    switch (c) {
      case 0x28: // (
        return this.group(flags);
      case 0x5b: // [
        return this.charClass(flags);
      case 0x2e: // .
        this.pos++;
        return flags.s ? { t: 'char', test: () => true } : { t: 'char', test: (cp) => cp !== 0x0a };
      case 0x5e: // ^
        this.pos++;
        return { t: 'assert', kind: flags.m ? 'bol' : 'bot' };
      case 0x24: // $
        this.pos++;
        return { t: 'assert', kind: flags.m ? 'eol' : 'eot' };
      case 0x5c: // backslash
        return this.escape(flags);
      case 0x2a:
      case 0x2b:
      case 0x3f:
        throw new RegexSyntaxError(`missing argument to repetition operator: \`${String.fromCodePoint(c)}\``);
      default:
        this.pos++;
        return literal(c, flags);
    }
  }

  private group(flags: Flags): Node | undefined {
    const start = this.pos;
    this.pos++; // (
    let inner = flags;
    if (this.peek() === 0x3f /* ? */) {
      this.pos++;
      const c = this.peek();
      if (c === 0x50 /* P */ || c === 0x3c /* < */) {
        // Named capture (?P<name>re) or (?<name>re).
        if (c === 0x50) this.pos++;
        if (this.peek() !== 0x3c) throw new RegexSyntaxError(`invalid or unsupported Perl syntax: \`${this.text(start, this.pos + 1)}\``);
        const close = this.cps.indexOf(0x3e, this.pos);
        const name = close < 0 ? '' : this.text(this.pos + 1, close);
        if (close < 0 || !/^[A-Za-z0-9_]+$/.test(name)) throw new RegexSyntaxError(`invalid named capture: \`${this.text(start, close < 0 ? this.cps.length : close + 1)}\``);
        this.pos = close + 1;
      } else {
        // Flags: (?i) (?-s) (?im:re)
        const next: Flags = { ...flags };
        let negate = false;
        let sawFlag = false;
        for (;;) {
          const f = this.peek();
          if (f === undefined) throw new RegexSyntaxError(`missing closing ): \`${this.text(start)}\``);
          const ch = String.fromCodePoint(f);
          if (ch === 'i' || ch === 'm' || ch === 's' || ch === 'U') {
            next[ch] = !negate;
            sawFlag = true;
            this.pos++;
          } else if (ch === '-' && !negate) {
            negate = true;
            sawFlag = false;
            this.pos++;
          } else if (ch === ')' || ch === ':') {
            if (!sawFlag && (negate || ch === ')')) throw new RegexSyntaxError(`invalid or unsupported Perl syntax: \`${this.text(start, this.pos + 1)}\``);
            this.pos++;
            if (ch === ')') {
              Object.assign(flags, next); // applies to the rest of the current group
              return undefined;
            }
            inner = next;
            break;
          } else {
            throw new RegexSyntaxError(`invalid or unsupported Perl syntax: \`${this.text(start, this.pos + 1)}\``);
          }
        }
      }
    }
    const node = this.alternation(inner);
    if (this.peek() !== 0x29) throw new RegexSyntaxError(`missing closing ): \`${this.pattern}\``);
    this.pos++;
    return node;
  }

  private escape(flags: Flags): Node {
    const start = this.pos;
    this.pos++; // backslash
    const c = this.peek();
    if (c === undefined) throw new RegexSyntaxError('trailing backslash at end of expression: ``');
    const ch = String.fromCodePoint(c);
    switch (ch) {
      case 'A':
        this.pos++;
        return { t: 'assert', kind: 'bot' };
      case 'z':
        this.pos++;
        return { t: 'assert', kind: 'eot' };
      case 'b':
        this.pos++;
        return { t: 'assert', kind: 'word' };
      case 'B':
        this.pos++;
        return { t: 'assert', kind: 'nonword' };
      case 'Q': {
        this.pos++;
        let end = -1;
        for (let i = this.pos; i < this.cps.length - 1; i++) {
          if (this.cps[i] === 0x5c && this.cps[i + 1] === 0x45) {
            end = i;
            break;
          }
        }
        const literalEnd = end < 0 ? this.cps.length : end;
        const subs = this.cps.slice(this.pos, literalEnd).map((cp) => literal(cp, flags));
        this.pos = end < 0 ? literalEnd : end + 2;
        return subs.length === 1 ? (subs[0] as Node) : subs.length === 0 ? { t: 'empty' } : { t: 'cat', subs };
      }
      case 'C':
        throw new RegexSyntaxError('invalid escape sequence: `\\C`');
      default: {
        const klass = this.classEscape();
        if (klass !== undefined) return { t: 'char', test: flags.i ? withFold(klass) : klass };
        this.pos = start;
        return literal(this.escapedChar(), flags);
      }
    }
  }

  /** Perl and Unicode class escapes (\d \s \w \D \S \W \pN \p{..} \PN); position after the escape letter. */
  private classEscape(): ClassTest | undefined {
    const ch = String.fromCodePoint(this.peek() as number);
    const negated = ch === 'D' || ch === 'S' || ch === 'W' || ch === 'P';
    let test: ClassTest;
    switch (ch) {
      case 'd':
      case 'D':
        test = (cp) => inRanges(DIGIT, cp);
        this.pos++;
        break;
      case 's':
      case 'S':
        test = (cp) => inRanges(SPACE, cp);
        this.pos++;
        break;
      case 'w':
      case 'W':
        test = (cp) => inRanges(WORD, cp);
        this.pos++;
        break;
      case 'p':
      case 'P': {
        this.pos++;
        let name: string;
        if (this.peek() === 0x7b) {
          const close = this.cps.indexOf(0x7d, this.pos);
          if (close < 0) throw new RegexSyntaxError(`invalid character class range: \`${this.text(this.pos - 2)}\``);
          name = this.text(this.pos + 1, close);
          this.pos = close + 1;
        } else {
          const n = this.peek();
          if (n === undefined) throw new RegexSyntaxError('invalid character class range: `\\p`');
          name = String.fromCodePoint(n);
          this.pos++;
        }
        let invert = false;
        if (name.startsWith('^')) {
          invert = true;
          name = name.slice(1);
        }
        const base = unicodeClass(name);
        test = invert ? (cp) => !base(cp) : base;
        break;
      }
      default:
        return undefined;
    }
    return negated ? (cp) => !test(cp) : test;
  }

  /** A single escaped character (position at the backslash); returns its code point. */
  private escapedChar(): number {
    const start = this.pos;
    this.pos++; // backslash
    const c = this.peek();
    if (c === undefined) throw new RegexSyntaxError('trailing backslash at end of expression: ``');
    this.pos++;
    const ch = String.fromCodePoint(c);
    switch (ch) {
      case 'a':
        return 7;
      case 'f':
        return 12;
      case 't':
        return 9;
      case 'n':
        return 10;
      case 'r':
        return 13;
      case 'v':
        return 11;
      case 'x': {
        if (this.peek() === 0x7b) {
          const close = this.cps.indexOf(0x7d, this.pos);
          const hex = close < 0 ? '' : this.text(this.pos + 1, close);
          if (!/^[0-9a-fA-F]{1,8}$/.test(hex) || parseInt(hex, 16) > 0x10ffff) throw new RegexSyntaxError(`invalid escape sequence: \`${this.text(start, close < 0 ? this.pos : close + 1)}\``);
          this.pos = close + 1;
          return parseInt(hex, 16);
        }
        const hex = this.text(this.pos, this.pos + 2);
        if (!/^[0-9a-fA-F]{2}$/.test(hex)) throw new RegexSyntaxError(`invalid escape sequence: \`${this.text(start, this.pos + 2)}\``);
        this.pos += 2;
        return parseInt(hex, 16);
      }
      default:
        break;
    }
    if (c >= 0x30 && c <= 0x37) {
      // Octal \0, \012, \123; a lone \1-\7 would be a backreference, which RE2 does not support.
      const next = this.peek();
      if (c !== 0x30 && (next === undefined || next < 0x30 || next > 0x37)) throw new RegexSyntaxError(`invalid escape sequence: \`${this.text(start, this.pos)}\``);
      let digits = ch;
      while (digits.length < 3 && this.peek() !== undefined && (this.peek() as number) >= 0x30 && (this.peek() as number) <= 0x37) {
        digits += String.fromCodePoint(this.peek() as number);
        this.pos++;
      }
      return parseInt(digits, 8);
    }
    if (c === 0x38 || c === 0x39) throw new RegexSyntaxError(`invalid escape sequence: \`${this.text(start, this.pos)}\``);
    // Any ASCII punctuation may be escaped to stand for itself.
    if (c < 0x80 && !/[0-9A-Za-z]/.test(ch)) return c;
    throw new RegexSyntaxError(`invalid escape sequence: \`${this.text(start, this.pos)}\``);
  }

  private charClass(flags: Flags): Node {
    const start = this.pos;
    this.pos++; // [
    let negated = false;
    if (this.peek() === 0x5e) {
      negated = true;
      this.pos++;
    }
    const ranges: Ranges = [];
    const tests: ClassTest[] = [];
    let first = true;
    for (;;) {
      const c = this.peek();
      if (c === undefined) throw new RegexSyntaxError(`missing closing ]: \`${this.text(start)}\``);
      if (c === 0x5d /* ] */ && !first) {
        this.pos++;
        break;
      }
      first = false;
      // POSIX class [:alpha:] / [:^alpha:]
      if (c === 0x5b && this.peek(1) === 0x3a) {
        const rest = this.text(this.pos, Math.min(this.cps.length, this.pos + 12));
        const m = /^\[:(\^?)([a-z]+):\]/.exec(rest);
        if (m !== null) {
          const set = POSIX[m[2] as string];
          if (set === undefined) throw new RegexSyntaxError(`invalid character class range: \`${m[0]}\``);
          tests.push(m[1] === '^' ? (cp) => !inRanges(set, cp) : (cp) => inRanges(set, cp));
          this.pos += m[0].length;
          continue;
        }
      }
      const itemStart = this.pos;
      let lo: number;
      if (c === 0x5c) {
        this.pos++;
        const klass = this.peek() === undefined ? undefined : this.classEscape();
        if (klass !== undefined) {
          tests.push(klass);
          continue;
        }
        this.pos--;
        lo = this.escapedChar();
      } else {
        lo = c;
        this.pos++;
      }
      let hi = lo;
      if (this.peek() === 0x2d /* - */ && this.peek(1) !== undefined && this.peek(1) !== 0x5d) {
        this.pos++;
        const h = this.peek() as number;
        if (h === 0x5c) hi = this.escapedChar();
        else {
          hi = h;
          this.pos++;
        }
        if (hi < lo) throw new RegexSyntaxError(`invalid character class range: \`${this.text(itemStart, this.pos)}\``);
      }
      ranges.push(lo, hi);
    }
    let test: ClassTest = tests.length === 0 ? (cp) => inRanges(ranges, cp) : (cp) => inRanges(ranges, cp) || tests.some((t) => t(cp));
    if (flags.i) test = withFold(test);
    const final = test;
    return { t: 'char', test: negated ? (cp) => !final(cp) : final };
  }
}

function literal(cp: number, flags: Flags): Node {
  if (flags.i && foldOrbit(cp).length > 1) {
    const orbit = foldOrbit(cp);
    return { t: 'char', test: (c) => orbit.includes(c) };
  }
  return { t: 'char', test: (c) => c === cp };
}

// ---------------------------------------------------------------------------
// Compiler to a Pike VM program
// ---------------------------------------------------------------------------

type Inst =
  | { op: 'char'; test: ClassTest; next: number }
  | { op: 'split'; x: number; y: number }
  | { op: 'jmp'; x: number }
  | { op: 'assert'; kind: AssertKind; next: number }
  | { op: 'match' };

interface Hole {
  pc: number;
  field: 'next' | 'x' | 'y';
}

/** A compiled piece: its entry point and the dangling exits to connect to what follows. */
interface Frag {
  start: number;
  holes: Hole[];
}

class Compiler {
  readonly prog: Inst[] = [];

  private emit(inst: Inst): number {
    if (this.prog.length >= MAX_PROGRAM) throw new RegexSyntaxError('expression too large');
    this.prog.push(inst);
    return this.prog.length - 1;
  }

  patch(holes: readonly Hole[], target: number): void {
    for (const hole of holes) (this.prog[hole.pc] as Record<string, unknown>)[hole.field] = target;
  }

  compile(node: Node): Frag {
    switch (node.t) {
      case 'empty': {
        const pc = this.emit({ op: 'jmp', x: -1 });
        return { start: pc, holes: [{ pc, field: 'x' }] };
      }
      case 'char': {
        const pc = this.emit({ op: 'char', test: node.test, next: -1 });
        return { start: pc, holes: [{ pc, field: 'next' }] };
      }
      case 'assert': {
        const pc = this.emit({ op: 'assert', kind: node.kind, next: -1 });
        return { start: pc, holes: [{ pc, field: 'next' }] };
      }
      case 'cat': {
        const frags = node.subs.map((sub) => this.compile(sub));
        for (let i = 0; i + 1 < frags.length; i++) this.patch((frags[i] as Frag).holes, (frags[i + 1] as Frag).start);
        return { start: (frags[0] as Frag).start, holes: (frags[frags.length - 1] as Frag).holes };
      }
      case 'alt': {
        const frags = node.subs.map((sub) => this.compile(sub));
        let start = (frags[frags.length - 1] as Frag).start;
        for (let i = frags.length - 2; i >= 0; i--) start = this.emit({ op: 'split', x: (frags[i] as Frag).start, y: start });
        return { start, holes: frags.flatMap((f) => f.holes) };
      }
      case 'rep':
        return this.repeat(node.sub, node.min, node.max, node.greedy);
    }
  }

  private repeat(sub: Node, min: number, max: number, greedy: boolean): Frag {
    const parts: Frag[] = [];
    for (let i = 0; i < min; i++) parts.push(this.compile(sub));
    if (max === -1) {
      // Loop: split prefers the body when greedy, the exit otherwise.
      const split = this.emit({ op: 'split', x: -1, y: -1 });
      const body = this.compile(sub);
      this.patch(body.holes, split);
      const inst = this.prog[split] as { x: number; y: number };
      if (greedy) inst.x = body.start;
      else inst.y = body.start;
      parts.push({ start: split, holes: [{ pc: split, field: greedy ? 'y' : 'x' }] });
    } else if (max > min) {
      // Nested optional copies: (x(x(x)?)?)?
      const exits: Hole[] = [];
      let first: number | undefined;
      let pending: Hole[] | undefined;
      for (let i = min; i < max; i++) {
        const split = this.emit({ op: 'split', x: -1, y: -1 });
        if (pending !== undefined) this.patch(pending, split);
        first ??= split;
        const body = this.compile(sub);
        const inst = this.prog[split] as { x: number; y: number };
        if (greedy) inst.x = body.start;
        else inst.y = body.start;
        exits.push({ pc: split, field: greedy ? 'y' : 'x' });
        pending = body.holes;
      }
      parts.push({ start: first as number, holes: [...exits, ...(pending ?? [])] });
    }
    if (parts.length === 0) return this.compile({ t: 'empty' });
    for (let i = 0; i + 1 < parts.length; i++) this.patch((parts[i] as Frag).holes, (parts[i + 1] as Frag).start);
    return { start: (parts[0] as Frag).start, holes: (parts[parts.length - 1] as Frag).holes };
  }
}

// ---------------------------------------------------------------------------
// Pike VM
// ---------------------------------------------------------------------------

const isWordChar = (cp: number | undefined) => cp !== undefined && inRanges(WORD, cp);

export class Re2 {
  private constructor(
    private readonly prog: Inst[],
    private readonly start: number,
    readonly source: string,
  ) {}

  static compile(pattern: string): Re2 {
    const node = new Parser(pattern).parse();
    const compiler = new Compiler();
    const frag = compiler.compile(node);
    const match = compiler.prog.length;
    compiler.prog.push({ op: 'match' });
    compiler.patch(frag.holes, match);
    return new Re2(compiler.prog, frag.start, pattern);
  }

  /** Whether the pattern matches anywhere in the text. */
  test(text: string): boolean {
    return this.exec(text, 0, true) !== undefined;
  }

  /** Leftmost-first match at or after `from` (a UTF-16 offset): [start, end] offsets. */
  exec(text: string, from = 0, anyMatch = false): [number, number] | undefined {
    const prog = this.prog;
    const n = prog.length;
    let clist: number[] = []; // pcs
    let cstart: number[] = []; // match start per thread
    let nlist: number[] = [];
    let nstart: number[] = [];
    const onList = new Int32Array(n).fill(-1);
    let generation = 0;
    let matched: [number, number] | undefined;
    let steps = 0;

    const add = (list: number[], starts: number[], pc: number, start: number, pos: number, prev: number | undefined, cur: number | undefined) => {
      // Iterative closure over jmp/split/assert, preserving priority order.
      const stack: number[] = [pc];
      while (stack.length > 0) {
        const p = stack.pop() as number;
        if (onList[p] === generation) continue;
        onList[p] = generation;
        const inst = prog[p] as Inst;
        switch (inst.op) {
          case 'jmp':
            stack.push(inst.x);
            break;
          case 'split':
            stack.push(inst.y, inst.x); // x has priority: popped first
            break;
          case 'assert':
            if (assertHolds(inst.kind, pos, text.length, prev, cur)) stack.push(inst.next);
            break;
          default:
            list.push(p);
            starts.push(start);
        }
      }
    };

    let pos = from;
    let prev = pos > 0 ? codePointBefore(text, pos) : undefined;
    generation = 1;
    for (;;) {
      const cur = pos < text.length ? (text.codePointAt(pos) as number) : undefined;
      const width = cur === undefined ? 0 : cur > 0xffff ? 2 : 1;
      // A new start thread has the lowest priority and is added only until a match is found;
      // it shares the generation of the threads already queued for this position.
      if (matched === undefined) add(clist, cstart, this.start, pos, pos, prev, cur);
      generation++;
      nlist = [];
      nstart = [];
      steps += clist.length;
      for (let i = 0; i < clist.length; i++) {
        const pc = clist[i] as number;
        const inst = prog[pc] as Inst;
        if (inst.op === 'match') {
          matched = [cstart[i] as number, pos];
          if (anyMatch) return matched;
          break; // lower-priority threads are cut off
        }
        if (inst.op === 'char' && cur !== undefined && inst.test(cur)) {
          add(nlist, nstart, inst.next, cstart[i] as number, pos + width, cur, pos + width < text.length ? text.codePointAt(pos + width) : undefined);
        }
      }
      if (steps > 2048) {
        chargeCost(Math.ceil(steps / 16));
        steps = 0;
      }
      if (cur === undefined || (nlist.length === 0 && matched !== undefined)) break;
      clist = nlist;
      cstart = nstart;
      prev = cur;
      pos += width;
    }
    chargeCost(Math.ceil(steps / 16));
    return matched;
  }

  /** Go's FindAllString: successive non-overlapping matches, at most `limit` (negative: all). */
  findAll(text: string, limit: number): string[] {
    const out: string[] = [];
    if (limit === 0) return out;
    let pos = 0;
    let prevEnd = -1;
    while (pos <= text.length && (limit < 0 || out.length < limit)) {
      const m = this.exec(text, pos);
      if (m === undefined) break;
      let accept = true;
      if (m[1] === m[0]) {
        // An empty match right after the previous match is skipped.
        if (m[0] === prevEnd) accept = false;
        const cp = text.codePointAt(m[1]);
        pos = cp === undefined ? text.length + 1 : m[1] + (cp > 0xffff ? 2 : 1);
      } else {
        pos = m[1];
      }
      prevEnd = m[1];
      if (accept) out.push(text.slice(m[0], m[1]));
    }
    return out;
  }
}

function codePointBefore(text: string, pos: number): number | undefined {
  if (pos <= 0) return undefined;
  const low = text.charCodeAt(pos - 1);
  if (low >= 0xdc00 && low <= 0xdfff && pos >= 2) {
    const high = text.charCodeAt(pos - 2);
    if (high >= 0xd800 && high <= 0xdbff) return text.codePointAt(pos - 2);
  }
  return low;
}

function assertHolds(kind: AssertKind, pos: number, length: number, prev: number | undefined, cur: number | undefined): boolean {
  switch (kind) {
    case 'bot':
      return pos === 0;
    case 'eot':
      return pos === length;
    case 'bol':
      return pos === 0 || prev === 0x0a;
    case 'eol':
      return pos === length || cur === 0x0a;
    case 'word':
      return isWordChar(prev) !== isWordChar(cur);
    case 'nonword':
      return isWordChar(prev) === isWordChar(cur);
  }
}

const cache = new Map<string, Re2>();

/** Compiles (and caches) an RE2 pattern; throws RegexSyntaxError. */
export function compileRegex(pattern: string): Re2 {
  let re = cache.get(pattern);
  if (re === undefined) {
    re = Re2.compile(pattern);
    if (cache.size >= 500) cache.delete(cache.keys().next().value as string);
    cache.set(pattern, re);
  }
  return re;
}
