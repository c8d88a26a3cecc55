import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';
import type { Check } from '../engine/types.js';
import { BulwarkError } from '../errors/index.js';
import { isSeverity } from '../findings/types.js';
import { parseSource } from '../loader/parse.js';
import { DEFAULT_LIMITS, type LoadedDocument } from '../loader/types.js';
import { isRecord } from '../model/resource.js';
import type { Path } from '../yaml/path.js';
import { existingPrefix, formatPath } from '../yaml/path.js';
import { locateField } from '../yaml/positions.js';
import { isPresetName, PRESET_NAMES } from './presets.js';
import { POLICY_SCHEMA } from './schema.js';
import { gateProblems, normaliseGate } from '../gate/config.js';
import { ADMISSION_CHECK_PREFIX } from '../vap/index.js';
import { compileRules } from './rules.js';
import type { CheckSetting, CustomRule, EnforcementMode, ExceptionEntry, InlineIgnorePolicy, LevelSettings, LoadedPolicy, NamedLevel, PolicyConfig } from './types.js';

export const POLICY_FILE_NAMES = ['bulwark.yaml', 'bulwark.yml'];

/** One thing wrong with a policy file: where, a stable code, and what. */
export interface PolicyProblem {
  path: string;
  code: string;
  message: string;
  line?: number;
  column?: number;
}

/** The policy file for a scan: in the first scanned directory or one of its parents. */
export function findPolicyFile(paths: readonly string[]): string | undefined {
  const first = paths.find((path) => path !== '-');
  let directory = resolve(first ?? '.');
  if (existsSync(directory) && !statSync(directory).isDirectory()) directory = dirname(directory);
  for (;;) {
    for (const name of POLICY_FILE_NAMES) {
      const candidate = join(directory, name);
      if (existsSync(candidate)) return candidate;
    }
    const parent = dirname(directory);
    if (parent === directory) return undefined;
    directory = parent;
  }
}

let validator: ReturnType<Ajv2020['compile']> | undefined;

function schemaProblems(value: unknown): Array<{ path: Path; code: string; message: string }> {
  validator ??= new Ajv2020({ allErrors: true, strict: false }).compile(POLICY_SCHEMA);
  if (validator(value)) return [];
  const errors = (validator.errors ?? []) as ErrorObject[];
  // oneOf failures repeat each branch's complaint; keep the most useful one per place.
  const seen = new Set<string>();
  const problems: Array<{ path: Path; code: string; message: string }> = [];
  for (const error of errors) {
    const path = error.instancePath
      .split('/')
      .slice(1)
      .map((part) => (/^\d+$/.test(part) ? Number(part) : part.replace(/~1/g, '/').replace(/~0/g, '~')));
    let code = `schema-${error.keyword}`;
    let message = error.message ?? 'is invalid';
    if (error.keyword === 'additionalProperties') {
      const key = String((error.params as { additionalProperty?: string }).additionalProperty);
      path.push(key);
      code = 'unknown-key';
      message = `unknown key "${key}"`;
    } else if (error.keyword === 'required') {
      const key = String((error.params as { missingProperty?: string }).missingProperty);
      code = 'missing-key';
      message = `"${key}" is required`;
    }
    const key = `${formatPath(path)}|${code}`;
    // A check setting may be a word or an object: for an object, the object branch's complaints
    // are the useful ones; for anything else, the single "not one of the forms" complaint.
    const branchOfOneOf = errors.some((other) => other.keyword === 'oneOf' && error.instancePath.startsWith(other.instancePath) && error !== other);
    const valueIsObject = (at: string) => isRecord(valueAt(value, at));
    if (error.keyword === 'oneOf' && valueIsObject(error.instancePath)) continue;
    if (branchOfOneOf) {
      const parent = errors.find((other) => other.keyword === 'oneOf' && error.instancePath.startsWith(other.instancePath) && error !== other) as ErrorObject;
      if (!valueIsObject(parent.instancePath) || !error.schemaPath.includes('/oneOf/3/')) continue;
    }
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push({ path, code, message });
  }
  return problems;
}

function valueAt(root: unknown, pointer: string): unknown {
  let node = root;
  for (const part of pointer.split('/').slice(1)) {
    const key = part.replace(/~1/g, '/').replace(/~0/g, '~');
    node = isRecord(node) || Array.isArray(node) ? (node as Record<string, unknown>)[key] : undefined;
  }
  return node;
}

function normaliseSetting(entry: unknown): CheckSetting {
  if (typeof entry === 'boolean') return { enabled: entry };
  if (entry === 'on' || entry === 'off') return { enabled: entry === 'on' };
  if (typeof entry === 'string' && isSeverity(entry)) return { severity: entry };
  if (!isRecord(entry)) return {};
  const setting = { ...entry } as CheckSetting;
  // YAML 1.1 reads a bare `off` as false.
  if ((entry.mode as unknown) === false) setting.mode = 'off';
  return setting;
}

