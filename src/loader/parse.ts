import yaml from 'js-yaml';
import { KUBERNETES_YAML_SCHEMA } from '../yaml/schema.js';
import type { Diagnostic, LoadedDocument, LoaderLimits } from './types.js';

/** A document's text and where it begins, before parsing. */
interface Chunk {
  text: string;
  startLine: number;
}

const MARKER = /^(?:---|\.\.\.)(?=[ \t\r\n]|$)/gm;

/**
 * Splits a YAML stream into documents by their `---` / `...` markers. YAML forbids these
 * markers at column 0 inside any node, so a line scan is exact, and parsing each document
 * on its own lets one broken document be reported while its neighbours are still scanned.
 * Chunks holding only comments are dropped; directives are kept with their document.
 */
export function splitDocuments(text: string): Chunk[] {
  const chunks: Chunk[] = [];
  let chunkStart = 0;
  let chunkLine = 1;
  let line = 1;
  let counted = 0;
  const lineAt = (offset: number): number => {
    for (let at = text.indexOf('\n', counted); at !== -1 && at < offset; at = text.indexOf('\n', at + 1)) {
      line++;
      counted = at + 1;
    }
    if (counted < offset) counted = offset;
    return line;
  };
  const push = (end: number) => {
    const piece = text.slice(chunkStart, end);
    const previous = chunks[chunks.length - 1];
    // Directives (`%YAML 1.1`) belong to the document that follows them.
    if (previous !== undefined && !hasContent(previous.text) && /^%/m.test(previous.text) && !/^---/m.test(previous.text)) {
      previous.text += piece;
    } else {
      chunks.push({ text: piece, startLine: chunkLine });
    }
  };
  MARKER.lastIndex = 0;
  for (let match = MARKER.exec(text); match !== null; match = MARKER.exec(text)) {
    const at = match.index;
    if (match[0] === '---') {
      if (at > chunkStart) push(at);
      chunkStart = at;
      chunkLine = lineAt(at);
    } else {
      // '...' ends the current document; the line belongs to it.
      const end = text.indexOf('\n', at);
      const next = end === -1 ? text.length : end + 1;
      push(next);
      chunkStart = next;
      chunkLine = lineAt(next);
    }
  }
  if (chunkStart < text.length) push(text.length);
  return chunks.filter((chunk) => hasContent(chunk.text));
}

