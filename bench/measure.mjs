/**
 * One measurement, run in a fresh process by scan-throughput.mjs so that its peak RSS
 * belongs to this measurement alone (maxRSS is a high-water mark; it cannot be reset).
 *
 *   node --expose-gc bench/measure.mjs <parse|scan> <corpus-dir> <warm-up-file>
 *
 * Prints one JSON line with the timing, counts and memory figures.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import yaml from 'js-yaml';

const [mode, corpusDir, warmupFile] = process.argv.slice(2);
if (!['parse', 'scan', 'scan-all'].includes(mode) || !corpusDir || !warmupFile) {
  console.error('usage: node --expose-gc bench/measure.mjs <parse|scan|scan-all> <corpus-dir> <warm-up-file>');
  process.exit(2);
}

/** The baseline: find the files, read them and parse every document, keeping the values (as a scanner must). */
async function bareParse(paths) {
  const files = [];
  for (const path of paths) {
    if (path.endsWith('.yaml') || path.endsWith('.yml')) files.push(path);
    else {
      const entries = await readdir(path, { recursive: true });
      for (const entry of entries.sort()) if (entry.endsWith('.yaml') || entry.endsWith('.yml')) files.push(join(path, entry));
    }
  }
  const documents = [];
  for (const file of files) {
    const text = await readFile(file, 'utf8');
    for (const value of yaml.loadAll(text)) if (value !== null && value !== undefined) documents.push(value);
  }
  return { files, documents };
}

function parseCounts({ files, documents }) {
  return { files: files.length, resources: documents.filter((doc) => typeof doc === 'object' && 'kind' in doc).length };
}

// Loaded only in scan mode, so the bare-parse process does not carry the library's memory.
const { scan, BUILTIN_CHECKS } = mode === 'parse' ? {} : await import('../dist/index.js');

async function fullScan(paths) {
  // `scan` runs what `bulwark scan` runs by default; `scan-all` adds the checks that are opt-in.
  return scan(mode === 'scan-all' ? { paths, checks: BUILTIN_CHECKS.map((check) => check.id) } : { paths });
}

function scanCounts(result) {
  return {
    files: result.summary.files,
    resources: result.summary.resources,
    findings: result.findings.length,
    // Every finding should carry a real position; this guards against a "fast" scan that skipped them.
    findingsWithLine: result.findings.filter((finding) => Number.isInteger(finding.line) && finding.line >= 1).length,
    bySeverity: result.summary.bySeverity,
    byCheck: result.findings.reduce((counts, finding) => ((counts[finding.checkId] = (counts[finding.checkId] ?? 0) + 1), counts), {}),
    errors: result.summary.errors,
    trusted: result.trusted,
  };
}

const run = mode === 'parse' ? bareParse : fullScan;
const startRssKiB = Math.round(process.memoryUsage().rss / 1024);

// A short warm-up on a small file loads lazily imported code and lets V8 compile the hot
// functions once; the timed run then measures throughput, not first-call costs (which the
// single-file CLI timing covers). Its memory footprint is negligible next to the corpus.
await run([warmupFile]);
globalThis.gc?.(); // so garbage from the warm-up does not add to the measured run's peak

// Only the work itself is timed; the counts below are the benchmark's own bookkeeping. The
// outcome stays referenced until memory is read, as a caller would hold it.
const started = performance.now();
const outcome = await run([corpusDir]);
const elapsedMs = performance.now() - started;
const counts = mode === 'parse' ? parseCounts(outcome) : scanCounts(outcome);

process.stdout.write(
  JSON.stringify({
    mode,
    elapsedMs,
    ...counts,
    startRssKiB,
    peakRssKiB: process.resourceUsage().maxRSS, // KiB on every platform Node supports
  }) + '\n',
);