function normaliseChecks(value: unknown): Record<string, CheckSetting> | undefined {
  if (!isRecord(value)) return undefined;
  return Object.fromEntries(Object.entries(value).map(([id, entry]) => [id, normaliseSetting(entry)]));
}

/** The settings every level may carry. */
function normaliseSettings(value: Record<string, unknown>, level: LevelSettings): void {
  if (typeof value.failOn === 'string') level.failOn = value.failOn as LevelSettings['failOn'];
  if (typeof value.mode === 'string' || value.mode === false) level.mode = value.mode === false ? 'off' : (value.mode as EnforcementMode);
  if (typeof value.inlineIgnores === 'string' || Array.isArray(value.inlineIgnores)) level.inlineIgnores = value.inlineIgnores as InlineIgnorePolicy;
  const checks = normaliseChecks(value.checks);
  if (checks) level.checks = checks;
}

function normaliseLevel(value: Record<string, unknown>): NamedLevel {
  const level: NamedLevel = { name: String(value.name) };
  if (isRecord(value.match)) level.match = value.match;
  normaliseSettings(value, level);
  return level;
}

function normalise(value: Record<string, unknown>): PolicyConfig {
  const list = (key: string) => (Array.isArray(value[key]) ? (value[key] as Array<Record<string, unknown>>) : []);
  const config: PolicyConfig = {
    extends: typeof value.extends === 'string' ? [value.extends] : Array.isArray(value.extends) ? (value.extends as string[]) : ['recommended'],
    clusters: list('clusters').map(normaliseLevel),
    environments: list('environments').map((entry, index) => {
      const level = normaliseLevel(entry);
      const gate = normaliseGate(entry.gate, ['environments', index, 'gate']);
      if (gate) level.gate = gate;
      return level;
    }),
    applications: list('applications').map(normaliseLevel),
    exceptions: list('exceptions') as unknown as ExceptionEntry[],
    workloads: new Map(list('workloads').map((entry) => [String(entry.kind), String(entry.podTemplatePath).split('.')])),
    rules: list('rules') as unknown as CustomRule[],
    exceptionPolicy: {
      requireExpiry: isRecord(value.exceptionPolicy) && value.exceptionPolicy.requireExpiry === true,
      ...(isRecord(value.exceptionPolicy) && typeof value.exceptionPolicy.maxDays === 'number' ? { maxDays: value.exceptionPolicy.maxDays } : {}),
    },
  };
  normaliseSettings(value, config);
  const gate = normaliseGate(value.gate, ['gate']);
  if (gate) config.gate = gate;
  return config;
}

/** Checks the meaning the schema cannot: known ids and presets, option names, exception rules. */
function semanticProblems(config: PolicyConfig, catalogue: readonly Check[], now: Date): Array<{ path: Path; code: string; message: string }> {
  const problems: Array<{ path: Path; code: string; message: string }> = [];
  const known = new Map(catalogue.map((check) => [check.id, check]));
  config.extends.forEach((name, index) => {
    if (!isPresetName(name)) problems.push({ path: ['extends', index], code: 'unknown-preset', message: `unknown preset "${name}" (use ${PRESET_NAMES.join(', ')})` });
  });
  const checkLevel = (level: LevelSettings, base: Path) => {
    if (Array.isArray(level.inlineIgnores)) {
      level.inlineIgnores.forEach((id, index) => {
        if (!known.has(id)) problems.push({ path: [...base, 'inlineIgnores', index], code: 'unknown-check', message: `unknown check id "${id}"` });
      });
    }
    for (const [id, setting] of Object.entries(level.checks ?? {})) {
      const check = known.get(id);
      // Admission policies given to a scan (`--policy`) are known only then.
      if (check === undefined && id.startsWith(ADMISSION_CHECK_PREFIX)) continue;
      if (check === undefined) {
        problems.push({ path: [...base, 'checks', id], code: 'unknown-check', message: `unknown check id "${id}"` });
        continue;
      }
      for (const option of Object.keys(setting.options ?? {})) {
        if (!Object.prototype.hasOwnProperty.call(check.meta.options ?? {}, option)) {
          problems.push({ path: [...base, 'checks', id, 'options', option], code: 'unknown-option', message: `check "${id}" has no option "${option}"` });
        }
      }
    }
  };
  checkLevel(config, []);
  if (config.gate) problems.push(...gateProblems(config.gate, ['gate']));
  config.environments.forEach((level, index) => {
    if (level.gate) problems.push(...gateProblems(level.gate, ['environments', index, 'gate']));
  });
  for (const key of ['clusters', 'environments', 'applications'] as const) {
    const names = new Set<string>();
    config[key].forEach((level, index) => {
      checkLevel(level, [key, index]);
      if (names.has(level.name)) problems.push({ path: [key, index, 'name'], code: 'duplicate-name', message: `${key.slice(0, -1)} "${level.name}" is defined twice` });
      names.add(level.name);
    });
  }
  const exceptionIds = new Set<string>();
  config.exceptions.forEach((exception, index) => {
    if (exceptionIds.has(exception.id)) problems.push({ path: ['exceptions', index, 'id'], code: 'duplicate-exception', message: `exception id "${exception.id}" is used twice` });
    exceptionIds.add(exception.id);
    (exception.checks ?? []).forEach((id, position) => {
      if (!known.has(id) && !id.startsWith(ADMISSION_CHECK_PREFIX)) problems.push({ path: ['exceptions', index, 'checks', position], code: 'unknown-check', message: `unknown check id "${id}"` });
    });
    if (exception.expires === undefined) {
      if (config.exceptionPolicy.requireExpiry) problems.push({ path: ['exceptions', index], code: 'expiry-required', message: `exception "${exception.id}" has no expires date, and the policy requires one` });
      return;
    }
    const expires = Date.parse(`${exception.expires}T23:59:59Z`);
    if (Number.isNaN(expires)) {
      problems.push({ path: ['exceptions', index, 'expires'], code: 'invalid-date', message: `"${exception.expires}" is not a date` });
      return;
    }
    const maxDays = config.exceptionPolicy.maxDays;
    if (maxDays !== undefined && expires - now.getTime() > maxDays * 86_400_000) {
      problems.push({ path: ['exceptions', index, 'expires'], code: 'expiry-too-far', message: `exception "${exception.id}" expires more than ${maxDays} days from now, the longest the policy allows` });
    }
  });
  return problems;
}

