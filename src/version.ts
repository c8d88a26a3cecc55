import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package manifest, found by walking up from this module (it may run from dist/ or a bundle). */
function readManifest(): { name: string; version: string } {
  let directory = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    try {
      const manifest = JSON.parse(readFileSync(join(directory, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (manifest.name === 'bulwark' && typeof manifest.version === 'string') return { name: manifest.name, version: manifest.version };
    } catch {
      // no manifest here: keep walking up
    }
    const parent = dirname(directory);
    if (parent === directory) return { name: 'bulwark', version: '0.0.0' };
    directory = parent;
  }
}

/** The package's version, as published. */
export const VERSION: string = readManifest().version;
export const TOOL_NAME = 'bulwark';
/** The project's home page. */
export const HOMEPAGE = 'https://github.com/bulwark-sec/bulwark';
/** Where per-check documentation pages live; each check's page is `<base><id>.md`. */
export const DOCS_BASE_URL = `${HOMEPAGE}/blob/main/docs/checks/`;
