/**
 * Compiles src/ into dist/ as `tsc -p tsconfig.build.json` does (the same options, the same
 * diagnostics on standard output, the same exit status), with the build's one transform:
 * `for…of` over arrays becomes an indexed loop (see scripts/indexed-loops.ts and
 * docs/decisions/0008-indexed-loops-in-the-build.md).
 */
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { indexedLoops } from './indexed-loops.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

function report(diagnostics: readonly ts.Diagnostic[]): void {
  if (diagnostics.length === 0) return;
  const host: ts.FormatDiagnosticsHost = { getCanonicalFileName: (name) => name, getCurrentDirectory: () => ROOT, getNewLine: () => ts.sys.newLine };
  ts.sys.write(process.stdout.isTTY ? ts.formatDiagnosticsWithColorAndContext(diagnostics, host) : ts.formatDiagnostics(diagnostics, host));
  const errors = diagnostics.filter((diagnostic) => diagnostic.category === ts.DiagnosticCategory.Error).length;
  if (errors > 0) ts.sys.write(`${ts.sys.newLine}Found ${errors} error${errors === 1 ? '' : 's'}.${ts.sys.newLine}`);
}

let configProblem: ts.Diagnostic | undefined;
const config = ts.getParsedCommandLineOfConfigFile(`${ROOT}tsconfig.build.json`, undefined, {
  ...ts.sys,
  onUnRecoverableConfigFileDiagnostic: (diagnostic) => (configProblem = diagnostic),
});
if (config === undefined) {
  report(configProblem === undefined ? [] : [configProblem]);
  process.exit(1);
}
const program = ts.createProgram({ rootNames: config.fileNames, options: config.options, projectReferences: config.projectReferences, configFileParsingDiagnostics: config.errors });
// As tsc orders them: syntax errors first, and the type checker's only when there are none.
let diagnostics: ts.Diagnostic[] = [...program.getConfigFileParsingDiagnostics(), ...program.getOptionsDiagnostics(), ...program.getSyntacticDiagnostics()];
if (diagnostics.length === 0) {
  diagnostics = [...program.getGlobalDiagnostics()];
  if (diagnostics.length === 0) diagnostics = [...program.getSemanticDiagnostics()];
}
const emitted = program.emit(undefined, undefined, undefined, false, { before: [indexedLoops(program)] });
diagnostics = [...ts.sortAndDeduplicateDiagnostics([...diagnostics, ...emitted.diagnostics])];
report(diagnostics);
// As tsc: output is written even when there are errors, and the exit status says which happened.
if (diagnostics.some((diagnostic) => diagnostic.category === ts.DiagnosticCategory.Error)) process.exit(emitted.emitSkipped ? 1 : 2);
