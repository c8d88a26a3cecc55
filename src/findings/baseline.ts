import { readFile } from 'node:fs/promises';
import { BulwarkError } from '../errors/index.js';
import type { Finding } from './types.js';

export const BASELINE_SCHEMA_VERSION = '1';

/** Known findings, by fingerprint, that should not fail the gate. */
export interface Baseline {
  schemaVersion: string;
  createdAt: string;
  entries: BaselineEntry[];
}

export interface BaselineEntry {
  fingerprint: string;
  checkId: string;
  /** `kind namespace/name` for people reading the file; matching uses the fingerprint. */
  resource: string;
  path: string;
}

export function createBaseline(findings: readonly Finding[], now: Date = new Date()): Baseline {
  const seen = new Set<string>();
  const entries: BaselineEntry[] = [];
  for (const finding of findings) {
    if (seen.has(finding.fingerprint)) continue;
    seen.add(finding.fingerprint);
    const { kind, namespace, name } = finding.resource;
    entries.push({ fingerprint: finding.fingerprint, checkId: finding.checkId, resource: `${kind} ${namespace ? `${namespace}/` : ''}${name}`, path: finding.path });
  }
  entries.sort((a, b) => a.checkId.localeCompare(b.checkId) || a.resource.localeCompare(b.resource) || a.path.localeCompare(b.path));
  return { schemaVersion: BASELINE_SCHEMA_VERSION, createdAt: now.toISOString(), entries };
}

/** Reads and validates a baseline file; a usage error (exit 2) when it is missing or malformed. */
export async function readBaseline(file: string): Promise<Baseline> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new BulwarkError('BULWARK_E_BASELINE', `cannot read baseline ${file}: ${(error as Error).message}`, 'Create one with `bulwark baseline create -o FILE <paths>`.');
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new BulwarkError('BULWARK_E_BASELINE', `baseline ${file} is not valid JSON: ${(error as Error).message}`);
  }
  const baseline = data as Partial<Baseline>;
  if (baseline === null || typeof baseline !== 'object' || baseline.schemaVersion !== BASELINE_SCHEMA_VERSION || !Array.isArray(baseline.entries)) {
    throw new BulwarkError('BULWARK_E_BASELINE', `baseline ${file} is not a Bulwark baseline (schemaVersion "${BASELINE_SCHEMA_VERSION}" with an entries array)`);
  }
  baseline.entries.forEach((entry, i) => {
    if (entry === null || typeof entry !== 'object' || typeof entry.fingerprint !== 'string') {
      throw new BulwarkError('BULWARK_E_BASELINE', `baseline ${file}: entries[${i}] has no fingerprint`);
    }
  });
  return baseline as Baseline;
}

/** Marks findings whose fingerprint is in the baseline as suppressed; returns how many. */
export function applyBaseline(findings: Finding[], baseline: Baseline): number {
  const known = new Set(baseline.entries.map((entry) => entry.fingerprint));
  let suppressed = 0;
  for (const finding of findings) {
    if (known.has(finding.fingerprint)) {
      finding.status = 'suppressed';
      finding.suppressedBy = 'baseline';
      suppressed++;
    }
  }
  return suppressed;
}
