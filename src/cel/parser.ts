/**
 * Lexer and recursive-descent parser for the CEL grammar (cel-spec langdef), including
 * optional syntax (`a.?b`, `a[?b]`, `[?x]`, `{?k: v}`), backtick-quoted field names and
 * the standard and two-variable comprehension macros, which are expanded here like cel-go
 * does (macros are recognised by name and argument count, not by type).
 */
import { children, type Expr, type MacroExpr, type MacroName, type MapEntry } from './ast.js';
import { CelUint, INT64_MAX, UINT64_MAX } from './values.js';

export class CelSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
    this.name = 'CelSyntaxError';
  }
}

export interface ParseLimits {
  /** Maximum nesting depth of the expression (cel-go's default recursion limit is 250). */
  maxDepth: number;
  /** Maximum expression length in code points (cel-go's default is 100,000). */
  maxLength: number;
}

export const DEFAULT_PARSE_LIMITS: ParseLimits = { maxDepth: 250, maxLength: 100_000 };

type TokenKind = 'eof' | 'int' | 'uint' | 'double' | 'string' | 'bytes' | 'ident' | 'quoted' | 'punct';

interface Token {
  kind: TokenKind;
  /** Identifier or punctuation text. */
  text: string;
  /** Literal value: bigint magnitude for int/uint, number, string, or bytes. */
  value: bigint | number | string | Uint8Array | undefined;
  start: number;
  end: number;
}

const RESERVED = new Set([
  'as',
  'break',
  'const',
  'continue',
  'else',
  'for',
  'function',
  'if',
  'import',
  'let',
  'loop',
  'package',
  'namespace',
  'return',
  'var',
  'void',
  'while',
]);

const PUNCTUATION = ['==', '!=', '<=', '>=', '&&', '||', '<', '>', '+', '-', '*', '/', '%', '!', '?', ':', '.', ',', '(', ')', '[', ']', '{', '}'];

const isDigit = (c: number) => c >= 48 && c <= 57;
const isHex = (c: number) => isDigit(c) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
const isIdentStart = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
const isIdentPart = (c: number) => isIdentStart(c) || isDigit(c);

class Lexer {
  private pos = 0;
  constructor(private readonly src: string) {}

  next(): Token {
    this.skipSpace();
    const src = this.src;
    const start = this.pos;
    if (start >= src.length) return { kind: 'eof', text: '', value: undefined, start, end: start };
    const c = src.charCodeAt(start);
    if (isDigit(c) || (c === 46 && isDigit(src.charCodeAt(start + 1)))) return this.number();
    if (isIdentStart(c)) {
      const prefixed = this.prefixedString();
      if (prefixed !== undefined) return prefixed;
      let end = start + 1;
      while (end < src.length && isIdentPart(src.charCodeAt(end))) end++;
      this.pos = end;
      return { kind: 'ident', text: src.slice(start, end), value: undefined, start, end };
    }
    if (c === 34 || c === 39) return this.string(start, false, false);
    if (c === 96) return this.quotedIdent();
    for (const p of PUNCTUATION) {
      if (src.startsWith(p, start)) {
        this.pos = start + p.length;
        return { kind: 'punct', text: p, value: undefined, start, end: this.pos };
      }
    }
    const ch = String.fromCodePoint(src.codePointAt(start) ?? c);
    throw new CelSyntaxError(`unexpected character '${ch}'`, start);
  }

  private skipSpace(): void {
    const src = this.src;
    while (this.pos < src.length) {
      const c = src.charCodeAt(this.pos);
      if (c === 32 || c === 9 || c === 10 || c === 13 || c === 12) {
        this.pos++;
      } else if (c === 47 && src.charCodeAt(this.pos + 1) === 47) {
        while (this.pos < src.length && src.charCodeAt(this.pos) !== 10) this.pos++;
      } else {
        break;
      }
    }
  }

