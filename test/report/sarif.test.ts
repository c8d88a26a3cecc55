import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import AjvModule from 'ajv-draft-04';
import addFormatsModule from 'ajv-formats';
import { createBaseline } from '../../src/findings/baseline.js';
import { renderSarif } from '../../src/report/sarif.js';
import { scan, type ScanResult } from '../../src/scan.js';
import { DOCS_BASE_URL, VERSION } from '../../src/version.js';
import { CORE_CHECKS } from '../helpers.js';

// Both packages are CommonJS with `exports.default`; under NodeNext the default import is `module.exports`.
const Ajv = AjvModule.default;
const addFormats = addFormatsModule.default;

// The official schema, read where the devDependency installs it (never copied into the repository).
const schemaPath = createRequire(import.meta.url).resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
// The schema's `language` pattern has a stray `]` that is a syntax error with the `u` flag.
const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats(ajv);
const validate = ajv.compile(JSON.parse(readFileSync(schemaPath, 'utf8')) as object);

function assertValidSarif(text: string): SarifLog {
  const log = JSON.parse(text) as unknown;
  const valid = validate(log);
  assert.ok(valid, `SARIF does not match the 2.1.0 schema:\n${ajv.errorsText(validate.errors, { separator: '\n' })}`);
  return log as SarifLog;
}

// Just enough of the SARIF shape to read the values the tests assert.
interface SarifLog {
  version: string;
  runs: Array<{
    tool: { driver: { name: string; version: string; informationUri: string; rules: SarifRule[] } };
    invocations: Array<{ executionSuccessful: boolean; toolExecutionNotifications: SarifNotification[] }>;
    results: SarifResult[];
  }>;
}
interface SarifRule {
  id: string;
  helpUri: string;
  shortDescription: { text: string };
  help: { text: string; markdown: string };
  defaultConfiguration: { level: string };
  properties: { tags: string[]; 'security-severity': string; precision: string };
}
interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations: Array<{
    physicalLocation?: { artifactLocation: { uri: string; uriBaseId?: string }; region: { startLine: number; startColumn: number } };
    logicalLocations: Array<{ name: string; fullyQualifiedName: string }>;
  }>;
  partialFingerprints: Record<string, string>;
  suppressions?: Array<{ kind: string; justification: string }>;
  properties: { container?: string; path: string; resource: { kind: string; namespace?: string; name: string } };
}
interface SarifNotification {
  level: string;
  message: { text: string };
  locations?: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn?: number } } }>;
}

const POD = `apiVersion: v1
kind: Pod
metadata:
  name: web
  namespace: shop
spec:
  containers:
    - name: app
      image: nginx
      securityContext:
        privileged: true
`;

const scanText = (text: string, file = 'k8s/app.yaml', extra: Parameters<typeof scan>[0] = {}): Promise<ScanResult> => scan({ sources: [{ file, text }], checks: CORE_CHECKS, ...extra });

