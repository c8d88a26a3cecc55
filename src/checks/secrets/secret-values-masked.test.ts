import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Check } from '../../engine/types.js';
import { parseSource } from '../../loader/parse.js';
import { DEFAULT_LIMITS } from '../../loader/types.js';
import { evaluateCheck, type CheckCases } from '../../testing/index.js';
import { decodeBase64, textOrBytes } from '../shared/masking.js';
import { findTokens } from '../shared/secret-detection.js';
import { secretDataInManifest } from './secret-data-in-manifest.js';
import { cases as secretDataInManifestCases } from './secret-data-in-manifest.cases.js';
import { secretInAnnotation } from './secret-in-annotation.js';
import { cases as secretInAnnotationCases } from './secret-in-annotation.cases.js';
import { secretInConfigmap } from './secret-in-configmap.js';
import { cases as secretInConfigmapCases } from './secret-in-configmap.cases.js';
import { secretInEnvValue } from './secret-in-env-value.js';
import { cases as secretInEnvValueCases } from './secret-in-env-value.cases.js';
import { secretValueReused } from './secret-value-reused.js';
import { cases as secretValueReusedCases } from './secret-value-reused.cases.js';

/**
 * Findings of the secrets checks must never carry a secret. This runs every check over its
 * own invalid cases and looks for any value of the input (env values, Secret and ConfigMap
 * data, annotations, decoded and as credentials found inside them) in the messages.
 * (`secret-as-env-var` is left out: it only sees references to Secrets, never values.)
 */
const CHECKS: [Check, CheckCases][] = [
  [secretInEnvValue, secretInEnvValueCases],
  [secretInConfigmap, secretInConfigmapCases],
  [secretInAnnotation, secretInAnnotationCases],
  [secretDataInManifest, secretDataInManifestCases],
  [secretValueReused, secretValueReusedCases],
];

/** Shorter strings (`app`, `db`) would match words that messages rightly contain. */
const MIN_LENGTH = 4;

function expand(text: string, into: Set<string>): void {
  if (text.length < MIN_LENGTH || into.has(text)) return;
  into.add(text);
  for (const line of text.split('\n')) if (line.trim().length >= MIN_LENGTH) into.add(line.trim());
  for (const match of findTokens(text)) into.add(match.text);
  const bytes = decodeBase64(text);
  const decoded = bytes === undefined ? undefined : textOrBytes(bytes);
  if (typeof decoded === 'string') expand(decoded, into);
  try {
    collect(JSON.parse(text) as unknown, false, into);
  } catch {
    // not JSON
  }
}

/** Strings held where secrets live: env values, data/stringData/binaryData, annotations. */
function collect(node: unknown, secretPlace: boolean, into: Set<string>): void {
  if (typeof node === 'string') {
    if (secretPlace) expand(node, into);
    return;
  }
  if (Array.isArray(node)) {
    for (const item of node) collect(item, secretPlace, into);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  for (const [key, value] of Object.entries(node)) {
    collect(value, secretPlace || ['value', 'data', 'stringData', 'binaryData', 'annotations', 'auth'].includes(key), into);
  }
}

describe('secrets checks never print secret values', () => {
  for (const [check, cases] of CHECKS) {
    for (const testCase of cases.invalid) {
      it(`${check.id}: ${testCase.name}`, () => {
        const values = new Set<string>();
        for (const document of parseSource('case.yaml', testCase.yaml, DEFAULT_LIMITS).documents) collect(document.value, false, values);
        const findings = evaluateCheck(check, testCase.yaml, testCase.options);
        assert.ok(findings.length > 0 && values.size > 0);
        for (const finding of findings) {
          for (const value of values) assert.ok(!finding.message.includes(value), `${check.id} message contains a secret value: ${finding.message}`);
        }
      });
    }
  }
});
