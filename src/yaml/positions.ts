import type { LoadedDocument } from '../loader/types.js';
import { LineIndex } from './lines.js';
import { composeDocument, locateInComposed, type ComposedDocument } from './locate-fallback.js';
import { locateInBlockYaml, locateLastInBlockYaml, UnsupportedLayout, type BlockText, type StepCache } from './locate-block.js';
import { JsonPathNotFound, locateInJson } from './locate-json.js';
import type { Path } from './path.js';

export interface SourcePosition {
  /** 1-based line in the file. */
  line: number;
  /** 1-based column. */
  column: number;
}

interface DocumentState {
  /** The text with its line starts, for the block reader. */
  block?: BlockText;
  steps?: StepCache;
  lineIndex?: LineIndex;
  composed?: ComposedDocument;
  flow?: boolean;
  /** Which reader served the last look-up: for tests and measurements. */
  lastReader?: 'block' | 'json' | 'composed';
}

const states = new WeakMap<LoadedDocument, DocumentState>();

function stateOf(document: LoadedDocument): DocumentState {
  let state = states.get(document);
  if (state === undefined) {
    state = {};
    states.set(document, state);
  }
  return state;
}

/** The document's text with its line starts, for the block reader: made from the one line index of the document. */
function blockOf(state: DocumentState, document: LoadedDocument): BlockText {
  state.lineIndex ??= new LineIndex(document.text);
  state.block ??= { text: document.text, starts: state.lineIndex.starts };
  return state.block;
}

function firstContentIsFlow(text: string): boolean {
  const match = /^(?:\s|#[^\n]*\n|%[^\n]*\n|---[ \t]*(?:#[^\n]*)?(?=\n))*(.)/.exec(text);
  return match?.[1] === '{' || match?.[1] === '[';
}

/**
 * Positions of each segment of a path that exists in the document's data, in the file's
 * lines and columns. Documents are indexed only when first asked: a scan pays for
 * positions only in documents that have findings.
 */
export function locatePath(document: LoadedDocument, path: Path): SourcePosition[] {
  return locate(document, path, false);
}

/** Position of the last segment of a path (the field itself), or undefined for the empty path. */
export function locateField(document: LoadedDocument, path: Path): SourcePosition | undefined {
  if (path.length === 0) return undefined;
  const state = stateOf(document);
  state.flow ??= firstContentIsFlow(document.text);
  if (!state.flow) {
    // The common case, kept free of intermediate arrays: it runs once per finding.
    try {
      const block = blockOf(state, document);
      state.steps ??= {};
      const position = locateLastInBlockYaml(block, 0, path, state.steps);
      state.lastReader = 'block';
      return position === undefined ? undefined : { line: document.startLine + position.line, column: position.column + 1 };
    } catch (error) {
      if (!(error instanceof UnsupportedLayout)) throw error;
    }
  }
  return locate(document, path, true)[0];
}

/** Positions of every segment, or (with `lastOnly`) of the last one alone, sparing the rest. */
function locate(document: LoadedDocument, path: Path, lastOnly: boolean): SourcePosition[] {
  const state = stateOf(document);
  const pick = <T>(all: T[]): T[] => (lastOnly ? all.slice(-1) : all);
  state.flow ??= firstContentIsFlow(document.text);
  if (state.flow) {
    try {
      state.lineIndex ??= new LineIndex(document.text);
      const index = state.lineIndex;
      const offsets = locateInJson(document.text, 0, path);
      state.lastReader = 'json';
      return pick(offsets).map((offset) => shift(document, index.position(offset)));
    } catch (error) {
      if (!(error instanceof JsonPathNotFound)) throw error;
    }
  } else {
    try {
      const block = blockOf(state, document);
      state.steps ??= {};
      const found = locateInBlockYaml(block, 0, path, state.steps);
      state.lastReader = 'block';
      return pick(found).map((position) => ({ line: document.startLine + position.line, column: position.column + 1 }));
    } catch (error) {
      if (!(error instanceof UnsupportedLayout)) throw error;
    }
  }
  state.composed ??= composeDocument(document.text);
  state.lineIndex ??= new LineIndex(document.text);
  const index = state.lineIndex;
  state.lastReader = 'composed';
  return pick(locateInComposed(state.composed, path)).map((offset) => shift(document, index.position(offset)));
}

function shift(document: LoadedDocument, position: { line: number; column: number }): SourcePosition {
  return { line: document.startLine + position.line - 1, column: position.column };
}

/** Which reader answered the last look-up in a document (for tests). */
export function lastReaderOf(document: LoadedDocument): DocumentState['lastReader'] {
  return states.get(document)?.lastReader;
}

/** Drops a document's position index; the next look-up builds it again. */
export function releasePositions(document: LoadedDocument): void {
  states.delete(document);
}
