import type { Severity } from '../../findings/types.js';
import { describeGrantSource, describeMatches, describeScope, isFullWildcardRule, risksOfRule, type Grant, type RiskId, type RiskMatch } from '../../rbac/index.js';
import { SENSITIVE_NAMESPACES } from './rbac-findings.js';
import { maxSeverity, riskSeverity } from './risk-severity.js';

/** A risky permission someone holds through one grant. */
export interface HeldRisk {
  /** `cluster-admin`: every verb on every resource, cluster-wide. */
  risk: RiskId | 'cluster-admin';
  /** The matched permission; undefined for `cluster-admin`. */
  match: RiskMatch | undefined;
  grant: Grant;
  severity: Severity;
}

export interface HeldRiskOptions {
  /** Namespaces where reading Secrets counts as a risk even without cluster-wide access. */
  sensitiveNamespaces?: readonly string[];
  /** Count reading Secrets in any namespace (for grants to everyone, or to every pod of a namespace). */
  secretsAnywhere?: boolean;
}

/**
 * The risky permissions a set of grants (everything one identity holds) makes usable, judged as
 * the rule checks judge them: cluster-scoped permissions only through ClusterRoleBindings,
 * Secrets only cluster-wide or in sensitive namespaces, CSR approval only together with the
 * permission to approve for a signer. A grant of everything on everything counts once, as
 * cluster-admin, rather than as each risk it contains.
 */
export function heldRisks(grants: readonly Grant[], options: HeldRiskOptions = {}): HeldRisk[] {
  const sensitive = options.sensitiveNamespaces ?? SENSITIVE_NAMESPACES;
  const held: HeldRisk[] = [];
  for (const grant of grants) {
    const clusterWide = grant.namespace === undefined;
    if (clusterWide && isFullWildcardRule(grant.rule.rule)) {
      held.push({ risk: 'cluster-admin', match: undefined, grant, severity: 'high' });
      continue;
    }
    for (const match of risksOfRule(grant.rule.rule)) {
      if (match.permission.clusterScoped && !clusterWide) continue;
      if (match.permission.risk === 'secrets-read' && !clusterWide && options.secretsAnywhere !== true && !sensitive.includes(grant.namespace ?? '')) continue;
      held.push({ risk: match.permission.risk, match, grant, severity: riskSeverity(match, clusterWide || match.permission.clusterScoped) });
    }
  }
  // Approving a CSR takes both the approval subresource and approve on its signer.
  const canApproveForSigner = held.some((entry) => entry.risk === 'csr-signer-approve');
  return held.filter((entry) => entry.risk !== 'csr-signer-approve' && (entry.risk !== 'csr-approval' || canApproveForSigner));
}

export function heldRiskSeverity(held: readonly HeldRisk[]): Severity {
  return maxSeverity(
    held.map((entry) => entry.severity),
    'info',
  );
}

/**
 * `list, watch on secrets; get on nodes/proxy cluster-wide (ClusterRoleBinding "x" → ClusterRole "y")`:
 * the held risks grouped by the grant (binding, role and rule) they come from, worst first, the first few.
 */
export function describeHeldRisks(held: readonly HeldRisk[], limit = 3): string {
  const byGrant = new Map<string, HeldRisk[]>();
  for (const entry of held) {
    const scope = describeScope(entry.grant.namespace);
    const key = `${scope} (${describeGrantSource(entry.grant)})`;
    byGrant.set(key, [...(byGrant.get(key) ?? []), entry]);
  }
  const order: Severity[] = ['critical', 'high', 'medium', 'low', 'info'];
  const worst = (entries: readonly HeldRisk[]) => Math.min(...entries.map((entry) => order.indexOf(entry.severity)));
  const texts = [...byGrant.entries()]
    .sort(([, a], [, b]) => worst(a) - worst(b))
    .map(([where, entries]) => {
      const matches = entries.flatMap((entry) => (entry.match === undefined ? [] : [entry.match]));
      const what = entries.some((entry) => entry.risk === 'cluster-admin') ? 'every verb on every resource' : describeMatches(matches);
      return `${what} ${where}`;
    });
  if (texts.length <= limit) return texts.join('; ');
  return `${texts.slice(0, limit).join('; ')}; and ${texts.length - limit} more`;
}
