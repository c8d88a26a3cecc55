import { severityRank, type Severity } from '../../findings/types.js';
import type { RiskMatch } from '../../rbac/index.js';
import { isClusterWide, type RiskyBuiltinGrant, type RiskyRule } from './rbac-findings.js';

/** Whether a name-limited grant still reaches privileged identities (impersonating `system:` users or groups). */
function namesSystemIdentity(match: RiskMatch): boolean {
  return match.resourceNames.some((name) => name.startsWith('system:'));
}

/**
 * How severe holding one risky permission is, the same for every RBAC check: by what it leads
 * to, whether it reaches every namespace, and whether `resourceNames` pin it to a few objects.
 */
export function riskSeverity(match: RiskMatch, clusterWide: boolean): Severity {
  const { permission } = match;
  const named = match.resourceNames.length > 0;
  switch (permission.risk) {
    case 'secrets-read':
      // list and watch return every Secret's content; get needs to know names.
      if (named) return 'low';
      return match.verbs.includes('list') || match.verbs.includes('watch') ? 'high' : 'medium';
    case 'pod-create':
      return clusterWide ? 'high' : 'medium';
    case 'pod-exec': {
      if (named) return 'low';
      // get alone works only over WebSockets and, from Kubernetes 1.35, no longer without create.
      const getOnly = !match.verbs.includes('create');
      if (permission.subresource === 'portforward') return clusterWide && !getOnly ? 'medium' : 'low';
      if (getOnly) return clusterWide ? 'medium' : 'low';
      return clusterWide ? 'high' : 'medium';
    }
    case 'escalation':
      if (named && !namesSystemIdentity(match)) return 'low';
      return clusterWide ? 'high' : 'medium';
    case 'pv-create':
      return 'medium';
    case 'node-proxy':
    case 'csr-approval':
    case 'csr-signer-approve':
      return 'high';
    case 'webhook-config':
      if (named) return 'low';
      return permission.resource === 'mutatingwebhookconfigurations' ? 'high' : 'medium';
    case 'sa-token-create':
      if (named) return 'low';
      return clusterWide ? 'high' : 'medium';
  }
}

export function maxSeverity(severities: readonly Severity[], fallback: Severity): Severity {
  return severities.reduce((a, b) => (severityRank(a) >= severityRank(b) ? a : b), fallback);
}

/**
 * The severity of a risky rule: that of its worst match. A cluster-scoped permission is
 * always cluster-wide; otherwise the grants decide, and an unbound role counts as limited to a
 * namespace (its scope is not known).
 */
export function ruleSeverity(risky: RiskyRule, matches: readonly RiskMatch[] = risky.matches): Severity {
  return maxSeverity(
    matches.map((match) => riskSeverity(match, match.permission.clusterScoped || isClusterWide(risky.grants))),
    'info',
  );
}

/** The severity of risky permissions given through a built-in role: that of the worst. */
export function builtinGrantSeverity(entry: RiskyBuiltinGrant): Severity {
  const clusterWide = entry.binding.namespace === undefined;
  return maxSeverity(
    entry.matches.map((match) => riskSeverity(match, clusterWide || match.permission.clusterScoped)),
    'info',
  );
}
