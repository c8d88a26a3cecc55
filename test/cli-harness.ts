import { Readable, Writable } from 'node:stream';
import { Command, CommanderError } from 'commander';
import { BulwarkError } from '../src/errors/index.js';
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

/**
 * Runs `bulwark <args>` on a fresh program holding only the commands `register` adds, so a test
 * can hand a command what the full program would (a policy loader, say). Errors map to exit codes
 * as in `runCli`; an error is reported without its fix line.
 */
export async function runRegistered(register: (program: Command, io: CliIo, state: { exitCode: number }) => void, args: readonly string[], stdin = ''): Promise<CommandRun> {
  const stdout = collector();
  const stderr = collector();
  const io: CliIo = { stdout: stdout.stream, stderr: stderr.stream, stdin: Readable.from([stdin]), env: { NO_COLOR: '1' } };
  const state = { exitCode: 2 };
  const program = new Command('bulwark')
    .enablePositionalOptions()
    .exitOverride()
    .configureOutput({ writeOut: (text) => io.stdout.write(text), writeErr: (text) => io.stderr.write(text) });
  register(program, io, state);
  try {
    await program.parseAsync([...args], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) state.exitCode = error.code === 'commander.helpDisplayed' ? 0 : 2;
    else if (error instanceof BulwarkError) {
      io.stderr.write(`bulwark: error ${error.code}: ${error.message}\n`);
      state.exitCode = error.code === 'BULWARK_E_INPUT' ? 3 : 2;
    } else throw error;
  }
  return { exitCode: state.exitCode, stdout: stdout.text(), stderr: stderr.text() };
}
