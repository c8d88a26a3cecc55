import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Diagnostic } from '../loader/types.js';

/** What every command needs to talk to the world: streams and environment. Tests pass fakes. */
export interface CliIo {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  stdin: NodeJS.ReadableStream;
  env: NodeJS.ProcessEnv;
}

/** Exit codes, the same in every command. */
export const EXIT = { clean: 0, findings: 1, usage: 2, untrusted: 3 } as const;

/** Colour on a terminal, unless NO_COLOR says otherwise; FORCE_COLOR turns it on anywhere. */
export function useColor(io: CliIo, stream: { isTTY?: boolean }): boolean {
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') return false;
  if (io.env.FORCE_COLOR !== undefined && io.env.FORCE_COLOR !== '0') return true;
  return stream.isTTY === true;
}

/** Writes each input error (a file that could not be read, a document that did not parse) to standard error, with file:line:column. */
export function reportInputErrors(io: CliIo, diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const errors = diagnostics.filter((diagnostic) => diagnostic.severity === 'error');
  for (const problem of errors) io.stderr.write(`bulwark: error ${problem.file}${problem.line !== undefined ? `:${problem.line}:${problem.column ?? 1}` : ''}: ${problem.message}\n`);
  return errors;
}

/** Writes a command's output to a file, making its folder; `what` is said on standard error (`wrote <what>`). */
export async function writeOutputFile(file: string, text: string, io: CliIo, what: string = file): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, text);
  io.stderr.write(`wrote ${what}\n`);
}
