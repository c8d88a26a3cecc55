/**
 * A progress line on stderr for long scans, only when stderr is a terminal and not in CI,
 * so logs and pipes stay clean.
 */
export function progressReporter(stderr: NodeJS.WritableStream & { isTTY?: boolean }, env: NodeJS.ProcessEnv): ((done: number, total: number) => void) | undefined {
  if (stderr.isTTY !== true || (env.CI !== undefined && env.CI !== '' && env.CI !== 'false')) return undefined;
  let lastDraw = 0;
  return (done, total) => {
    if (total < 20) return;
    const now = Date.now();
    if (done < total && now - lastDraw < 100) return;
    lastDraw = now;
    stderr.write(`\rscanning ${done}/${total} files`);
    if (done === total) stderr.write('\r\u001b[K');
  };
}
