import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = new URL('..', import.meta.url).pathname;
/** External corpora, read in place: present on CI, maybe not on a user's machine. */
export const CORPUS = join(ROOT, '..', 'shared', 'corpus');
export const HAS_CORPUS = existsSync(CORPUS);

/** Files under a directory with one of the extensions, sorted. */
export function filesUnder(directory: string, extensions: readonly string[]): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (extensions.some((extension) => name.endsWith(extension))) out.push(path);
    }
  };
  walk(directory);
  return out;
}

/** Tells the reader once that corpus tests were not run, instead of passing silently. */
export function noteMissingCorpus(what: string): void {
  process.stderr.write(`note: ${CORPUS} is not present; ${what} not run\n`);
}

/**
 * The first checks Bulwark had: tests of reporters and the engine pin the catalogue to
 * these so that adding a check does not change what those tests expect.
 */
export const CORE_CHECKS = ['privileged-container', 'privilege-escalation-allowed', 'run-as-root-allowed', 'image-latest-tag', 'image-not-pinned-by-digest'];