/** Parses and validates a policy text; every problem is reported, not only the first. */
export function parsePolicy(file: string, text: string, catalogue: readonly Check[], now: Date = new Date()): LoadedPolicy {
  const { documents, diagnostics } = parseSource(file, text, DEFAULT_LIMITS);
  const syntax = diagnostics.filter((diagnostic) => diagnostic.severity === 'error');
  if (syntax.length > 0) {
    throw policyError(file, syntax.map((diagnostic) => ({ path: '', code: diagnostic.code, message: diagnostic.message, ...(diagnostic.line !== undefined ? { line: diagnostic.line } : {}), ...(diagnostic.column !== undefined ? { column: diagnostic.column } : {}) })));
  }
  const document = documents[0];
  if (document === undefined || !isRecord(document.value) || documents.length > 1) {
    throw policyError(file, [{ path: '', code: 'not-a-policy', message: 'a policy file holds exactly one YAML mapping' }]);
  }
  const raw = schemaProblems(document.value);
  const config = normalise(document.value);
  let checks: Check[] = [];
  let problems = raw;
  if (raw.length === 0) {
    const compiled = compileRules(config.rules, new Set(catalogue.map((check) => check.id)));
    checks = compiled.checks;
    problems = [...compiled.problems, ...semanticProblems(config, [...catalogue, ...checks], now)];
  }
  if (problems.length > 0) {
    const located = problems.map((problem) => placed(document, problem)).sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
    throw policyError(file, located);
  }
  return { config, checks, file, document };
}

function placed(document: LoadedDocument, problem: { path: Path; code: string; message: string }): PolicyProblem {
  const position = locateField(document, existingPrefix(document.value, problem.path));
  return { path: formatPath(problem.path), code: problem.code, message: problem.message, line: position?.line ?? document.startLine, column: position?.column ?? 1 };
}

export class PolicyError extends BulwarkError {
  readonly problems: PolicyProblem[];
  constructor(file: string, problems: PolicyProblem[]) {
    const lines = problems.map((problem) => `  ${file}:${problem.line ?? 1}:${problem.column ?? 1}  ${problem.path || '(file)'}: ${problem.message} [${problem.code}]`);
    super('BULWARK_E_CONFIG', `${file} is not a valid policy (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n${lines.join('\n')}`, 'See docs/guides/policy.md and docs/schemas/bulwark-config.schema.json.');
    this.problems = problems;
  }
}

function policyError(file: string, problems: PolicyProblem[]): PolicyError {
  return new PolicyError(file, problems);
}

/** Reads a policy file; a configuration error (exit 2) when it is unreadable or invalid. */
export function loadPolicy(file: string, catalogue: readonly Check[], now?: Date): LoadedPolicy {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new BulwarkError('BULWARK_E_CONFIG', `cannot read policy ${file}: ${(error as Error).message}`);
  }
  return parsePolicy(file, text, catalogue, now);
}