/** True when a text holds anything besides blank lines, comments, directives and markers. */
function hasContent(text: string): boolean {
  let at = 0;
  while (at < text.length) {
    const end = text.indexOf('\n', at);
    const lineEnd = end === -1 ? text.length : end;
    let i = at;
    while (i < lineEnd && (text[i] === ' ' || text[i] === '\t' || text[i] === '\r')) i++;
    if (i < lineEnd) {
      const c = text[i];
      const isMarker = i === at && (text.startsWith('---', i) || text.startsWith('...', i));
      if (c !== '#' && c !== '%' && !(isMarker && /^(?:---|\.\.\.)\s*(?:#.*)?$/.test(text.slice(i, lineEnd)))) return true;
    }
    if (end === -1) break;
    at = end + 1;
  }
  return false;
}

const HELM_SOURCE_MARK = '# Source: ';
const HELM_SOURCE = /^# Source: (.+?)\s*$/m;
/** `helm template` writes the `# Source:` comment first: only the head of a document is searched. */
const HELM_HEAD = 2048;

/** Counts the nodes a value expands to when aliases are followed; stops at `limit`. */
function expandedSize(value: unknown, limit: number): number {
  const memo = new Map<object, number>();
  const visit = (node: unknown): number => {
    if (node === null || typeof node !== 'object') return 1;
    const known = memo.get(node);
    if (known !== undefined) return known;
    memo.set(node, limit); // a cycle counts as over the limit
    let size = 1;
    for (const child of Array.isArray(node) ? node : Object.values(node)) {
      size += visit(child);
      if (size >= limit) break;
    }
    memo.set(node, size);
    return size;
  };
  return visit(value);
}

interface ParseOutcome {
  documents: LoadedDocument[];
  diagnostics: Diagnostic[];
}

/**
 * Parses one source text (a file or stdin) into documents. Never throws: every problem
 * becomes a diagnostic with file, line and column, and the other documents still load.
 */
export function parseSource(file: string, rawText: string, limits: LoaderLimits): ParseOutcome {
  const text = rawText.charCodeAt(0) === 0xfeff ? rawText.slice(1) : rawText;
  const documents: LoadedDocument[] = [];
  const diagnostics: Diagnostic[] = [];
  const chunks = splitDocuments(text);
  chunks.forEach((chunk, index) => {
    if (chunk.text.length > limits.maxDocumentBytes) {
      diagnostics.push({
        severity: 'error',
        code: 'document-too-large',
        message: `document ${index + 1} is ${chunk.text.length} bytes, over the limit of ${limits.maxDocumentBytes}; it was not parsed`,
        file,
        line: chunk.startLine,
        column: 1,
      });
      return;
    }
    let value: unknown;
    try {
      value = yaml.load(chunk.text, { schema: KUBERNETES_YAML_SCHEMA, filename: file, json: false });
    } catch (error) {
      diagnostics.push(parseErrorDiagnostic(error, file, chunk.startLine));
      return;
    }
    if (value === null || value === undefined) return;
    if (chunk.text.includes('&') && typeof value === 'object') {
      const size = expandedSize(value, limits.maxAliasExpansion + 1);
      if (size > limits.maxAliasExpansion) {
        diagnostics.push({
          severity: 'error',
          code: 'alias-expansion',
          message: `document ${index + 1} expands through aliases to more than ${limits.maxAliasExpansion} nodes (or refers to itself); it was not scanned`,
          file,
          line: chunk.startLine,
          column: 1,
        });
        return;
      }
    }
    // Most documents are not Helm output: a plain search of the head, backwards from its end, spares them the regular expression.
    const helm = chunk.text.lastIndexOf(HELM_SOURCE_MARK, HELM_HEAD - HELM_SOURCE_MARK.length) === -1 ? null : HELM_SOURCE.exec(chunk.text.slice(0, HELM_HEAD));
    const document: LoadedDocument = { file, index, text: chunk.text, startLine: chunk.startLine, value };
    if (helm?.[1] !== undefined) document.template = helm[1];
    documents.push(document);
  });
  return { documents, diagnostics };
}

function parseErrorDiagnostic(error: unknown, file: string, startLine: number): Diagnostic {
  if (error instanceof yaml.YAMLException) {
    const reason = error.reason || 'invalid YAML';
    const duplicate = reason.startsWith('duplicated mapping key');
    const lineText = (error.mark.buffer ?? '').split('\n')[error.mark.line] ?? '';
    const key = /^\s*(?:-\s+)?("[^"]*"|'[^']*'|[^:#]+?)\s*:/.exec(lineText.slice(Math.max(0, error.mark.column - 1)))?.[1] ?? /^\s*(?:-\s+)?("[^"]*"|'[^']*'|[^:#]+?)\s*:/.exec(lineText)?.[1];
    const opener = reason.includes('end of the stream within a flow collection') ? unclosedFlowOpener(error.mark.buffer ?? '') : undefined;
    if (opener !== undefined) {
      return { severity: 'error', code: 'yaml-syntax', message: `YAML syntax error: this ${opener.bracket} is never closed`, file, line: startLine + opener.line, column: opener.column + 1 };
    }
    return {
      severity: 'error',
      code: duplicate ? 'duplicate-key' : 'yaml-syntax',
      message: duplicate
        ? `duplicate mapping key${key === undefined ? '' : ` ${JSON.stringify(key.replace(/^["']|["']$/g, ''))}`}: the document was not scanned (the API server rejects it or keeps only one value, depending on field validation)`
        : `YAML syntax error: ${reason}`,
      file,
      line: startLine + error.mark.line,
      column: error.mark.column + 1,
    };
  }
  if (error instanceof RangeError) {
    return { severity: 'error', code: 'too-deep', message: 'document is nested too deeply to parse; it was not scanned', file, line: startLine, column: 1 };
  }
  return { severity: 'error', code: 'yaml-syntax', message: `could not parse document: ${String(error)}`, file, line: startLine, column: 1 };
}

/**
 * Where the last flow collection that is never closed was opened: js-yaml reports such an
 * error at the end of the document, but the fix belongs where the bracket is.
 */
function unclosedFlowOpener(text: string): { bracket: string; line: number; column: number } | undefined {
  const open: Array<{ bracket: string; line: number; column: number }> = [];
  let line = 0;
  let lineStart = 0;
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (c === '\n') {
      line++;
      lineStart = i + 1;
      continue;
    }
    if (quote !== undefined) {
      if (quote === '"' && c === '\\') i++;
      else if (c === quote) quote = undefined;
      continue;
    }
    if (open.length > 0 && (c === '"' || c === "'")) quote = c;
    else if (c === '#' && (i === lineStart || /\s/.test(text[i - 1] ?? ''))) {
      const end = text.indexOf('\n', i);
      i = (end === -1 ? text.length : end) - 1;
    } else if (c === '[' || c === '{') open.push({ bracket: c, line, column: i - lineStart });
    else if (c === ']' || c === '}') open.pop();
  }
  return open[0];
}

const LEADING_TRIVIA = /^(?:[ \t]*(?:#[^\n]*|%[^\n]*|---[ \t]*(?:#[^\n]*)?|\.\.\.[^\n]*)?\r?\n)*/;

/** 1-based line of a document's first content, past `---`, comments and directives. */
export function contentStartLine(document: LoadedDocument): number {
  const lead = LEADING_TRIVIA.exec(document.text)?.[0] ?? '';
  let lines = 0;
  for (let at = lead.indexOf('\n'); at !== -1; at = lead.indexOf('\n', at + 1)) lines++;
  return document.startLine + lines;
}