  private number(): Token {
    const src = this.src;
    const start = this.pos;
    let p = start;
    if (src.charCodeAt(p) === 48 && (src[p + 1] === 'x' || src[p + 1] === 'X')) {
      p += 2;
      const digitsStart = p;
      while (p < src.length && isHex(src.charCodeAt(p))) p++;
      if (p === digitsStart) throw new CelSyntaxError('invalid hexadecimal literal', start);
      const magnitude = BigInt(`0x${src.slice(digitsStart, p)}`);
      return this.finishInt(start, p, magnitude);
    }
    while (p < src.length && isDigit(src.charCodeAt(p))) p++;
    let isDouble = false;
    if (src.charCodeAt(p) === 46 && isDigit(src.charCodeAt(p + 1))) {
      isDouble = true;
      p++;
      while (p < src.length && isDigit(src.charCodeAt(p))) p++;
    }
    if (src[p] === 'e' || src[p] === 'E') {
      let q = p + 1;
      if (src[q] === '+' || src[q] === '-') q++;
      if (isDigit(src.charCodeAt(q))) {
        isDouble = true;
        p = q;
        while (p < src.length && isDigit(src.charCodeAt(p))) p++;
      }
    }
    if (isDouble) {
      if (p < src.length && isIdentPart(src.charCodeAt(p))) throw new CelSyntaxError(`invalid number literal '${src.slice(start, p + 1)}'`, start);
      this.pos = p;
      return { kind: 'double', text: src.slice(start, p), value: Number(src.slice(start, p)), start, end: p };
    }
    return this.finishInt(start, p, BigInt(src.slice(start, p)));
  }

  private finishInt(start: number, end: number, magnitude: bigint): Token {
    const src = this.src;
    let p = end;
    let kind: TokenKind = 'int';
    if (src[p] === 'u' || src[p] === 'U') {
      kind = 'uint';
      p++;
    }
    if (p < src.length && isIdentPart(src.charCodeAt(p))) throw new CelSyntaxError(`invalid number literal '${src.slice(start, p + 1)}'`, start);
    if (kind === 'uint' && magnitude > UINT64_MAX) throw new CelSyntaxError('unsigned integer literal out of range', start);
    this.pos = p;
    return { kind, text: src.slice(start, p), value: magnitude, start, end: p };
  }

  /** String and bytes literals with r/b prefixes: r'..', b"..", br'''..''', ... */
  private prefixedString(): Token | undefined {
    const src = this.src;
    const start = this.pos;
    let p = start;
    let raw = false;
    let bytes = false;
    for (let i = 0; i < 2 && p < src.length; i++) {
      const ch = src[p];
      if ((ch === 'r' || ch === 'R') && !raw) raw = true;
      else if ((ch === 'b' || ch === 'B') && !bytes) bytes = true;
      else break;
      p++;
    }
    if (p === start || (src[p] !== '"' && src[p] !== "'")) return undefined;
    this.pos = p;
    return this.string(start, raw, bytes);
  }

