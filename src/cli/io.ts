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
