import type { Check } from '../engine/types.js';
import type { Finding, Severity } from '../findings/types.js';
import type { Diagnostic } from '../loader/types.js';
import type { ScanResult } from '../scan.js';
import { DOCS_BASE_URL, HOMEPAGE } from '../version.js';
import type { Reporter } from './index.js';
import { resourceLabel } from './format.js';

/**
 * SARIF 2.1.0 output, for GitHub code scanning and other SARIF viewers.
 * Spec: https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html
 */

const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
/** Key of the fingerprint in `partialFingerprints`; bump the suffix if the fingerprint recipe ever changes. */
const FINGERPRINT_KEY = 'bulwark/v1';
/** Base id that relative artifact URIs resolve against: the directory the scan ran in. */
const SRCROOT = '%SRCROOT%';

type SarifLevel = 'error' | 'warning' | 'note';

const LEVELS: Record<Severity, SarifLevel> = { critical: 'error', high: 'error', medium: 'warning', low: 'note', info: 'note' };

/** GitHub code scanning ranks security alerts by this score (> 9 critical, ≥ 7 high, ≥ 4 medium, else low). */
const SECURITY_SEVERITY: Record<Severity, string> = { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0', info: '0.0' };

/** `privileged-container` → `PrivilegedContainer`: SARIF wants `name` to be an identifier-like word. */
function ruleName(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter((part) => part !== '')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}

function rule(check: Check): Record<string, unknown> {
  const { meta } = check;
  const references = meta.references;
  const helpText = references.length > 0 ? `${meta.remediation}\n\nReferences:\n${references.map((ref) => `- ${ref}`).join('\n')}` : meta.remediation;
  const helpMarkdown =
    references.length > 0 ? `${meta.remediation}\n\n**References**\n\n${references.map((ref) => `- <${ref}>`).join('\n')}` : meta.remediation;
  // GitHub only applies `security-severity` to rules tagged `security`.
  const tags = ['security', meta.category, ...meta.frameworks.map((mapping) => `${mapping.framework} ${mapping.control}`)];
  return {
    id: check.id,
    name: ruleName(check.id),
    shortDescription: { text: meta.title },
    fullDescription: { text: meta.summary },
    help: { text: helpText, markdown: helpMarkdown },
    // Rules written in a policy file have no page in the published docs.
    ...(meta.custom === true ? {} : { helpUri: `${DOCS_BASE_URL}${check.id}.md` }),
    defaultConfiguration: { level: LEVELS[meta.severity] },
    properties: {
      tags: [...new Set(tags)],
      precision: 'high',
      'security-severity': SECURITY_SEVERITY[meta.severity],
      severity: meta.severity,
    },
  };
}

/**
 * The artifact location of a file name as findings carry it, or undefined when the name
 * is not a file (`<stdin>`, or empty for problems not tied to a file).
 */
function artifactLocation(file: string): { uri: string; uriBaseId?: string } | undefined {
  if (file === '' || file === '<stdin>') return undefined;
  const slashed = file.replace(/\\/g, '/');
  // Encode each segment so spaces, `#`, `?` and `:` in names do not change what the URI means.
  const encode = (path: string) => path.split('/').map(encodeURIComponent).join('/');
  const drive = /^([A-Za-z]):\//.exec(slashed);
  if (drive) return { uri: `file:///${drive[1]}:/${encode(slashed.slice(3))}` };
  // `//server/share/...` (a UNC path) keeps its authority; `/abs/...` gets an empty one.
  if (slashed.startsWith('//')) return { uri: `file:${encode(slashed)}` };
  if (slashed.startsWith('/')) return { uri: `file://${encode(slashed)}` };
  return { uri: encode(slashed.replace(/^(?:\.\/)+/, '')), uriBaseId: SRCROOT };
}

/** A location with a region when a line is known; SARIF regions need a start line before a column. */
function physicalLocation(file: string, line: number | undefined, column: number | undefined, artifactIndex: Map<string, number>) {
  const artifact = artifactLocation(file);
  if (artifact === undefined) return undefined;
  const index = artifactIndex.get(file);
  const location: Record<string, unknown> = { artifactLocation: index === undefined ? artifact : { ...artifact, index } };
  if (line !== undefined && line >= 1) {
    location.region = column !== undefined && column >= 1 ? { startLine: line, startColumn: column } : { startLine: line };
  }
  return location;
}

function sarifResult(finding: Finding, ruleIndexes: Map<string, number>, artifactIndex: Map<string, number>): Record<string, unknown> {
  const { apiVersion, kind, namespace, name } = finding.resource;
  const result: Record<string, unknown> = { ruleId: finding.checkId };
  const ruleIndex = ruleIndexes.get(finding.checkId);
  if (ruleIndex !== undefined) result.ruleIndex = ruleIndex;
  // Findings in warn or audit mode never fail the gate: no SARIF error for them.
  result.level = finding.mode === 'audit' ? 'note' : finding.mode === 'warn' && LEVELS[finding.severity] === 'error' ? 'warning' : LEVELS[finding.severity];
  result.message = { text: finding.message };
  const logicalLocation = {
    name,
    fullyQualifiedName: `${kind}/${namespace !== undefined ? `${namespace}/` : ''}${name}`,
    kind: 'resource',
    properties: { apiVersion, kind, ...(namespace !== undefined ? { namespace } : {}) },
  };
  const physical = physicalLocation(finding.file, finding.line, finding.column, artifactIndex);
  result.locations = [{ ...(physical ? { physicalLocation: physical } : {}), logicalLocations: [logicalLocation], message: { text: resourceLabel(finding.resource) } }];
  result.partialFingerprints = { [FINGERPRINT_KEY]: finding.fingerprint };
  if (finding.status === 'suppressed') result.suppressions = [{ kind: 'external', justification: finding.suppressedBy ?? 'baseline' }];
  if (finding.status === 'excepted') {
    const justification = finding.exception === 'inline' ? `${finding.exception} opt-out: ${finding.inlineReason ?? ''}` : `policy exception ${finding.exception ?? ''}`.trim();
    result.suppressions = [{ kind: finding.exception === 'inline' ? 'inSource' : 'external', status: 'accepted', justification }];
  }
  const properties: Record<string, unknown> = {
    severity: finding.severity,
    resource: { apiVersion, kind, ...(namespace !== undefined ? { namespace } : {}), name },
    path: finding.path,
    file: finding.file,
  };
  if (finding.container !== undefined) properties.container = finding.container;
  if (finding.template !== undefined) properties.template = finding.template;
  result.properties = properties;
  return result;
}

function notification(diagnostic: Diagnostic, artifactIndex: Map<string, number>): Record<string, unknown> {
  const physical = physicalLocation(diagnostic.file, diagnostic.line, diagnostic.column, artifactIndex);
  return {
    level: diagnostic.severity,
    message: { text: diagnostic.file !== '' && physical === undefined ? `${diagnostic.file}: ${diagnostic.message}` : diagnostic.message },
    descriptor: { id: diagnostic.code },
    ...(physical ? { locations: [{ physicalLocation: physical }] } : {}),
  };
}

/** Every file the result mentions that can be named by a URI, in first-seen order. */
function artifactFiles(result: ScanResult): string[] {
  const files = new Set<string>();
  for (const file of result.sources.keys()) files.add(file);
  for (const resource of result.resources) files.add(resource.file);
  for (const finding of result.findings) files.add(finding.file);
  for (const diagnostic of result.diagnostics) files.add(diagnostic.file);
  return [...files].filter((file) => artifactLocation(file) !== undefined);
}

export const renderSarif: Reporter = (result) => {
  const ruleIndexes = new Map(result.checks.map((check, index) => [check.id, index]));
  const files = artifactFiles(result);
  const artifactIndex = new Map(files.map((file, index) => [file, index]));
  const run = {
    tool: {
      driver: {
        name: result.tool.name,
        version: result.tool.version,
        semanticVersion: result.tool.version,
        informationUri: HOMEPAGE,
        rules: result.checks.map(rule),
      },
    },
    invocations: [
      {
        executionSuccessful: result.trusted,
        exitCode: result.exitCode,
        toolExecutionNotifications: result.diagnostics.map((diagnostic) => notification(diagnostic, artifactIndex)),
        properties: { failOn: result.failOn, untrustedReasons: result.untrustedReasons },
      },
    ],
    originalUriBaseIds: { [SRCROOT]: { description: { text: 'The directory Bulwark was run from; relative paths are as given on the command line.' } } },
    artifacts: files.map((file) => ({ location: artifactLocation(file), roles: ['analysisTarget'] })),
    results: result.findings.map((finding) => sarifResult(finding, ruleIndexes, artifactIndex)),
    // Columns are offsets in JavaScript strings, i.e. UTF-16 code units.
    columnKind: 'utf16CodeUnits',
    properties: { summary: result.summary },
  };
  return `${JSON.stringify({ $schema: SARIF_SCHEMA, version: '2.1.0', runs: [run] }, null, 2)}\n`;
};
