import { statSync } from 'node:fs';

/** What identifies a file's version without reading it; `missing` while it does not exist. */
function signatureOf(file: string): string {
  try {
    const stat = statSync(file);
    return `${stat.ino}:${stat.size}:${stat.mtimeMs}:${stat.ctimeMs}`;
  } catch {
    return 'missing';
  }
}

/**
 * Polls files for changes. Polling rather than `fs.watch`: Kubernetes updates a mounted Secret
 * or ConfigMap by swapping a symbolic link, which inotify watches on the files do not follow;
 * `stat` does. One `stat` per file per interval costs nothing next to the requests.
 */
export class FilePoller {
  private signatures: string[];
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly files: readonly string[],
    private readonly onChange: () => void,
  ) {
    this.signatures = files.map(signatureOf);
  }

  /** Looks once; calls `onChange` (once) when any file changed since the last look. */
  poll(): boolean {
    const now = this.files.map(signatureOf);
    const changed = now.some((signature, index) => signature !== this.signatures[index]);
    this.signatures = now;
    if (changed) this.onChange();
    return changed;
  }

  start(intervalMs: number): void {
    this.stop();
    this.timer = setInterval(() => this.poll(), intervalMs);
    // Polling alone never keeps the process alive.
    this.timer.unref();
  }

  stop(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
  }
}
