/**
 * Compiles src/ into dist/ as `tsc -p tsconfig.build.json` does (the same options, diagnostics
 * and exit status), with the build's one transform: `for…of` over arrays becomes an indexed
 * loop (see scripts/indexed-loops.ts and docs/decisions/0008-indexed-loops-in-the-build.md).
 */
import ts from 'typescript';
import { indexedLoops } from './indexed-loops.js';

const ROOT = new URL('..', import.meta.url).pathname;

function report(diagnostics: readonly ts.Diagnostic[]): void {
  if (diagnostics.length === 0) return;
  const host: ts.FormatDiagnosticsHost = { getCanonicalFileName: (name) => name, getCurrentDirectory: () => ROOT, getNewLine: () => '\n' };
  const text = process.stderr.isTTY ? ts.formatDiagnosticsWithColorAndContext(diagnostics, host) : ts.formatDiagnostics(diagnostics, host);
  process.stderr.write(text);
}

let configProblem: ts.Diagnostic | undefined;
const config = ts.getParsedCommandLineOfConfigFile(`${ROOT}tsconfig.build.json`, undefined, {
  ...ts.sys,
  onUnRecoverableConfigFileDiagnostic: (diagnostic) => (configProblem = diagnostic),
});
if (config === undefined) {
  report(configProblem === undefined ? [] : [configProblem]);
  process.exit(2);
}
const program = ts.createProgram({ rootNames: config.fileNames, options: config.options, projectReferences: config.projectReferences, configFileParsingDiagnostics: config.errors });
const emitted = program.emit(undefined, undefined, undefined, false, { before: [indexedLoops(program)] });
const diagnostics = ts.sortAndDeduplicateDiagnostics([...ts.getPreEmitDiagnostics(program), ...emitted.diagnostics]);
report(diagnostics);
// As tsc: output is written even when there are errors, and the exit status says so.
if (diagnostics.some((diagnostic) => diagnostic.category === ts.DiagnosticCategory.Error)) process.exit(emitted.emitSkipped ? 1 : 2);
