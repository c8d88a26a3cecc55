import type { Path } from '../yaml/path.js';

export type DiagnosticSeverity = 'error' | 'warning' | 'note';

/** Something about the input that is not a finding: a parse error, a skipped document, an unreadable file. */
export interface Diagnostic {
  severity: DiagnosticSeverity;
  /** Stable code, e.g. `yaml-syntax`, `duplicate-key`, `alias-expansion`, `not-kubernetes`. */
  code: string;
  message: string;
  file: string;
  line?: number;
  column?: number;
}

/** One YAML or JSON document of a source, parsed. */
export interface LoadedDocument {
  file: string;
  /** 0-based position of the document in its file. */
  index: number;
  /** The document's own text (from its `---` line, if any, to the next document). */
  text: string;
  /** 1-based line in the file where `text` begins. */
  startLine: number;
  /** Template named by a Helm `# Source:` comment, if the document has one. */
  template?: string;
  value: unknown;
}

export interface LoaderLimits {
  /** Files larger than this are not read. */
  maxFileBytes: number;
  /** Documents larger than this are not parsed. */
  maxDocumentBytes: number;
  /** Nodes a document may expand to through aliases. */
  maxAliasExpansion: number;
}

export const DEFAULT_LIMITS: LoaderLimits = {
  maxFileBytes: 64 * 1024 * 1024,
  maxDocumentBytes: 8 * 1024 * 1024,
  maxAliasExpansion: 1_000_000,
};

export type { Path };
