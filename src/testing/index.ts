import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runChecks } from '../engine/run.js';
import type { Check } from '../engine/types.js';
import type { Finding } from '../findings/types.js';
import { parseSource } from '../loader/parse.js';
import { DEFAULT_LIMITS } from '../loader/types.js';
import { extractResources } from '../model/resource.js';

/** What a check should report for an input: where, and optionally what. */
export interface ExpectedFinding {
  line: number;
  column: number;
  /** The path reported, as `formatPath` renders it. */
  path?: string;
  container?: string;
  /** A part of the message that must appear. */
  message?: string;
}

export interface CheckCase {
  name: string;
  yaml: string;
  /** Options for the check, over its defaults. */
  options?: Record<string, unknown>;
}

export interface InvalidCase extends CheckCase {
  expect: ExpectedFinding[];
}

/** A check's table: inputs it must accept and inputs it must report, with positions. */
export interface CheckCases {
  valid: CheckCase[];
  invalid: InvalidCase[];
}

/** Runs one check over a YAML text (one or more documents) and returns its findings. */
export function evaluateCheck(check: Check, yaml: string, options?: Record<string, unknown>): Finding[] {
  const parsed = parseSource('case.yaml', yaml, DEFAULT_LIMITS);
  if (parsed.diagnostics.some((diagnostic) => diagnostic.severity === 'error')) {
    throw new Error(`case input does not parse: ${parsed.diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`).join('; ')}`);
  }
  const { resources } = extractResources(parsed.documents, 'default');
  const outcome = runChecks(resources, [check], options ? { checkOptions: { [check.id]: options } } : {});
  if (outcome.diagnostics.length > 0) throw new Error(outcome.diagnostics.map((d) => d.message).join('; '));
  return outcome.findings;
}

function matches(finding: Finding, expected: ExpectedFinding): boolean {
  return (
    finding.line === expected.line &&
    finding.column === expected.column &&
    (expected.path === undefined || finding.path === expected.path) &&
    (expected.container === undefined || finding.container === expected.container) &&
    (expected.message === undefined || finding.message.includes(expected.message))
  );
}

/**
 * Registers node:test cases for a check's table. Valid cases must produce no finding;
 * invalid cases must produce exactly the expected findings (as a set), each on its line
 * and column.
 */
export function testCheck(check: Check, cases: CheckCases): void {
  describe(`check ${check.id}`, () => {
    for (const testCase of cases.valid) {
      it(`accepts: ${testCase.name}`, () => {
        const findings = evaluateCheck(check, testCase.yaml, testCase.options);
        assert.deepEqual(
          findings.map((f) => `${f.line}:${f.column} ${f.path} ${f.message}`),
          [],
        );
      });
    }
    for (const testCase of cases.invalid) {
      it(`reports: ${testCase.name}`, () => {
        assert.ok(testCase.expect.length > 0, 'an invalid case must expect at least one finding');
        const findings = evaluateCheck(check, testCase.yaml, testCase.options);
        const describeAll = () => findings.map((f) => `${f.line}:${f.column} ${f.path} [${f.container ?? ''}] ${f.message}`).join('\n');
        assert.equal(findings.length, testCase.expect.length, `expected ${testCase.expect.length} finding(s), got:\n${describeAll()}`);
        for (const expected of testCase.expect) {
          assert.ok(
            findings.some((finding) => matches(finding, expected)),
            `no finding matches ${JSON.stringify(expected)}; got:\n${describeAll()}`,
          );
        }
      });
    }
  });
}
