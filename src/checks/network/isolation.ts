import { describeSelector, type Direction } from '../../netpol/index.js';
import { isJudged, isRestricted, policiesOf, unprotectedNamespaces, type NetworkPosture, type PostureWorkload } from './posture.js';

const TYPE: Record<Direction, string> = { ingress: 'Ingress', egress: 'Egress' };

/**
 * Why no NetworkPolicy of the workload's namespace selects it for a direction, policy by
 * policy (`web selects {app=web}; default-deny-egress is Egress only`), at most three.
 */
function namespacePolicyNotes(posture: NetworkPosture, entry: PostureWorkload, direction: Direction): string {
  const policies = posture.policiesByNamespace.get(entry.workload.namespace) ?? [];
  if (policies.length === 0) return 'the namespace has no NetworkPolicy';
  const other = direction === 'ingress' ? 'egress' : 'ingress';
  // Only the first three are shown: a namespace may have dozens of policies, and every workload asks.
  const notes = policies.slice(0, 3).map((policy) => {
    if (policy[direction] === undefined) return `${policy.name} is ${policy[other] === undefined ? 'for no direction' : `${TYPE[other]} only`}`;
    if (policy.podSelector.error !== undefined) return `${policy.name} has an invalid podSelector`;
    return `${policy.name} selects ${describeSelector(policy.podSelector)}`;
  });
  return policies.length > 3 ? `${notes.join('; ')}; and ${policies.length - 3} more` : notes.join('; ');
}

/** The admin policies that apply to the workload in a direction yet leave it open, for messages. */
function adminNote(posture: NetworkPosture, entry: PostureWorkload, direction: Direction): string {
  const policies = policiesOf(posture, entry, direction);
  const names = [...policies.admin.map((policy) => `AdminNetworkPolicy ${policy.name}`), ...(policies.baseline !== undefined ? [`BaselineAdminNetworkPolicy ${policies.baseline.name}`] : [])];
  if (names.length === 0) return '';
  return `; ${names.join(' and ')} ${names.length === 1 ? 'applies' : 'apply'} to them but ${names.length === 1 ? 'leaves' : 'leave'} them open`;
}

/** A workload no policy restricts in a direction, and the message that says why. */
export interface UnrestrictedWorkload {
  entry: PostureWorkload;
  message: string;
}

/**
 * Workloads whose traffic in a direction nothing restricts: no NetworkPolicy selects them for
 * it and the admin policies that apply to them, if any, leave them open (see `isRestricted`). Namespaces without any
 * policy are left to `namespace-without-network-policy` (one finding per namespace rather
 * than one per workload); host-network pods and workloads that CNI-specific policies may
 * govern are not judged.
 */
export function unrestrictedWorkloads(posture: NetworkPosture, direction: Direction): UnrestrictedWorkload[] {
  const unprotected = unprotectedNamespaces(posture);
  const result: UnrestrictedWorkload[] = [];
  for (const entry of posture.workloads) {
    const namespace = entry.workload.namespace;
    if (!isJudged(posture, entry) || unprotected.has(namespace) || isRestricted(posture, entry, direction)) continue;
    const consequence = direction === 'ingress' ? 'any pod can connect to them' : 'they can connect to any address';
    result.push({
      entry,
      message: `the pods of ${entry.title} are selected by no NetworkPolicy for ${TYPE[direction]} in namespace "${namespace}" (${namespacePolicyNotes(posture, entry, direction)}${adminNote(posture, entry, direction)}): ${consequence}`,
    });
  }
  return result;
}