  private string(start: number, raw: boolean, bytes: boolean): Token {
    const src = this.src;
    let p = this.pos;
    const quote = src[p] as string;
    const triple = src.startsWith(quote.repeat(3), p);
    const delimiter = triple ? quote.repeat(3) : quote;
    p += delimiter.length;
    const codePoints: number[] = []; // for strings
    const out: number[] = []; // for bytes
    const emit = (cp: number) => {
      if (bytes) {
        if (cp < 0x80) out.push(cp);
        else out.push(...Buffer.from(String.fromCodePoint(cp), 'utf8'));
      } else {
        codePoints.push(cp);
      }
    };
    for (;;) {
      if (p >= src.length) throw new CelSyntaxError('unterminated string literal', start);
      if (src.startsWith(delimiter, p)) {
        p += delimiter.length;
        break;
      }
      const cp = src.codePointAt(p) as number;
      if (!triple && (cp === 10 || cp === 13)) throw new CelSyntaxError('newline in string literal', p);
      if (cp !== 92 || raw) {
        emit(cp);
        p += cp > 0xffff ? 2 : 1;
        continue;
      }
      // Escape sequence.
      const escStart = p;
      const e = src[p + 1];
      p += 2;
      switch (e) {
        case 'a':
          emit(7);
          break;
        case 'b':
          emit(8);
          break;
        case 'f':
          emit(12);
          break;
        case 'n':
          emit(10);
          break;
        case 'r':
          emit(13);
          break;
        case 't':
          emit(9);
          break;
        case 'v':
          emit(11);
          break;
        case '\\':
        case '?':
        case '"':
        case "'":
        case '`':
          emit((e as string).charCodeAt(0));
          break;
        case 'x':
        case 'X': {
          const hex = src.slice(p, p + 2);
          if (!/^[0-9a-fA-F]{2}$/.test(hex)) throw new CelSyntaxError('invalid \\x escape', escStart);
          const v = parseInt(hex, 16);
          if (bytes) out.push(v);
          else codePoints.push(v);
          p += 2;
          break;
        }
        case 'u':
        case 'U': {
          if (bytes) throw new CelSyntaxError(`\\${e} escapes are not allowed in bytes literals`, escStart);
          const width = e === 'u' ? 4 : 8;
          const hex = src.slice(p, p + width);
          if (hex.length !== width || !/^[0-9a-fA-F]+$/.test(hex)) throw new CelSyntaxError(`invalid \\${e} escape`, escStart);
          const v = parseInt(hex, 16);
          if (v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff)) throw new CelSyntaxError(`invalid code point in \\${e} escape`, escStart);
          codePoints.push(v);
          p += width;
          break;
        }
        default: {
          if (e !== undefined && e >= '0' && e <= '3') {
            const oct = src.slice(p - 1, p + 2);
            if (!/^[0-3][0-7]{2}$/.test(oct)) throw new CelSyntaxError('invalid octal escape', escStart);
            const v = parseInt(oct, 8);
            if (bytes) out.push(v);
            else codePoints.push(v);
            p += 2;
            break;
          }
          throw new CelSyntaxError(`invalid escape sequence '\\${e ?? ''}'`, escStart);
        }
      }
    }
    this.pos = p;
    if (bytes) return { kind: 'bytes', text: src.slice(start, p), value: Uint8Array.from(out), start, end: p };
    let text = '';
    for (let i = 0; i < codePoints.length; i += 4096) text += String.fromCodePoint(...codePoints.slice(i, i + 4096));
    return { kind: 'string', text: src.slice(start, p), value: text, start, end: p };
  }

  private quotedIdent(): Token {
    const src = this.src;
    const start = this.pos;
    const end = src.indexOf('`', start + 1);
    if (end < 0) throw new CelSyntaxError('unterminated quoted identifier', start);
    const name = src.slice(start + 1, end);
    if (name === '' || !/^[A-Za-z0-9_.\-/ ]+$/.test(name)) throw new CelSyntaxError(`invalid quoted identifier \`${name}\``, start);
    this.pos = end + 1;
    return { kind: 'quoted', text: name, value: undefined, start, end: end + 1 };
  }
}

/** Parses an expression; throws CelSyntaxError with the offset of the problem. */
export function parse(source: string, limits: ParseLimits = DEFAULT_PARSE_LIMITS): Expr {
  let length = 0;
  for (const _ of source) {
    if (++length > limits.maxLength) throw new CelSyntaxError(`expression is longer than ${limits.maxLength} code points`, 0);
  }
  return new Parser(source, limits).parseRoot();
}

class Parser {
  private readonly lexer: Lexer;
  private tok: Token;
  private depth = 0;

  constructor(
    private readonly src: string,
    private readonly limits: ParseLimits,
  ) {
    this.lexer = new Lexer(src);
    this.tok = this.lexer.next();
  }

  parseRoot(): Expr {
    const expr = this.expr();
    if (this.tok.kind !== 'eof') this.unexpected();
    // Operator and selection chains are parsed iteratively; later passes recurse, so bound the tree depth too.
    const deepest = deepestNode(expr, this.limits.maxDepth);
    if (deepest !== undefined) throw new CelSyntaxError(`expression nests deeper than ${this.limits.maxDepth} levels`, deepest.offset);
    return expr;
  }

  private advance(): Token {
    const t = this.tok;
    this.tok = this.lexer.next();
    return t;
  }

  private isPunct(text: string): boolean {
    return this.tok.kind === 'punct' && this.tok.text === text;
  }

  private accept(text: string): boolean {
    if (!this.isPunct(text)) return false;
    this.advance();
    return true;
  }

