import { Readable, Writable } from 'node:stream';
import { runCli } from '../src/cli/program.js';
import type { CliIo } from '../src/cli/io.js';

/** What one command line did: its exit code and everything it wrote. */
export interface CommandRun {
  exitCode: number;
  stdout: string;
  stderr: string;
}

function collector(): { stream: Writable; text: () => string } {
  let text = '';
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      text += chunk.toString();
      done();
    },
  });
  return { stream, text: () => text };
}

/**
 * Runs `bulwark <args>` in-process, exactly as the binary does (`runCli`: every command, the same
 * error handling and exit codes), with standard input `stdin`, no colour, and the output captured.
 */
export async function runBulwark(args: readonly string[], stdin = ''): Promise<CommandRun> {
  const stdout = collector();
  const stderr = collector();
  const io: CliIo = { stdout: stdout.stream, stderr: stderr.stream, stdin: Readable.from([stdin]), env: { NO_COLOR: '1' } };
  const exitCode = await runCli(args, io);
  return { exitCode, stdout: stdout.text(), stderr: stderr.text() };
}
