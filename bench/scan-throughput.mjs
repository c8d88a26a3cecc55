/**
 * Scan throughput benchmark (`npm run bench`). See bench/README.md for what is measured.
 *
 * Generates a deterministic corpus in a temporary directory, then measures, each run in a
 * fresh child process: a bare js-yaml parse of the corpus, a full library scan of it, and
 * the wall time of the CLI on one small file. Prints a table, PASS/MISS per target and one
 * `BENCH_JSON {...}` line. Missed targets are reported, never turned into a failing exit code.
 *
 * Environment: BENCH_REPS (default 7) and BENCH_CLI_RUNS (default 15) change the repetitions.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeCorpus, writeSmallFile } from './corpus.mjs';
import { fmt, median, positiveInt } from './lib.mjs';

const BENCH_DIR = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(BENCH_DIR, '..');
const MEASURE = join(BENCH_DIR, 'measure.mjs');
const CLI = join(ROOT, 'dist', 'cli', 'bulwark.js');

const SEED = 0xb01a4c;
const REPS = positiveInt(process.env.BENCH_REPS, 7);
const CLI_RUNS = positiveInt(process.env.BENCH_CLI_RUNS, 15);
const TARGETS = { ratioPercent: 40, scanRssMB: 300, cliMs: 250 };

const MB = 1e6; // decimal megabytes everywhere, for sizes and RSS alike



const verdict = (pass) => (pass ? 'PASS' : 'MISS');

/** Runs one measurement in a fresh Node process and returns its JSON report. */
function measure(mode, corpusDir, warmupFile) {
  const child = spawnSync(process.execPath, ['--expose-gc', MEASURE, mode, corpusDir, warmupFile], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 120_000,
    maxBuffer: 16 * 1024 * 1024,
  });
  if (child.status !== 0) {
    const reason = child.error?.message ?? (child.stderr.trim() || `exit ${child.status ?? child.signal}`);
    throw new Error(`${mode} measurement failed: ${reason}${mode === 'scan' ? '\n(is dist/ built? run `npm run build`)' : ''}`);
  }
  return JSON.parse(child.stdout.trim().split('\n').pop());
}

/** Median figures of several runs of one mode. */
function summarize(runs, corpus) {
  const ms = median(runs.map((run) => run.elapsedMs));
  const seconds = ms / 1000;
  return {
    runs: runs.length,
    medianMs: ms,
    minMs: Math.min(...runs.map((run) => run.elapsedMs)),
    maxMs: Math.max(...runs.map((run) => run.elapsedMs)),
    resourcesPerSec: corpus.resources / seconds,
    mbPerSec: corpus.bytes / MB / seconds,
    peakRssMB: (median(runs.map((run) => run.peakRssKiB)) * 1024) / MB,
    maxPeakRssMB: (Math.max(...runs.map((run) => run.peakRssKiB)) * 1024) / MB,
    startRssMB: (median(runs.map((run) => run.startRssKiB)) * 1024) / MB,
    resources: runs[0].resources,
  };
}

/** Wall time of `bulwark scan <file> --format json`, process start to exit, as a user sees it. */
function timeCli(file, cwd) {
  if (!existsSync(CLI)) return { status: 'skipped', reason: 'CLI not built' };
  const invoke = () => {
    const started = performance.now();
    const child = spawnSync(process.execPath, [CLI, 'scan', file, '--format', 'json'], { cwd, encoding: 'utf8', timeout: 30_000, maxBuffer: 64 * 1024 * 1024 });
    return { ms: performance.now() - started, child };
  };
  // Exit 1 means "found problems", which this file has; anything else means the CLI did not do its job.
  const failure = ({ child }) =>
    child.status === 0 || child.status === 1 ? undefined : `exit ${child.status ?? child.signal}: ${(child.error?.message ?? child.stderr.trim().split('\n')[0]) || 'no output'}`;
  const first = invoke(); // untimed: brings node and dist/ into the page cache
  if (failure(first)) return { status: 'error', reason: failure(first) };
  let jsonOutput = true;
  try {
    JSON.parse(first.child.stdout);
  } catch {
    jsonOutput = false;
  }
  const times = [];
  for (let i = 0; i < CLI_RUNS; i++) {
    const run = invoke();
    if (failure(run)) return { status: 'error', reason: failure(run) };
    times.push(run.ms);
  }
  const medianMs = median(times);
  return {
    status: 'measured',
    runs: CLI_RUNS,
    medianMs,
    minMs: Math.min(...times),
    maxMs: Math.max(...times),
    exitCode: first.child.status,
    jsonOutput,
    target: TARGETS.cliMs,
    pass: medianMs < TARGETS.cliMs,
  };
}

