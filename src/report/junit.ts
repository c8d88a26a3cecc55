import type { Check } from '../engine/types.js';
import { severityRank, type Finding } from '../findings/types.js';
import type { Diagnostic } from '../loader/types.js';
import type { ResourceSummary, ScanResult } from '../scan.js';
import type { Reporter } from './index.js';

/**
 * JUnit XML for CI systems that show test reports: each check is a test suite and each
 * resource it looked at is a test case, so a clean resource shows up as a passed test.
 */

const INPUT_SUITE = 'bulwark.input';

/** Characters XML 1.0 does not allow anywhere, not even escaped (lone surrogates included). */
const ILLEGAL_XML = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

function xmlText(value: string): string {
  return value.replace(ILLEGAL_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Attribute values also escape quotes, and whitespace that parsers would otherwise normalise to spaces. */
function xmlAttr(value: string | number): string {
  return xmlText(String(value)).replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');
}

interface TestCase {
  name: string;
  classname: string;
  /** Present when the case failed: a finding or an input error. */
  outcome?: { element: 'failure' | 'error'; message: string; type: string; body: string } | { element: 'skipped'; message: string };
}

interface Suite {
  name: string;
  cases: TestCase[];
  properties: Array<[string, string]>;
}

function counts(cases: readonly TestCase[]) {
  let failures = 0;
  let errors = 0;
  let skipped = 0;
  for (const testCase of cases) {
    if (testCase.outcome?.element === 'failure') failures++;
    else if (testCase.outcome?.element === 'error') errors++;
    else if (testCase.outcome?.element === 'skipped') skipped++;
  }
  return { tests: cases.length, failures, errors, skipped };
}

function identityKey(identity: { apiVersion: string; kind: string; namespace: string | undefined; name: string }, file: string): string {
  return [identity.apiVersion, identity.kind, identity.namespace ?? '', identity.name, file].join('\u0000');
}

function resourceName(resource: ResourceSummary): string {
  const namespace = resource.namespace !== undefined ? `${resource.namespace}/` : '';
  return `${resource.kind} ${namespace}${resource.name} (${resource.file}:${resource.line})`;
}

function location(finding: Finding): string {
  return `${finding.file}:${finding.line}:${finding.column}`;
}

function findingCase(name: string, classname: string, findings: readonly Finding[]): TestCase {
  const failing = findings.filter((finding) => finding.status === 'fail');
  if (failing.length === 0) {
    // Only baseline or excepted findings (or none): a known problem is reported as skipped, not passed.
    const excepted = findings.find((finding) => finding.status === 'excepted');
    const message = excepted !== undefined ? `policy exception ${excepted.exception ?? ''}`.trim() : 'baseline';
    return findings.length > 0 ? { name, classname, outcome: { element: 'skipped', message } } : { name, classname };
  }
  const worst = failing.reduce((a, b) => (severityRank(b.severity) > severityRank(a.severity) ? b : a));
  const first = failing[0] as Finding;
  const message = failing.length > 1 ? `${first.message} (and ${failing.length - 1} more)` : first.message;
  const body = failing
    .map((finding) => {
      const where = [location(finding), `path ${finding.path}`];
      if (finding.container !== undefined) where.push(`container ${finding.container}`);
      if (finding.template !== undefined) where.push(`template ${finding.template}`);
      return `[${finding.severity}] ${finding.message}\n    at ${where.join(', ')}`;
    })
    .join('\n');
  return { name, classname, outcome: { element: 'failure', message, type: worst.severity, body } };
}

function checkSuite(check: Check, result: ScanResult, findingsByResource: Map<string, Finding[]>): Suite {
  const classname = `bulwark.${check.id}`;
  const evaluated = result.evaluations.find((evaluation) => evaluation.checkId === check.id)?.resources ?? [];
  const cases: TestCase[] = [];
  for (const index of evaluated) {
    const resource = result.resources[index];
    if (resource === undefined) continue;
    const findings = findingsByResource.get(`${check.id}\u0000${identityKey(resource, resource.file)}`) ?? [];
    cases.push(findingCase(resourceName(resource), classname, findings));
  }
  return {
    name: classname,
    cases,
    properties: [
      ['title', check.meta.title],
      ['severity', check.meta.severity],
      ['category', check.meta.category],
    ],
  };
}

function diagnosticLocation(diagnostic: Diagnostic): string {
  if (diagnostic.file === '') return '(no file)';
  if (diagnostic.line === undefined) return diagnostic.file;
  return `${diagnostic.file}:${diagnostic.line}${diagnostic.column !== undefined ? `:${diagnostic.column}` : ''}`;
}

/**
 * Input problems and an untrusted verdict as errors, so that a CI run whose input did not
 * parse (or held no resources, hence no test cases at all) is not shown as green.
 */
function inputSuite(result: ScanResult): Suite | undefined {
  const errors = result.diagnostics.filter((diagnostic) => diagnostic.severity === 'error');
  if (errors.length === 0 && result.trusted) return undefined;
  const cases: TestCase[] = errors.map((diagnostic) => ({
    name: `${diagnostic.code} ${diagnosticLocation(diagnostic)}`,
    classname: INPUT_SUITE,
    outcome: { element: 'error', message: diagnostic.message, type: diagnostic.code, body: `${diagnosticLocation(diagnostic)}: ${diagnostic.message}` },
  }));
  if (!result.trusted) {
    const reasons = result.untrustedReasons.join('; ');
    cases.push({
      name: 'scan result is trustworthy',
      classname: INPUT_SUITE,
      outcome: { element: 'error', message: `the result cannot be trusted: ${reasons}`, type: 'untrusted', body: result.untrustedReasons.join('\n') },
    });
  }
  return { name: INPUT_SUITE, cases, properties: [] };
}

function renderCase(testCase: TestCase): string {
  const open = `    <testcase name="${xmlAttr(testCase.name)}" classname="${xmlAttr(testCase.classname)}" time="0"`;
  const outcome = testCase.outcome;
  if (outcome === undefined) return `${open}/>`;
  if (outcome.element === 'skipped') return `${open}>\n      <skipped message="${xmlAttr(outcome.message)}"/>\n    </testcase>`;
  return [
    `${open}>`,
    `      <${outcome.element} message="${xmlAttr(outcome.message)}" type="${xmlAttr(outcome.type)}">${xmlText(outcome.body)}</${outcome.element}>`,
    '    </testcase>',
  ].join('\n');
}

function totalsAttributes(totals: ReturnType<typeof counts>): string {
  // The result carries no timings; 0 keeps the attribute that many consumers require.
  return `tests="${totals.tests}" failures="${totals.failures}" errors="${totals.errors}" skipped="${totals.skipped}" time="0"`;
}

function renderSuite(suite: Suite, id: number): string {
  const lines = [`  <testsuite name="${xmlAttr(suite.name)}" id="${id}" ${totalsAttributes(counts(suite.cases))}>`];
  if (suite.properties.length > 0) {
    lines.push('    <properties>');
    for (const [name, value] of suite.properties) lines.push(`      <property name="${xmlAttr(name)}" value="${xmlAttr(value)}"/>`);
    lines.push('    </properties>');
  }
  for (const testCase of suite.cases) lines.push(renderCase(testCase));
  lines.push('  </testsuite>');
  return lines.join('\n');
}

export const renderJunit: Reporter = (result) => {
  // Findings by check and resource identity + file: the key a test case looks its findings up by.
  const findingsByResource = new Map<string, Finding[]>();
  for (const finding of result.findings) {
    const key = `${finding.checkId}\u0000${identityKey(finding.resource, finding.file)}`;
    const list = findingsByResource.get(key);
    if (list) list.push(finding);
    else findingsByResource.set(key, [finding]);
  }
  const suites = result.checks.map((check) => checkSuite(check, result, findingsByResource));
  const input = inputSuite(result);
  if (input) suites.push(input);
  const totals = counts(suites.flatMap((suite) => suite.cases));
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${xmlAttr(result.tool.name)}" ${totalsAttributes(totals)}>`,
    ...suites.map(renderSuite),
    '</testsuites>',
    '',
  ].join('\n');
};
