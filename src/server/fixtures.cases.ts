/** Test helpers of the admission server: recorded AdmissionReviews and policies (not part of the build). */
import { readFileSync } from 'node:fs';
import { BUILTIN_CHECKS } from '../checks/index.js';
import { parsePolicy } from '../policy/load.js';
import type { LoadedPolicy } from '../policy/types.js';
import { readAdmissionReview, type AdmissionRequest } from './admission-review.js';

/** The text of a recorded AdmissionReview in testdata/. */
export function fixtureText(name: string): string {
  return readFileSync(new URL(`./testdata/${name}`, import.meta.url), 'utf8');
}

/** A recorded AdmissionReview, parsed and read (a fresh copy each time: the reader fills in fields). */
export function fixture(name: string, change?: (review: { request: Record<string, unknown> }) => void): AdmissionRequest {
  const body = JSON.parse(fixtureText(name)) as { request: Record<string, unknown> };
  change?.(body);
  return readAdmissionReview(body);
}

/** A policy from text, as `bulwark.yaml` would give it. */
export function policyOf(text: string, now = new Date('2026-03-28T12:00:00Z')): LoadedPolicy {
  return parsePolicy('bulwark.yaml', text, BUILTIN_CHECKS, now);
}

/**
 * A policy with `admission:` settings at the top level and at the levels named `<key>.<index>`
 * (`environments.0`), put into the parsed document, where the server reads them: as the loader
 * leaves them when `bulwark.yaml` has the key.
 */
export function policyWithAdmission(text: string, admission: Record<string, unknown>, levels: Record<string, Record<string, unknown>> = {}): LoadedPolicy {
  const policy = policyOf(text);
  const document = policy.document.value as Record<string, unknown>;
  document.admission = admission;
  for (const [path, settings] of Object.entries(levels)) {
    const [key, index] = path.split('.') as [string, string];
    ((document[key] as Array<Record<string, unknown>>)[Number(index)] as Record<string, unknown>).admission = settings;
  }
  return policy;
}
