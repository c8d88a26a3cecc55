import type { CheckOption, FrameworkMapping, ResourceCheck } from '../../engine/types.js';
import { PSS_CHECKS, evaluatePod, formatPssVersion, parsePssVersion, podViewOf, pssControlId } from '../../pss/index.js';
import { rememberedPer } from '../../model/memo.js';

const VERSION_OPTION: CheckOption = {
  description: 'Pod Security Standards version to evaluate against: v1.N or latest',
  type: 'string',
  default: 'latest',
};

/**
 * A scan check that evaluates a whole Pod Security Standards level with the exact
 * upstream rules, one finding per violated upstream check (its id is the finding's rule).
 */
export function pssLevelCheck(level: 'baseline' | 'restricted', meta: { title: string; summary: string; severity: 'high' | 'medium'; remediation: string }): ResourceCheck {
  const frameworks: FrameworkMapping[] = PSS_CHECKS.filter((check) => check.level === 'baseline' || level === 'restricted').map((check) => ({
    framework: 'PSS',
    control: pssControlId(check.id) as string,
  }));
  // The policy a version option names, and how messages name it: once per options object, as every pod asks.
  const policyOf = rememberedPer((options: Readonly<Record<string, unknown>>) => {
    const minor = parsePssVersion(String(options.version ?? 'latest'));
    return { policy: { level, minor }, prefix: `violates PodSecurity "${level}:${formatPssVersion(minor)}": ` };
  });
  return {
    id: `pss-${level}`,
    scope: 'resource',
    appliesTo: 'workloads',
    meta: {
      ...meta,
      category: 'pss',
      references: ['https://kubernetes.io/docs/concepts/security/pod-security-standards/', 'https://kubernetes.io/docs/concepts/security/pod-security-admission/'],
      frameworks: frameworks.filter((mapping, index) => frameworks.findIndex((other) => other.control === mapping.control) === index),
      options: { version: VERSION_OPTION },
      enabledByDefault: false,
    },
    run({ resource, options, report }) {
      const pod = podViewOf(resource);
      if (pod === undefined) return;
      const { policy, prefix } = policyOf(options);
      for (const violation of evaluatePod(pod, policy).violations) {
        report({ path: violation.path, rule: violation.check, message: `${prefix}${violation.message}` });
      }
    },
  };
}
