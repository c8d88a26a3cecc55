import { BulwarkError } from '../errors/index.js';
import type { ScanResult } from '../scan.js';
import { renderHtml } from './html.js';
import { renderJson } from './json.js';
import { renderJunit } from './junit.js';
import { renderMarkdown } from './markdown.js';
import { renderSarif } from './sarif.js';
import { renderText } from './text.js';

export const REPORT_FORMATS = ['text', 'json', 'sarif', 'junit', 'markdown', 'html'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface RenderOptions {
  /** Colour severities with ANSI escapes (only when writing to a terminal). */
  color: boolean;
}

/** A reporter turns a scan result into the text of one output format. */
export type Reporter = (result: ScanResult, options: RenderOptions) => string;

export const REPORTERS: Readonly<Record<ReportFormat, Reporter>> = {
  text: renderText,
  json: renderJson,
  sarif: renderSarif,
  junit: renderJunit,
  markdown: renderMarkdown,
  html: renderHtml,
};

export function isReportFormat(value: string): value is ReportFormat {
  return (REPORT_FORMATS as readonly string[]).includes(value);
}

/** Renders a result in a format; a usage error for an unknown format. */
export function renderReport(result: ScanResult, format: string, options: RenderOptions = { color: false }): string {
  if (!isReportFormat(format)) {
    throw new BulwarkError('BULWARK_E_UNKNOWN_FORMAT', `unknown format "${format}"`, `Use one of: ${REPORT_FORMATS.join(', ')}.`);
  }
  return REPORTERS[format](result, options);
}
