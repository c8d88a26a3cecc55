import { BulwarkError } from '../errors/index.js';
import { isReportFormat, REPORT_FORMATS, type ReportFormat } from '../report/index.js';

/** Where one rendering of the result goes. */
export interface OutputTarget {
  format: ReportFormat;
  /** A file path, or undefined for standard output. */
  file: string | undefined;
}

export type OutputToken = { kind: 'format'; value: string } | { kind: 'output'; value: string };

const EXTENSION_FORMATS: Record<string, ReportFormat> = {
  '.sarif': 'sarif',
  '.json': 'json',
  '.xml': 'junit',
  '.md': 'markdown',
  '.html': 'html',
  '.htm': 'html',
  '.txt': 'text',
};

function formatFromExtension(file: string): ReportFormat | undefined {
  const lower = file.toLowerCase();
  for (const [extension, format] of Object.entries(EXTENSION_FORMATS)) if (lower.endsWith(extension)) return format;
  return undefined;
}

/**
 * Pairs `--format` and `--output` flags in the order given: each `--output` belongs to the
 * latest `--format` that has no file yet; an `--output` with no format to pair takes its
 * format from the file's extension. Formats without a file go to standard output, and at
 * most one may.
 */
export function pairOutputs(tokens: readonly OutputToken[], defaultFormat: ReportFormat = 'text'): OutputTarget[] {
  const targets: Array<{ format: ReportFormat; file: string | undefined }> = [];
  for (const token of tokens) {
    if (token.kind === 'format') {
      if (!isReportFormat(token.value)) {
        throw new BulwarkError('BULWARK_E_UNKNOWN_FORMAT', `unknown format "${token.value}"`, `Use one of: ${REPORT_FORMATS.join(', ')}.`);
      }
      targets.push({ format: token.value, file: undefined });
      continue;
    }
    const open = targets.at(-1);
    if (open !== undefined && open.file === undefined) open.file = token.value;
    else targets.push({ format: formatFromExtension(token.value) ?? defaultFormat, file: token.value });
  }
  if (targets.length === 0) targets.push({ format: defaultFormat, file: undefined });
  const toStdout = targets.filter((target) => target.file === undefined);
  if (toStdout.length > 1) {
    throw new BulwarkError(
      'BULWARK_E_USAGE',
      `${toStdout.length} formats would go to standard output (${toStdout.map((target) => target.format).join(', ')})`,
      'Give each extra --format its own --output FILE.',
    );
  }
  return targets;
}
