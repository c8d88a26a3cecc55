import type { Reporter } from './index.js';

/** The JSON result: versioned, described by `docs/schemas/scan-result.schema.json`. */
export const renderJson: Reporter = (result) => {
  const output = {
    schemaVersion: result.schemaVersion,
    tool: result.tool,
    failOn: result.failOn,
    exitCode: result.exitCode,
    trusted: result.trusted,
    untrustedReasons: result.untrustedReasons,
    summary: result.summary,
    findings: result.findings,
    diagnostics: result.diagnostics,
    checks: result.checks.map((check) => ({ id: check.id, title: check.meta.title, severity: check.meta.severity, category: check.meta.category })),
    ...(result.compliance ? { compliance: result.compliance } : {}),
    ...(result.exceptions ? { exceptions: result.exceptions } : {}),
  };
  return `${JSON.stringify(output, null, 2)}\n`;
};
