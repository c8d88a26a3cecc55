import { createRequire } from 'node:module';

const manifest = createRequire(import.meta.url)('../package.json') as { name: string; version: string };

/** The package's version, as published. */
export const VERSION: string = manifest.version;
export const TOOL_NAME = 'bulwark';
/** The project's home page. */
export const HOMEPAGE = 'https://github.com/bulwark-sec/bulwark';
/** Where per-check documentation pages live; each check's page is `<base><id>.md`. */
export const DOCS_BASE_URL = `${HOMEPAGE}/blob/main/docs/checks/`;