function main() {
  const benchStarted = performance.now();
  const tmp = mkdtempSync(join(tmpdir(), 'bulwark-bench-'));
  const cleanup = () => rmSync(tmp, { recursive: true, force: true });
  // Ctrl-C should not leave 16 MB of manifests behind in the temp directory.
  const onSignal = (signal) => {
    cleanup();
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    const corpusDir = join(tmp, 'corpus');
    const extraDir = join(tmp, 'single');
    mkdirSync(corpusDir);
    mkdirSync(extraDir);
    const generationStarted = performance.now();
    const corpus = writeCorpus(corpusDir, { seed: SEED, resources: 10_000, files: 200, namespaces: 50 });
    const generationMs = performance.now() - generationStarted;
    // Outside the corpus directory, so it is neither scanned with it nor counted.
    const small = writeSmallFile(join(extraDir, 'checkout-api.yaml'));

    console.log(`Bulwark scan throughput — node ${process.version}, ${process.platform} ${process.arch}, ${availableParallelism()} CPUs`);
    const kinds = Object.entries(corpus.kinds)
      .sort((a, b) => b[1] - a[1])
      .map(([kind, count]) => `${kind} ${fmt(count)}`)
      .join(', ');
    console.log(
      `Corpus: ${fmt(corpus.resources)} resources in ${corpus.files.length} files, ${corpus.namespaces} namespaces, ${fmt(corpus.bytes / MB, 1)} MB` +
        ` (seed 0x${SEED.toString(16)}, generated in ${fmt(generationMs)} ms)`,
    );
    console.log(`        ${kinds}`);
    console.log(`Running ${REPS} repetitions of each measurement, each in a fresh process…`);

    // Interleaved (parse, scan, parse, scan …) so that drift in machine load hits both alike.
    const runs = { parse: [], scan: [], 'scan-all': [] };
    for (let rep = 0; rep < REPS; rep++) {
      for (const mode of ['parse', 'scan', 'scan-all']) runs[mode].push(measure(mode, corpusDir, small.path));
    }
    const parse = summarize(runs.parse, corpus);
    const scanned = summarize(runs.scan, corpus);
    const scannedAll = summarize(runs['scan-all'], corpus);
    scannedAll.findings = runs['scan-all'][runs['scan-all'].length - 1].findings;
    const last = runs.scan[runs.scan.length - 1];
    Object.assign(scanned, {
      findings: last.findings,
      findingsWithLine: last.findingsWithLine,
      bySeverity: last.bySeverity,
      byCheck: last.byCheck,
      errors: last.errors,
      trusted: last.trusted,
    });
    for (const [mode, summary] of [['parse', parse], ['scan', scanned]]) {
      if (summary.resources !== corpus.resources) console.log(`WARNING: ${mode} saw ${summary.resources} resources, the corpus has ${corpus.resources}`);
    }

    console.log(`Timing the CLI on one file (${small.resources} resources), ${CLI_RUNS} runs…`);
    const cli = timeCli(small.path, extraDir);

    const ratioPercent = (scanned.resourcesPerSec / parse.resourcesPerSec) * 100;
    const ratioPass = ratioPercent >= TARGETS.ratioPercent;
    const rssPass = scanned.peakRssMB <= TARGETS.scanRssMB;

    const rows = [
      ['', 'median ms (min–max)', 'resources/s', 'MB/s', 'peak RSS'],
      ['bare parse (js-yaml loadAll)', parse],
      ['bulwark scan (default checks, lines)', scanned],
      ['bulwark scan (every check, lines)', scannedAll],
    ].map((row) =>
      row.length === 5
        ? row
        : [row[0], `${fmt(row[1].medianMs)} (${fmt(row[1].minMs)}–${fmt(row[1].maxMs)})`, fmt(row[1].resourcesPerSec), fmt(row[1].mbPerSec, 1), `${fmt(row[1].peakRssMB)} MB`],
    );
    const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
    console.log('');
    for (const row of rows) console.log('  ' + row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join('   '));
    console.log('');
    const severities = Object.entries(scanned.bySeverity)
      .filter(([, count]) => count > 0)
      .map(([severity, count]) => `${severity} ${fmt(count)}`)
      .join(', ');
    console.log(`  findings: ${fmt(scanned.findings)} (${severities}); ${fmt(scanned.findingsWithLine)} with line numbers`);
    console.log(`  by check: ${Object.entries(scanned.byCheck).map(([id, count]) => `${id} ${fmt(count)}`).join(', ')}`);
    if (scanned.errors > 0 || !scanned.trusted) console.log(`  WARNING: the scan reported ${scanned.errors} input errors (trusted: ${scanned.trusted})`);
    console.log(`  process RSS before work: parse ${fmt(parse.startRssMB)} MB, scan ${fmt(scanned.startRssMB)} MB`);
    console.log('');
    console.log('Targets');
    console.log(`  scan throughput / bare parse            ${fmt(ratioPercent, 1).padStart(7)} %    target ≥ ${TARGETS.ratioPercent} %     ${verdict(ratioPass)}`);
    console.log(`  scan peak RSS                           ${fmt(scanned.peakRssMB).padStart(7)} MB   target ≤ ${TARGETS.scanRssMB} MB   ${verdict(rssPass)}`);
    // The full catalogue: the opt-in checks (the PSS presets among them) run as well.
    const allRatioPercent = (scannedAll.resourcesPerSec / parse.resourcesPerSec) * 100;
    const allRatioPass = allRatioPercent >= TARGETS.ratioPercent;
    console.log(`  every check (incl. opt-in) / bare parse ${fmt(allRatioPercent, 1).padStart(7)} %    target ≥ ${TARGETS.ratioPercent} %     ${verdict(allRatioPass)}  (${fmt(scannedAll.findings)} findings, peak ${fmt(scannedAll.peakRssMB)} MB)`);
    if (cli.status === 'measured') {
      const note = `  (exit ${cli.exitCode}${cli.jsonOutput ? '' : ', output was not valid JSON'})`;
      console.log(`  CLI, one file (median of ${cli.runs})           ${fmt(cli.medianMs).padStart(7)} ms   target < ${TARGETS.cliMs} ms   ${verdict(cli.pass)}${note}`);
    } else {
      console.log(`  CLI, one file                            ${cli.status}: ${cli.reason}`);
    }
    const totalSeconds = (performance.now() - benchStarted) / 1000;
    console.log(`\nTotal benchmark time ${fmt(totalSeconds, 1)} s`);

    const round = (value, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;
    const figures = (summary) => ({
      runs: summary.runs,
      medianMs: round(summary.medianMs),
      minMs: round(summary.minMs),
      maxMs: round(summary.maxMs),
      resourcesPerSec: Math.round(summary.resourcesPerSec),
      mbPerSec: round(summary.mbPerSec, 2),
      peakRssMB: round(summary.peakRssMB),
      maxPeakRssMB: round(summary.maxPeakRssMB),
      resources: summary.resources,
    });
    const json = {
      environment: { node: process.version, platform: process.platform, arch: process.arch, cpus: availableParallelism() },
      corpus: { seed: `0x${SEED.toString(16)}`, resources: corpus.resources, files: corpus.files.length, namespaces: corpus.namespaces, bytes: corpus.bytes, mb: round(corpus.bytes / MB, 2), kinds: corpus.kinds },
      parse: figures(parse),
      scan: {
        ...figures(scanned),
        findings: scanned.findings,
        findingsWithLine: scanned.findingsWithLine,
        bySeverity: scanned.bySeverity,
        byCheck: scanned.byCheck,
        errors: scanned.errors,
        trusted: scanned.trusted,
      },
      scanEveryCheck: { ...figures(scannedAll), findings: scannedAll.findings, ratioPercent: round(allRatioPercent) },
      targets: {
        scanToParseRatio: { valuePercent: round(ratioPercent), target: `>= ${TARGETS.ratioPercent}%`, pass: ratioPass },
        everyCheckToParseRatio: { valuePercent: round(allRatioPercent), target: `>= ${TARGETS.ratioPercent}%`, pass: allRatioPass },
        scanPeakRss: { valueMB: round(scanned.peakRssMB), target: `<= ${TARGETS.scanRssMB} MB`, pass: rssPass },
        cliSingleFile:
          cli.status === 'measured'
            ? { status: 'measured', medianMs: round(cli.medianMs), minMs: round(cli.minMs), maxMs: round(cli.maxMs), runs: cli.runs, exitCode: cli.exitCode, jsonOutput: cli.jsonOutput, target: `< ${TARGETS.cliMs} ms`, pass: cli.pass }
            : { status: cli.status, reason: cli.reason, target: `< ${TARGETS.cliMs} ms`, pass: null },
      },
      totalSeconds: round(totalSeconds),
    };
    console.log(`BENCH_JSON ${JSON.stringify(json)}`);
  } finally {
    cleanup();
  }
}

try {
  main();
} catch (error) {
  // A broken measurement (not a missed target) is a real failure of the benchmark.
  console.error(`bench: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
