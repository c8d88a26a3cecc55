#!/usr/bin/env node
// Runs every *.test.ts under src/ and test/ with node's test runner (Node 20 has no glob
// support in --test), shows the spec report, and ends with one plain line
// "N passed, N failed" that CI systems read.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const files = [];
const walk = (dir) => {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (name.endsWith('.test.ts')) files.push(relative(root, path));
  }
};
const only = process.argv.slice(2);
if (only.length > 0) files.push(...only);
else for (const dir of ['src', 'test']) walk(join(root, dir));

const scratch = mkdtempSync(join(tmpdir(), 'bulwark-tests-'));
const tap = join(scratch, 'report.tap');
const run = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-reporter=spec', '--test-reporter-destination=stdout', '--test-reporter=tap', `--test-reporter-destination=${tap}`, ...files],
  { cwd: root, stdio: 'inherit' },
);
let passed = 0;
let failed = 0;
try {
  const report = readFileSync(tap, 'utf8');
  passed = Number(/^# pass (\d+)$/m.exec(report)?.[1] ?? 0);
  failed = Number(/^# fail (\d+)$/m.exec(report)?.[1] ?? 0);
} catch {
  failed = Math.max(failed, 1);
}
rmSync(scratch, { recursive: true, force: true });
console.log(`${passed} passed, ${failed} failed`);
process.exit(run.status === 0 && failed === 0 && passed > 0 ? 0 : 1);
