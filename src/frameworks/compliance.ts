import type { Check, Framework } from '../engine/types.js';
import { BulwarkError } from '../errors/index.js';
import type { Finding } from '../findings/types.js';
import { pssControlId } from '../pss/evaluate.js';
import { FRAMEWORK_CONTROLS } from './catalog.js';

/** What `--framework` accepts: a framework, or one Pod Security Standards level. */
export const FRAMEWORK_NAMES = ['cis', 'nsa', 'mitre', 'pss-baseline', 'pss-restricted'] as const;
export type FrameworkName = (typeof FRAMEWORK_NAMES)[number];

export function isFrameworkName(value: string): value is FrameworkName {
  return (FRAMEWORK_NAMES as readonly string[]).includes(value);
}

const FRAMEWORKS: Record<FrameworkName, Framework> = { cis: 'CIS', nsa: 'NSA', mitre: 'MITRE', 'pss-baseline': 'PSS', 'pss-restricted': 'PSS' };

export type ControlStatus = 'pass' | 'fail' | 'not-covered';

export interface ControlResult {
  id: string;
  title: string;
  status: ControlStatus;
  /** Checks that assess the control. */
  checks: string[];
  /** Failing findings against the control. */
  findings: number;
}

export interface ComplianceReport {
  framework: FrameworkName;
  controls: ControlResult[];
  summary: {
    controls: number;
    covered: number;
    passed: number;
    failed: number;
    notCovered: number;
    /** Passed controls as a share of covered ones, in percent (one decimal). */
    passRate: number;
    /** Covered controls as a share of all, in percent (one decimal). */
    coverage: number;
  };
}

/** The PSS level a framework name stands for, if it is one. */
function pssLevel(name: FrameworkName): 'baseline' | 'restricted' | undefined {
  return name === 'pss-baseline' ? 'baseline' : name === 'pss-restricted' ? 'restricted' : undefined;
}

function controlsOf(name: FrameworkName) {
  const level = pssLevel(name);
  const controls = FRAMEWORK_CONTROLS[FRAMEWORKS[name]];
  return level === 'restricted' || level === undefined ? controls : controls.filter((control) => control.id.startsWith('baseline:'));
}

/**
 * The checks that assess a framework. PSS levels run the exact upstream evaluator
 * (`pss-baseline` / `pss-restricted`); the others run every check that maps to them.
 */
export function frameworkChecks(name: string, catalogue: readonly Check[]): Check[] {
  if (!isFrameworkName(name)) {
    throw new BulwarkError('BULWARK_E_USAGE', `unknown framework "${name}"`, `Use one of: ${FRAMEWORK_NAMES.join(', ')}.`);
  }
  if (pssLevel(name) !== undefined) return catalogue.filter((check) => check.id === name);
  const framework = FRAMEWORKS[name];
  return catalogue.filter((check) => check.meta.category !== 'pss' && check.meta.frameworks.some((mapping) => mapping.framework === framework));
}

function percent(part: number, whole: number): number {
  return whole === 0 ? 0 : Math.round((1000 * part) / whole) / 10;
}

/** Control by control: covered and passing, covered and failing, or not covered by any check that ran. */
export function complianceReport(name: FrameworkName, checks: readonly Check[], findings: readonly Finding[]): ComplianceReport {
  const framework = FRAMEWORKS[name];
  const failing = findings.filter((finding) => finding.status === 'fail');
  const controls = controlsOf(name).map((control): ControlResult => {
    const covering = checks.filter((check) => check.meta.frameworks.some((mapping) => mapping.framework === framework && mapping.control === control.id));
    const ids = covering.map((check) => check.id);
    const against = failing.filter((finding) => {
      if (!ids.includes(finding.checkId)) return false;
      // A PSS-level check covers many controls; its findings name the one they break.
      return framework !== 'PSS' || (finding.rule !== undefined && pssControlId(finding.rule) === control.id);
    }).length;
    return { id: control.id, title: control.title, status: covering.length === 0 ? 'not-covered' : against > 0 ? 'fail' : 'pass', checks: ids, findings: against };
  });
  const covered = controls.filter((control) => control.status !== 'not-covered').length;
  const passed = controls.filter((control) => control.status === 'pass').length;
  const failed = controls.filter((control) => control.status === 'fail').length;
  return {
    framework: name,
    controls,
    summary: { controls: controls.length, covered, passed, failed, notCovered: controls.length - covered, passRate: percent(passed, covered), coverage: percent(covered, controls.length) },
  };
}