describe('renderSarif', () => {
  it('produces a valid log with rules, results and locations', async () => {
    const result = await scanText(POD);
    const log = assertValidSarif(renderSarif(result, { color: false }));
    assert.equal(log.version, '2.1.0');
    assert.equal(log.runs.length, 1);
    const run = log.runs[0]!;
    assert.equal(run.tool.driver.name, 'bulwark');
    assert.equal(run.tool.driver.version, VERSION);
    assert.deepEqual(
      run.tool.driver.rules.map((rule) => rule.id),
      result.checks.map((check) => check.id),
    );
    assert.equal(run.results.length, result.findings.length);
    assert.equal(run.invocations[0]!.executionSuccessful, true);

    const privileged = run.results.find((entry) => entry.ruleId === 'privileged-container');
    assert.ok(privileged);
    assert.equal(run.tool.driver.rules[privileged.ruleIndex]!.id, 'privileged-container');
    assert.equal(privileged.level, 'error');
    const location = privileged.locations[0]!;
    assert.equal(location.physicalLocation?.artifactLocation.uri, 'k8s/app.yaml');
    assert.equal(location.physicalLocation?.artifactLocation.uriBaseId, '%SRCROOT%');
    // `privileged: true` is on line 11, indented by 8 spaces.
    assert.deepEqual(location.physicalLocation?.region, { startLine: 11, startColumn: 9 });
    assert.equal(location.logicalLocations[0]!.fullyQualifiedName, 'Pod/shop/web');
    const finding = result.findings.find((entry) => entry.checkId === 'privileged-container')!;
    assert.deepEqual(privileged.partialFingerprints, { 'bulwark/v1': finding.fingerprint });
    assert.equal(privileged.properties.container, 'app');
    assert.equal(privileged.properties.path, 'spec.containers[0].securityContext.privileged');
    assert.deepEqual(privileged.properties.resource, { apiVersion: 'v1', kind: 'Pod', namespace: 'shop', name: 'web' });
    assert.equal(privileged.suppressions, undefined);
  });

  it('describes rules for GitHub code scanning', async () => {
    const log = assertValidSarif(renderSarif(await scanText(POD), { color: false }));
    const rules = log.runs[0]!.tool.driver.rules;
    const privileged = rules.find((rule) => rule.id === 'privileged-container')!;
    assert.equal(privileged.helpUri, `${DOCS_BASE_URL}privileged-container.md`);
    assert.equal(privileged.shortDescription.text, 'Privileged container');
    assert.equal(privileged.defaultConfiguration.level, 'error');
    assert.equal(privileged.properties['security-severity'], '8.0');
    assert.equal(privileged.properties.precision, 'high');
    assert.ok(privileged.properties.tags.includes('security'));
    assert.ok(privileged.properties.tags.includes('pod-security'));
    assert.ok(privileged.properties.tags.includes('CIS 5.2.2'));
    assert.match(privileged.help.text, /Remove `securityContext\.privileged: true`/);
    assert.match(privileged.help.markdown, /https:\/\/kubernetes\.io\/docs\/concepts\/security\/pod-security-standards/);
    const digest = rules.find((rule) => rule.id === 'image-not-pinned-by-digest')!;
    assert.equal(digest.defaultConfiguration.level, 'note');
    assert.equal(digest.properties['security-severity'], '3.0');
    const latest = rules.find((rule) => rule.id === 'image-latest-tag')!;
    assert.equal(latest.defaultConfiguration.level, 'warning');
    assert.equal(latest.properties['security-severity'], '5.5');
  });

  it('marks baseline findings as suppressed', async () => {
    const first = await scanText(POD);
    const baseline = createBaseline(first.findings.filter((finding) => finding.checkId === 'privileged-container'));
    const result = await scanText(POD, 'k8s/app.yaml', { baseline });
    assert.equal(result.summary.suppressed, 1);
    const log = assertValidSarif(renderSarif(result, { color: false }));
    const results = log.runs[0]!.results;
    const suppressed = results.filter((entry) => entry.suppressions !== undefined);
    assert.equal(suppressed.length, 1);
    assert.equal(suppressed[0]!.ruleId, 'privileged-container');
    assert.deepEqual(suppressed[0]!.suppressions, [{ kind: 'external', justification: 'baseline' }]);
  });

  it('reports input problems as tool execution notifications', async () => {
    const result = await scanText(`${POD}---\nbroken: [\n`);
    assert.equal(result.trusted, false);
    const log = assertValidSarif(renderSarif(result, { color: false }));
    const invocation = log.runs[0]!.invocations[0]!;
    assert.equal(invocation.executionSuccessful, false);
    const errors = invocation.toolExecutionNotifications.filter((entry) => entry.level === 'error');
    assert.equal(errors.length, 1);
    const region = errors[0]!.locations?.[0]?.physicalLocation.region;
    assert.equal(region?.startLine, 13);
    assert.equal(region?.startColumn, 9);
    assert.equal(errors[0]!.locations?.[0]?.physicalLocation.artifactLocation.uri, 'k8s/app.yaml');
    assert.match(errors[0]!.message.text, /YAML/);
    // The findings of the document that did parse are still reported.
    assert.ok(log.runs[0]!.results.length > 0);
  });

  it('produces a valid, unsuccessful log for input without resources', async () => {
    const result = await scanText('');
    assert.equal(result.trusted, false);
    const log = assertValidSarif(renderSarif(result, { color: false }));
    assert.deepEqual(log.runs[0]!.results, []);
    assert.equal(log.runs[0]!.invocations[0]!.executionSuccessful, false);
    assert.equal(log.runs[0]!.tool.driver.rules.length, result.checks.length);
  });

  it('writes URIs that stay valid for unusual file names', async () => {
    const windows = assertValidSarif(renderSarif(await scanText(POD, 'deploy\\my app#1.yaml'), { color: false }));
    assert.equal(windows.runs[0]!.results[0]!.locations[0]!.physicalLocation?.artifactLocation.uri, 'deploy/my%20app%231.yaml');
    const absolute = assertValidSarif(renderSarif(await scanText(POD, '/srv/k8s/app.yaml'), { color: false }));
    const location = absolute.runs[0]!.results[0]!.locations[0]!.physicalLocation;
    assert.equal(location?.artifactLocation.uri, 'file:///srv/k8s/app.yaml');
    assert.equal(location?.artifactLocation.uriBaseId, undefined);
    // Standard input has no URI: the result keeps its logical location only.
    const stdin = assertValidSarif(renderSarif(await scanText(POD, '<stdin>'), { color: false }));
    const stdinLocation = stdin.runs[0]!.results[0]!.locations[0]!;
    assert.equal(stdinLocation.physicalLocation, undefined);
    assert.equal(stdinLocation.logicalLocations[0]!.name, 'web');
  });

  it('ends with a newline and is pretty-printed', async () => {
    const text = renderSarif(await scanText(POD), { color: false });
    assert.ok(text.endsWith('}\n'));
    assert.match(text, /^\{\n {2}"\$schema"/);
  });
});