  private expect(text: string): Token {
    if (!this.isPunct(text)) this.unexpected(`'${text}'`);
    return this.advance();
  }

  private unexpected(expected?: string): never {
    const t = this.tok;
    const what = t.kind === 'eof' ? 'end of expression' : `'${this.src.slice(t.start, t.end)}'`;
    throw new CelSyntaxError(`unexpected ${what}${expected === undefined ? '' : `, expected ${expected}`}`, t.start);
  }

  private enter(offset: number): void {
    if (++this.depth > this.limits.maxDepth) throw new CelSyntaxError(`expression nests deeper than ${this.limits.maxDepth} levels`, offset);
  }

  private expr(): Expr {
    this.enter(this.tok.start);
    const condition = this.conditionalOr();
    let result = condition;
    if (this.isPunct('?')) {
      const offset = this.advance().start;
      const then = this.conditionalOr();
      this.expect(':');
      const otherwise = this.expr();
      result = { kind: 'conditional', offset, condition, then, otherwise };
    }
    this.depth--;
    return result;
  }

  private conditionalOr(): Expr {
    const terms = [this.conditionalAnd()];
    const offsets: number[] = [];
    while (this.isPunct('||')) {
      offsets.push(this.advance().start);
      terms.push(this.conditionalAnd());
    }
    return balance('or', terms, offsets, 0, terms.length - 1);
  }

  private conditionalAnd(): Expr {
    const terms = [this.relation()];
    const offsets: number[] = [];
    while (this.isPunct('&&')) {
      offsets.push(this.advance().start);
      terms.push(this.relation());
    }
    return balance('and', terms, offsets, 0, terms.length - 1);
  }

  private relation(): Expr {
    let left = this.addition();
    for (;;) {
      const t = this.tok;
      let name: string | undefined;
      if (t.kind === 'punct') {
        name = { '<': '_<_', '<=': '_<=_', '>': '_>_', '>=': '_>=_', '==': '_==_', '!=': '_!=_' }[t.text];
      } else if (t.kind === 'ident' && t.text === 'in') {
        name = '@in';
      }
      if (name === undefined) return left;
      this.advance();
      left = { kind: 'call', offset: t.start, name, target: undefined, args: [left, this.addition()] };
    }
  }

  private addition(): Expr {
    let left = this.multiplication();
    while (this.isPunct('+') || this.isPunct('-')) {
      const t = this.advance();
      left = { kind: 'call', offset: t.start, name: `_${t.text}_`, target: undefined, args: [left, this.multiplication()] };
    }
    return left;
  }

  private multiplication(): Expr {
    let left = this.unary();
    while (this.isPunct('*') || this.isPunct('/') || this.isPunct('%')) {
      const t = this.advance();
      left = { kind: 'call', offset: t.start, name: `_${t.text}_`, target: undefined, args: [left, this.unary()] };
    }
    return left;
  }

  private unary(): Expr {
    if (this.isPunct('!')) {
      const offset = this.tok.start;
      let count = 0;
      while (this.accept('!')) count++;
      this.enter(offset);
      const operand = this.unary();
      this.depth--;
      // Like cel-go, an even number of '!' is the operand itself.
      return count % 2 === 0 ? operand : { kind: 'call', offset, name: '!_', target: undefined, args: [operand] };
    }
    if (this.isPunct('-')) {
      const offset = this.tok.start;
      let count = 0;
      while (this.accept('-')) count++;
      let operand: Expr;
      const t = this.tok;
      if (t.kind === 'int' || t.kind === 'double') {
        // A minus directly before a number is part of the literal, so -9223372036854775808 parses.
        this.advance();
        count--;
        operand = this.member(this.numberLiteral(t, true));
      } else {
        this.enter(offset);
        operand = this.unary();
        this.depth--;
      }
      return count % 2 === 0 ? operand : { kind: 'call', offset, name: '-_', target: undefined, args: [operand] };
    }
    return this.member(this.primary());
  }

