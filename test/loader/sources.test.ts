import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { listSources, readSource } from '../../src/loader/sources.js';
import { DEFAULT_LIMITS } from '../../src/loader/types.js';
import { scan } from '../../src/scan.js';

const root = mkdtempSync(join(tmpdir(), 'bulwark-sources-'));
after(() => rmSync(root, { recursive: true, force: true }));

const pod = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: a, image: "nginx"}]\n';

describe('sources', () => {
  it('walks directories recursively in sorted order, for .yaml, .yml and .json only', async () => {
    mkdirSync(join(root, 'tree/b/deep'), { recursive: true });
    mkdirSync(join(root, 'tree/.git'), { recursive: true });
    mkdirSync(join(root, 'tree/node_modules/x'), { recursive: true });
    writeFileSync(join(root, 'tree/b/deep/z.yml'), pod);
    writeFileSync(join(root, 'tree/a.yaml'), pod);
    writeFileSync(join(root, 'tree/c.JSON'), '{}');
    writeFileSync(join(root, 'tree/readme.md'), '# no');
    writeFileSync(join(root, 'tree/.git/config.yaml'), pod);
    writeFileSync(join(root, 'tree/node_modules/x/pkg.yaml'), pod);
    symlinkSync(join(root, 'tree'), join(root, 'tree/b/loop'));
    const listing = await listSources([join(root, 'tree')]);
    assert.deepEqual(
      listing.files.map((file) => file.slice(root.length + 1)),
      ['tree/a.yaml', 'tree/b/deep/z.yml', 'tree/c.JSON'],
    );
    assert.deepEqual(listing.diagnostics, []);
  });

  it('reads a named file whatever its extension, and reports missing ones', async () => {
    writeFileSync(join(root, 'manifest.txt'), pod);
    const listing = await listSources([join(root, 'manifest.txt'), join(root, 'missing.yaml')]);
    assert.equal(listing.files.length, 1);
    assert.equal(listing.diagnostics[0]?.code, 'unreadable');
    assert.match(listing.diagnostics[0]?.message ?? '', /no such file or directory/);
  });

  it('refuses files over the size limit with a clear error', async () => {
    writeFileSync(join(root, 'big.yaml'), pod.repeat(50));
    const read = await readSource(join(root, 'big.yaml'), { ...DEFAULT_LIMITS, maxFileBytes: 100 });
    assert.ok('severity' in read);
    assert.equal(read.code, 'file-too-large');
  });

  it('reads a pipe named as a file (process substitution) while its writer is still writing', { skip: process.platform === 'win32' }, async () => {
    const fifo = join(root, 'rendered.yaml');
    execFileSync('mkfifo', [fifo]);
    // The writer opens the pipe and writes in two parts, after the reader has started.
    const writing = (async () => {
      const handle = await open(fifo, 'w');
      await handle.write(pod.slice(0, 20));
      await new Promise((resolve) => setTimeout(resolve, 20));
      await handle.write(pod.slice(20));
      await handle.close();
    })();
    const read = await readSource(fifo, DEFAULT_LIMITS);
    await writing;
    assert.ok(!('severity' in read));
    assert.equal(read.text, pod);
  });

  it('scans a file named with - from standard input, and a directory in the same run', async () => {
    const { Readable } = await import('node:stream');
    const result = await scan({ paths: ['-', join(root, 'tree')], stdin: Readable.from([Buffer.from(pod)]) });
    assert.deepEqual([...new Set(result.findings.map((finding) => finding.file))].map((file) => file.replace(root, '')).sort(), ['/tree/a.yaml', '/tree/b/deep/z.yml', '<stdin>']);
  });
});
