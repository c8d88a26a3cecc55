/**
 * ValidatingAdmissionPolicies as checks of a scan: one whole-set check per policy (`vap/<name>`),
 * so that their findings take the same road as every other finding (positions, fingerprints,
 * policy levels, exceptions, modes, every reporter).
 */
import { appendTo } from '../model/lists.js';
import type { SetCheck } from '../engine/types.js';
import type { Resource } from '../model/resource.js';
import { evaluateAdmissionPolicies, type CompiledAdmissionPolicies, type VapScanOptions } from './admission.js';
import { admissionPolicyCheckId, vapFindingReports, type VapFindingReport } from './findings.js';

const GUIDE = 'https://github.com/bulwark-sec/bulwark/blob/main/docs/guides/validating-admission-policy.md';

/**
 * One check per compiled policy. The first check to run evaluates every policy over the whole
 * input once; each check then reports the decisions of its own policy.
 */
export function admissionPolicyChecks(compiled: CompiledAdmissionPolicies, options: VapScanOptions = {}): SetCheck[] {
  let byPolicy: Map<string, VapFindingReport[]> | undefined;
  let evaluatedFor: readonly Resource[] | undefined;
  const reportsOf = (resources: readonly Resource[], checkId: string): VapFindingReport[] => {
    if (byPolicy === undefined || evaluatedFor !== resources) {
      byPolicy = new Map();
      evaluatedFor = resources;
      for (const report of vapFindingReports(evaluateAdmissionPolicies(compiled, resources, options))) {
        appendTo(byPolicy, report.checkId, report);
      }
    }
    return byPolicy.get(checkId) ?? [];
  };
  const names = [...new Set(compiled.policies.map((policy) => policy.definition.name))];
  return names.map((name): SetCheck => {
    const id = admissionPolicyCheckId(name);
    return {
      id,
      scope: 'set',
      meta: {
        title: `ValidatingAdmissionPolicy ${name}`,
        summary: `the resource would be denied, warned about or audited by the ValidatingAdmissionPolicy ${name}`,
        severity: 'high',
        category: 'admission',
        remediation: 'Change the resource so that every validation of the policy holds, or change the policy or its binding.',
        references: [GUIDE],
        frameworks: [],
        custom: true,
      },
      run: (context) => {
        for (const report of reportsOf(context.resources, id)) {
          context.report(report.resource, { path: report.path, message: report.message, rule: report.rule, severity: report.severity });
        }
      },
    };
  });
}