  private numberLiteral(t: Token, negative: boolean): Expr {
    if (t.kind === 'double') {
      const v = t.value as number;
      return { kind: 'literal', offset: t.start, value: negative ? -v : v };
    }
    const magnitude = t.value as bigint;
    if (t.kind === 'uint') return { kind: 'literal', offset: t.start, value: new CelUint(magnitude) };
    const value = negative ? -magnitude : magnitude;
    if (value > INT64_MAX || value < -INT64_MAX - 1n) throw new CelSyntaxError('integer literal out of range', t.start);
    return { kind: 'literal', offset: t.start, value };
  }

  private member(expr: Expr): Expr {
    for (;;) {
      if (this.isPunct('.')) {
        const dot = this.advance();
        const optional = this.accept('?');
        const t = this.tok;
        if (t.kind !== 'ident' && t.kind !== 'quoted') this.unexpected('a field name');
        this.advance();
        const name = t.text;
        if (t.kind === 'ident' && this.isPunct('(')) {
          if (optional) throw new CelSyntaxError('a method cannot be called with .?', dot.start);
          this.advance();
          const args = this.exprList(')');
          expr = this.call(t.start, name, expr, args);
          continue;
        }
        if (t.kind === 'ident' && this.isPunct('{') && !optional && qualifiedName(expr) !== undefined) {
          expr = this.struct(`${qualifiedName(expr)}.${name}`, t.start);
          continue;
        }
        expr = { kind: 'select', offset: t.start, operand: expr, field: name, optional };
        continue;
      }
      if (this.isPunct('[')) {
        const open = this.advance();
        const optional = this.accept('?');
        const index = this.expr();
        this.expect(']');
        expr = { kind: 'index', offset: open.start, operand: expr, index, optional };
        continue;
      }
      return expr;
    }
  }

  private primary(): Expr {
    const t = this.tok;
    switch (t.kind) {
      case 'int':
      case 'uint':
      case 'double':
        this.advance();
        return this.numberLiteral(t, false);
      case 'string':
      case 'bytes':
        this.advance();
        return { kind: 'literal', offset: t.start, value: t.value as string | Uint8Array };
      case 'ident':
        return this.identOrCall(false);
      case 'punct':
        break;
      default:
        this.unexpected();
    }
    if (t.text === '.') {
      this.advance();
      if (this.tok.kind !== 'ident') this.unexpected('an identifier');
      return this.identOrCall(true);
    }
    if (t.text === '(') {
      this.advance();
      const inner = this.expr();
      this.expect(')');
      return inner;
    }
    if (t.text === '[') {
      this.advance();
      this.enter(t.start);
      const elements: Expr[] = [];
      const optional: boolean[] = [];
      while (!this.isPunct(']')) {
        optional.push(this.accept('?'));
        elements.push(this.expr());
        if (!this.accept(',')) break;
      }
      this.expect(']');
      this.depth--;
      return { kind: 'list', offset: t.start, elements, optional };
    }
    if (t.text === '{') {
      this.advance();
      this.enter(t.start);
      const entries: MapEntry[] = [];
      while (!this.isPunct('}')) {
        const optional = this.accept('?');
        const key = this.expr();
        this.expect(':');
        const value = this.expr();
        entries.push({ key, value, optional });
        if (!this.accept(',')) break;
      }
      this.expect('}');
      this.depth--;
      return { kind: 'map', offset: t.start, entries };
    }
    this.unexpected();
  }

  private identOrCall(absolute: boolean): Expr {
    const t = this.advance();
    const name = t.text;
    if (name === 'true' || name === 'false') return { kind: 'literal', offset: t.start, value: name === 'true' };
    if (name === 'null') return { kind: 'literal', offset: t.start, value: null };
    if (name === 'in' || RESERVED.has(name)) throw new CelSyntaxError(`reserved identifier '${name}'`, t.start);
    if (this.isPunct('(')) {
      this.advance();
      const args = this.exprList(')');
      return this.call(t.start, absolute ? `.${name}` : name, undefined, args);
    }
    if (this.isPunct('{')) return this.struct(absolute ? `.${name}` : name, t.start);
    return { kind: 'ident', offset: t.start, name, absolute };
  }

  private exprList(close: string): Expr[] {
    const args: Expr[] = [];
    while (!this.isPunct(close)) {
      args.push(this.expr());
      if (!this.accept(',')) break;
    }
    this.expect(close);
    return args;
  }

