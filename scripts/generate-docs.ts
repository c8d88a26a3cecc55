import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BUILTIN_CHECKS } from '../src/checks/index.js';
import { POLICY_SCHEMA } from '../src/policy/schema.js';
import { renderCheckIndex, renderCheckPage, ROOT, withReadmeCatalogue } from './check-docs.js';

/** Writes docs/checks/ from check meta, prose and cases; removes pages of checks that are gone. */
const directory = join(ROOT, 'docs', 'checks');
await mkdir(directory, { recursive: true });
const expected = new Set(['README.md', ...BUILTIN_CHECKS.map((check) => `${check.id}.md`)]);
for (const name of await readdir(directory)) if (!expected.has(name)) await rm(join(directory, name));
for (const check of BUILTIN_CHECKS) await writeFile(join(directory, `${check.id}.md`), await renderCheckPage(check));
await writeFile(join(directory, 'README.md'), renderCheckIndex());
await writeFile(join(ROOT, 'docs', 'schemas', 'bulwark-config.schema.json'), `${JSON.stringify(POLICY_SCHEMA, null, 2)}\n`);
const readme = join(ROOT, 'README.md');
await writeFile(readme, withReadmeCatalogue(await readFile(readme, 'utf8')));
process.stderr.write(`wrote ${BUILTIN_CHECKS.length} check pages to docs/checks/ and the README catalogue\n`);
