import { isRecord, stringsOf } from '../../model/resource.js';
import type { PodSpecRef } from '../../model/workload.js';

/** What a pod requires of one node label (or of the node's name): the conditions of all its selectors, ANDed. */
interface KeyConstraint {
  /** Values the label must have (`In`, nodeSelector); undefined when any value will do. */
  oneOf: Set<string> | undefined;
  noneOf: Set<string>;
  mustExist: boolean;
  mustNotExist: boolean;
}

interface Toleration {
  /** Undefined: the toleration matches every key. */
  key: string | undefined;
  /** Undefined: any value (operator Exists). */
  value: string | undefined;
  /** Undefined: every effect. */
  effect: string | undefined;
}

/** Where the scheduler may put a pod, as far as its manifest says. */
export interface NodePlacement {
  constraints: Map<string, KeyConstraint>;
  tolerations: Toleration[];
}

/** `nodeName` and node-affinity `matchFields` select by the node's name, which no label key can be (labels cannot contain `:`). */
const NODE_NAME_KEY = 'field:metadata.name';

function constraintOf(constraints: Map<string, KeyConstraint>, key: string): KeyConstraint {
  let constraint = constraints.get(key);
  if (constraint === undefined) {
    constraint = { oneOf: undefined, noneOf: new Set(), mustExist: false, mustNotExist: false };
    constraints.set(key, constraint);
  }
  return constraint;
}

function requireOneOf(constraints: Map<string, KeyConstraint>, key: string, values: readonly string[]): void {
  const constraint = constraintOf(constraints, key);
  const allowed = new Set(values);
  constraint.oneOf = constraint.oneOf === undefined ? allowed : new Set([...constraint.oneOf].filter((value) => allowed.has(value)));
}

/** Applies one node selector requirement; `Gt` and `Lt` are left out (treated as no constraint, which can only make pods look less separated). */
function applyRequirement(constraints: Map<string, KeyConstraint>, requirement: unknown, keyPrefix: string): void {
  if (!isRecord(requirement) || typeof requirement.key !== 'string') return;
  const key = `${keyPrefix}${requirement.key}`;
  const values = stringsOf(requirement.values);
  switch (requirement.operator) {
    case 'In':
      requireOneOf(constraints, key, values);
      break;
    case 'NotIn':
      for (const value of values) constraintOf(constraints, key).noneOf.add(value);
      break;
    case 'Exists':
      constraintOf(constraints, key).mustExist = true;
      break;
    case 'DoesNotExist':
      constraintOf(constraints, key).mustNotExist = true;
      break;
  }
}

/** Node-condition taints (not-ready, unreachable, memory-pressure …) are tolerated for resilience, not to dedicate nodes. */
function dedicates(toleration: Toleration): boolean {
  return toleration.key !== undefined && !toleration.key.startsWith('node.kubernetes.io/') && toleration.effect !== 'PreferNoSchedule';
}

function tolerationsOf(spec: Record<string, unknown>): Toleration[] {
  const list = Array.isArray(spec.tolerations) ? spec.tolerations : [];
  const out: Toleration[] = [];
  for (const item of list) {
    if (!isRecord(item)) continue;
    const key = typeof item.key === 'string' && item.key !== '' ? item.key : undefined;
    const value = item.operator === 'Exists' ? undefined : typeof item.value === 'string' ? item.value : '';
    const effect = typeof item.effect === 'string' && item.effect !== '' ? item.effect : undefined;
    out.push({ key, value, effect });
  }
  return out;
}

/**
 * Reads a pod's node placement: `nodeName`, `nodeSelector`, and required node affinity when it
 * has a single selector term (several terms are alternatives; they are left out, which can only
 * make pods look less separated), plus its tolerations.
 */
export function nodePlacement(podSpec: PodSpecRef): NodePlacement {
  const spec = podSpec.spec;
  const constraints = new Map<string, KeyConstraint>();
  if (typeof spec.nodeName === 'string' && spec.nodeName !== '') requireOneOf(constraints, NODE_NAME_KEY, [spec.nodeName]);
  if (isRecord(spec.nodeSelector)) {
    for (const [key, value] of Object.entries(spec.nodeSelector)) if (typeof value === 'string') requireOneOf(constraints, key, [value]);
  }
  const affinity = isRecord(spec.affinity) && isRecord(spec.affinity.nodeAffinity) ? spec.affinity.nodeAffinity : {};
  const required = affinity.requiredDuringSchedulingIgnoredDuringExecution;
  const terms = isRecord(required) && Array.isArray(required.nodeSelectorTerms) ? required.nodeSelectorTerms : [];
  const [term] = terms;
  if (terms.length === 1 && isRecord(term)) {
    for (const requirement of Array.isArray(term.matchExpressions) ? term.matchExpressions : []) applyRequirement(constraints, requirement, '');
    for (const requirement of Array.isArray(term.matchFields) ? term.matchFields : []) applyRequirement(constraints, requirement, 'field:');
  }
  return { constraints, tolerations: tolerationsOf(spec) };
}

function excludes(a: KeyConstraint, b: KeyConstraint): boolean {
  if (a.oneOf !== undefined && b.oneOf !== undefined && ![...a.oneOf].some((value) => b.oneOf?.has(value))) return true;
  if (a.oneOf !== undefined && [...a.oneOf].every((value) => b.noneOf.has(value))) return true;
  return (a.oneOf !== undefined || a.mustExist) && b.mustNotExist;
}

/** Whether the two pods' selectors can never match the same node. */
function disjointSelectors(a: NodePlacement, b: NodePlacement): boolean {
  for (const [key, constraint] of a.constraints) {
    const other = b.constraints.get(key);
    if (other !== undefined && (excludes(constraint, other) || excludes(other, constraint))) return true;
  }
  return false;
}

function tolerates(tolerations: readonly Toleration[], taint: Toleration): boolean {
  return tolerations.some(
    (toleration) =>
      (toleration.key === undefined || toleration.key === taint.key) &&
      // The taint's exact value and effect are unknown when the dedicating toleration leaves them open: assume they match.
      (toleration.value === undefined || taint.value === undefined || toleration.value === taint.value) &&
      (toleration.effect === undefined || taint.effect === undefined || toleration.effect === taint.effect),
  );
}

/**
 * The dedicated-nodes pattern: `pinned` selects its nodes and tolerates a taint that keeps
 * other pods off them, and `other` does not tolerate that taint.
 */
function keptOffDedicatedNodes(pinned: NodePlacement, other: NodePlacement): boolean {
  if (pinned.constraints.size === 0) return false;
  return pinned.tolerations.some((toleration) => dedicates(toleration) && !tolerates(other.tolerations, toleration));
}

/** Whether the scheduler may put the two pods on the same node, as far as their manifests say. */
export function mayShareNodes(a: NodePlacement, b: NodePlacement): boolean {
  return !(disjointSelectors(a, b) || keptOffDedicatedNodes(a, b) || keptOffDedicatedNodes(b, a));
}