  private struct(typeName: string, offset: number): Expr {
    this.expect('{');
    const fields: { name: string; value: Expr; optional: boolean }[] = [];
    while (!this.isPunct('}')) {
      const optional = this.accept('?');
      const f = this.tok;
      if (f.kind !== 'ident' && f.kind !== 'quoted') this.unexpected('a field name');
      this.advance();
      this.expect(':');
      fields.push({ name: f.text, value: this.expr(), optional });
      if (!this.accept(',')) break;
    }
    this.expect('}');
    return { kind: 'struct', offset, typeName, fields };
  }

  /** Builds a call, expanding macros. */
  private call(offset: number, name: string, target: Expr | undefined, args: Expr[]): Expr {
    if (target === undefined) {
      if (name === 'has' && args.length === 1) {
        const arg = args[0] as Expr;
        if (arg.kind !== 'select' || arg.optional) throw new CelSyntaxError('has() requires a field selection as its argument', offset);
        return { kind: 'has', offset, operand: arg.operand, field: arg.field };
      }
      return { kind: 'call', offset, name, target, args };
    }
    const macro = this.macro(offset, name, target, args);
    return macro ?? { kind: 'call', offset, name, target, args };
  }

  private macro(offset: number, name: string, range: Expr, args: Expr[]): MacroExpr | undefined {
    const n = args.length;
    const variable = (i: number): string => {
      const a = args[i] as Expr;
      if (a.kind !== 'ident' || a.absolute) throw new CelSyntaxError(`${name}() variable names must be simple identifiers`, a.offset);
      return a.name;
    };
    const make = (macro: MacroName, vars: number): MacroExpr => {
      const iterVar = variable(0);
      const iterVar2 = vars === 2 ? variable(1) : undefined;
      if (iterVar2 !== undefined && iterVar2 === iterVar) throw new CelSyntaxError(`${name}() variable names must differ`, offset);
      return { kind: 'macro', offset, macro, range, iterVar, iterVar2, args: args.slice(vars) };
    };
    switch (name) {
      case 'all':
      case 'exists':
        if (n === 2) return make(name, 1);
        if (n === 3) return make(name, 2);
        return undefined;
      case 'exists_one':
      case 'existsOne':
        if (n === 2) return make('exists_one', 1);
        if (n === 3) return make('exists_one', 2);
        return undefined;
      case 'map':
        if (n === 2 || n === 3) return make('map', 1);
        return undefined;
      case 'filter':
        return n === 2 ? make('filter', 1) : undefined;
      case 'transformList':
      case 'transformMap':
      case 'transformMapEntry':
        return n === 3 || n === 4 ? make(name, 2) : undefined;
      case 'optMap':
      case 'optFlatMap':
        return n === 2 ? make(name, 1) : undefined;
      default:
        return undefined;
    }
  }
}

/** The first node found below `limit` levels (iteratively, so deep trees cannot overflow the stack). */
function deepestNode(root: Expr, limit: number): Expr | undefined {
  const stack: Array<[Expr, number]> = [[root, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop() as [Expr, number];
    if (depth > limit) return node;
    for (const child of children(node)) stack.push([child, depth + 1]);
  }
  return undefined;
}

/**
 * Builds a balanced tree for a chain of `&&` or `||` (like cel-go), so long chains stay shallow;
 * the operators are associative, errors included.
 */
function balance(kind: 'and' | 'or', terms: Expr[], offsets: number[], lo: number, hi: number): Expr {
  if (lo === hi) return terms[lo] as Expr;
  const mid = (lo + hi) >> 1;
  return { kind, offset: offsets[mid] as number, left: balance(kind, terms, offsets, lo, mid), right: balance(kind, terms, offsets, mid + 1, hi) };
}

/** `a.b.c` as a dotted name when the expression is a chain of plain selections. */
export function qualifiedName(expr: Expr): string | undefined {
  if (expr.kind === 'ident') return expr.absolute ? `.${expr.name}` : expr.name;
  if (expr.kind === 'select' && !expr.optional) {
    const base = qualifiedName(expr.operand);
    return base === undefined ? undefined : `${base}.${expr.field}`;
  }
  return undefined;
}
