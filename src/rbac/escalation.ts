import type { RbacAnalysis } from './analysis.js';
import { Capability, RoleMatches, stateKey, type EscalationState } from './escalation-state.js';
import { goalOf, searchContext, TECHNIQUES, type EscalationStep, type GoalMatch, type SearchContext } from './escalation-techniques.js';
import { appendTo } from './lists.js';
import type { BindingDef } from './model.js';
import { classifySubject } from './subjects.js';
import type { Subject } from './types.js';
import { compareSubjects, principalKey } from './who-can.js';
import type { WorkloadIdentity } from './workloads.js';

export interface EscalationOptions {
  /** Search from these subjects; by default from every subject the bindings name that is not a control-plane component, and every workload's ServiceAccount. */
  from?: readonly Subject[];
  /** Longest chain searched, in steps. Default 5. */
  maxDepth?: number;
  /** Chains reported per starting subject, shortest first. Default 3. */
  maxPaths?: number;
}

/** A subject a search starts from, and where the input names it. */
export interface EscalationStart {
  subject: Subject;
  /** The binding subjects that name it. */
  bindings: { binding: BindingDef; index: number }[];
  /** The workloads whose pods run as it (for a ServiceAccount). */
  workloads: WorkloadIdentity[];
}

/** A chain from a starting subject to cluster-admin-equivalent power. */
export interface EscalationPath {
  /** The steps, in order; none when the subject already holds the power. */
  steps: EscalationStep[];
  /** The state that meets the goal: the last step's target, or the start itself. */
  reached: EscalationState;
  goal: GoalMatch;
}

export interface StartPaths {
  start: EscalationStart;
  /** Shortest first; at most `maxPaths`. */
  paths: EscalationPath[];
  /**
   * How many more chains to cluster-admin-equivalent states the search found beyond those
   * reported (it stops at the depth where it has found `maxPaths`, so longer ones are not counted).
   */
  more: number;
}

export interface EscalationReport {
  maxDepth: number;
  /** How many subjects were searched from. */
  searched: number;
  /** With `from`: every subject asked about; without: only those with a path. */
  results: StartPaths[];
}

export const DEFAULT_MAX_DEPTH = 5;
export const DEFAULT_MAX_PATHS = 3;

/** Where the input names each principal: binding subjects and workloads, by `principalKey`. */
class StartIndex {
  private readonly bindings = new Map<string, EscalationStart['bindings']>();
  private readonly workloads = new Map<string, WorkloadIdentity[]>();

  constructor(analysis: RbacAnalysis) {
    for (const binding of analysis.model.bindings) {
      for (const entry of binding.subjects) {
        if (entry.subject !== undefined) appendTo(this.bindings, principalKey(entry.subject), { binding, index: entry.index });
      }
    }
    for (const workload of analysis.workloads) {
      appendTo(this.workloads, principalKey({ kind: 'ServiceAccount', namespace: workload.serviceAccount.namespace, name: workload.serviceAccount.name }), workload);
    }
  }

  start(subject: Subject): EscalationStart {
    const key = principalKey(subject);
    return { subject, bindings: this.bindings.get(key) ?? [], workloads: this.workloads.get(key) ?? [] };
  }
}

/** Where the input names each of these subjects. */
function startsOf(analysis: RbacAnalysis, subjects: readonly Subject[]): EscalationStart[] {
  const index = new StartIndex(analysis);
  return subjects.map((subject) => index.start(subject));
}

/**
 * The subjects worth searching from: every subject a binding of the input names, except the
 * control plane's own (`system:` users and groups of components, the controller
 * ServiceAccounts of kube-system, `system:masters`), and the ServiceAccount of every workload.
 * Broad groups such as `system:authenticated` are included: a path from them is a path from
 * everyone.
 */
export function escalationStarts(analysis: RbacAnalysis): EscalationStart[] {
  const subjects = new Map<string, Subject>();
  for (const binding of analysis.model.bindings) {
    if (binding.resource === undefined) continue;
    for (const { subject } of binding.subjects) {
      if (subject === undefined) continue;
      const kind = classifySubject(subject);
      if (kind === 'system-component' || kind === 'masters') continue;
      const key = principalKey(subject);
      if (!subjects.has(key)) subjects.set(key, subject);
    }
  }
  for (const workload of analysis.workloads) {
    const subject: Subject = { kind: 'ServiceAccount', namespace: workload.serviceAccount.namespace, name: workload.serviceAccount.name };
    const key = principalKey(subject);
    if (!subjects.has(key)) subjects.set(key, subject);
  }
  return startsOf(analysis, [...subjects.values()].sort(compareSubjects));
}

/**
 * The search's memory, shared by every start: whether each state is a goal, and what each
 * state may do. Steps are not kept: a large cluster has millions of possible steps, of which
 * the searches follow a few (`GoalIndex` keeps those).
 */
class StateGraph {
  private readonly capabilities = new Map<string, Capability>();
  /** Capabilities of states being explored, from when they are reached until they are expanded. */
  private readonly pending = new Map<string, Capability>();
  private readonly goals = new Map<string, GoalMatch | null>();
  private readonly matches: RoleMatches;

  constructor(private readonly context: SearchContext) {
    this.matches = new RoleMatches(context.analysis.model);
  }

  private capability(state: EscalationState, key: string, keep: boolean): Capability {
    let capability = this.capabilities.get(key);
    if (capability !== undefined) return capability;
    capability = this.pending.get(key);
    if (capability === undefined) capability = new Capability(this.context.analysis.model, state, this.matches);
    if (keep) {
      this.capabilities.set(key, capability);
      this.pending.delete(key);
    } else this.pending.set(key, capability);
    return capability;
  }

  /** Forgets what states being explored may do: once expanded, or when the exploration is over. */
  release(key?: string): void {
    if (key === undefined) this.pending.clear();
    else this.pending.delete(key);
  }

  goal(state: EscalationState, key: string = stateKey(state)): GoalMatch | undefined {
    let goal = this.goals.get(key);
    if (goal === undefined) {
      goal = goalOf(this.capability(state, key, false)) ?? null;
      this.goals.set(key, goal);
    }
    return goal ?? undefined;
  }

  /**
   * The steps from a state. `keep` keeps what the state may do for later questions: for the few
   * states the searches expand, not for every state the graph is explored through.
   */
  next(state: EscalationState, key: string = this.keyOf(state), keep = true, wanted: (to: EscalationState) => boolean = () => true): EscalationStep[] {
    const capability = this.capability(state, key, keep);
    const steps = TECHNIQUES.flatMap((technique) => technique.find(this.context, capability, wanted)).filter((step) => this.keyOf(step.to) !== key);
    if (!keep) this.release(key);
    return steps;
  }

  /** `stateKey`, remembered for the subject states steps lead to. */
  keyOf(state: EscalationState): string {
    return this.context.states.keyOf(state);
  }
}

/** A step with the key of the state it reaches. */
interface KeyedStep {
  step: EscalationStep;
  key: string;
}

/**
 * Which states can lead to a cluster-admin-equivalent state, and in how few steps: worked out
 * once over the graph all searches share (every state within `maxDepth` steps of a start), so
 * that each search skips states that cannot reach a goal in the steps it has left. That changes
 * nothing a search finds: every state on a chain it reports, and every state such a state is
 * first reached from, leads to a goal within the depth left.
 */
class GoalIndex {
  /** Fewest steps from a state to a goal (0 for a goal itself); absent when none is within `maxDepth`. */
  private readonly distances = new Map<string, number>();
  private readonly towards = new Map<string, readonly KeyedStep[]>();

  constructor(
    private readonly graph: StateGraph,
    origins: readonly EscalationState[],
    private readonly maxDepth: number,
  ) {
    const predecessors = new Map<string, string[]>();
    const reached = new Set<string>();
    const goals: string[] = [];
    let frontier: { state: EscalationState; key: string }[] = [];
    for (const origin of origins) {
      const key = stateKey(origin);
      if (reached.has(key)) continue;
      reached.add(key);
      if (graph.goal(origin, key) !== undefined) goals.push(key);
      else frontier.push({ state: origin, key });
    }
    for (let depth = 0; depth < maxDepth && frontier.length > 0; depth++) {
      const nextFrontier: { state: EscalationState; key: string }[] = [];
      for (const { state, key: from } of frontier) {
        const successors = new Map<string, EscalationState>();
        for (const step of graph.next(state, from, false)) {
          const to = graph.keyOf(step.to);
          if (!successors.has(to)) successors.set(to, step.to);
        }
        for (const [to, target] of successors) {
          const list = predecessors.get(to);
          if (list === undefined) predecessors.set(to, [from]);
          else list.push(from);
          if (reached.has(to)) continue;
          reached.add(to);
          if (graph.goal(target, to) !== undefined) goals.push(to);
          else nextFrontier.push({ state: target, key: to });
        }
      }
      frontier = nextFrontier;
    }
    graph.release();
    for (const key of goals) this.distances.set(key, 0);
    let layer = goals;
    for (let distance = 1; distance <= maxDepth && layer.length > 0; distance++) {
      const nextLayer: string[] = [];
      for (const key of layer) {
        for (const predecessor of predecessors.get(key) ?? []) {
          if (this.distances.has(predecessor)) continue;
          this.distances.set(predecessor, distance);
          nextLayer.push(predecessor);
        }
      }
      layer = nextLayer;
    }
  }

  /** Whether a state reached after `depth` steps can still lead to a goal. */
  promising(key: string, depth: number): boolean {
    return (this.distances.get(key) ?? Infinity) <= this.maxDepth - depth;
  }

  /** The steps from a state to states that can lead to a goal, in the graph's order. */
  stepsTowardsGoal(state: EscalationState, key: string): readonly KeyedStep[] {
    const known = this.towards.get(key);
    if (known !== undefined) return known;
    const steps: KeyedStep[] = [];
    // Only steps to states that can lead to a goal: the techniques need not even work out the others.
    for (const step of this.graph.next(state, key, true, (to) => this.distances.has(this.graph.keyOf(to)))) {
      const to = this.graph.keyOf(step.to);
      if (this.distances.has(to)) steps.push({ step, key: to });
    }
    this.towards.set(key, steps);
    return steps;
  }
}

/** What a step uses: its technique and the grants of its permissions, whatever it reaches. */
function stepSignature(step: EscalationStep): string {
  const grants = step.permissions.map((permission) => {
    const binding = permission.binding === undefined ? 'chain' : `${permission.binding.kind}/${permission.binding.namespace ?? ''}/${permission.binding.name}`;
    const rule = permission.rule === undefined ? 'everything' : `${permission.rule.role.kind}/${permission.rule.role.namespace ?? ''}/${permission.rule.role.name}#${permission.rule.index}`;
    return `${binding}:${rule}`;
  });
  return `${step.technique}(${grants.join(',')})`;
}

/**
 * Breadth-first search over what an attacker holds, from one subject: each step uses
 * permissions of the current state to gain another identity or role; a state that is
 * cluster-admin-equivalent ends a chain. Chains come out shortest first, each state reached
 * by its shortest chain only.
 */
function searchFrom(graph: StateGraph, goals: GoalIndex, start: EscalationStart, maxDepth: number, maxPaths: number): StartPaths {
  const origin: EscalationState = { kind: 'subject', subject: start.subject };
  const direct = graph.goal(origin);
  if (direct !== undefined) return { start, paths: [{ steps: [], reached: origin, goal: direct }], more: 0 };
  const originKey = stateKey(origin);
  if (!goals.promising(originKey, 0)) return { start, paths: [], more: 0 };
  const reachedBy = new Map<string, EscalationStep | null>([[originKey, null]]);
  const paths: EscalationPath[] = [];
  const signatures = new Set<string>();
  let more = 0;
  let frontier: { state: EscalationState; key: string }[] = [{ state: origin, key: originKey }];
  for (let depth = 0; depth < maxDepth && frontier.length > 0; depth++) {
    const nextFrontier: { state: EscalationState; key: string }[] = [];
    for (const { state, key: from } of frontier) {
      // States that cannot reach a goal in the steps left are not worth expanding.
      if (!goals.promising(from, depth)) continue;
      for (const { step, key } of goals.stepsTowardsGoal(state, from)) {
        if (reachedBy.has(key)) continue;
        reachedBy.set(key, step);
        const goal = graph.goal(step.to, key);
        if (goal === undefined) {
          nextFrontier.push({ state: step.to, key });
          continue;
        }
        const steps: EscalationStep[] = [];
        for (let at: EscalationStep | null | undefined = step; at; at = reachedBy.get(graph.keyOf(at.from))) steps.unshift(at);
        const signature = steps.map(stepSignature).join(' > ');
        // The same permissions leading to another role or account tell nothing new: count it, show the first.
        if (paths.length >= maxPaths || signatures.has(signature)) {
          more++;
          continue;
        }
        signatures.add(signature);
        paths.push({ steps, reached: step.to, goal });
      }
    }
    frontier = nextFrontier;
    // Longer chains than those already shown add little and cost the most: stop at this depth.
    if (paths.length >= maxPaths) break;
  }
  return { start, paths, more };
}

/**
 * Chains of permissions by which subjects reach cluster-admin-equivalent power (see
 * `EscalationGoal`), each step with the binding and rule that allow it. From the subjects
 * given, or from every subject worth searching from (`escalationStarts`), keeping only those
 * with a chain.
 */
export function findEscalationPaths(analysis: RbacAnalysis, options: EscalationOptions = {}): EscalationReport {
  const maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH;
  const maxPaths = options.maxPaths ?? DEFAULT_MAX_PATHS;
  const graph = new StateGraph(searchContext(analysis));
  const starts = options.from === undefined ? escalationStarts(analysis) : startsOf(analysis, options.from);
  const goals = new GoalIndex(
    graph,
    starts.map((start): EscalationState => ({ kind: 'subject', subject: start.subject })),
    maxDepth,
  );
  const results = starts.map((start) => searchFrom(graph, goals, start, maxDepth, maxPaths));
  return { maxDepth, searched: starts.length, results: options.from === undefined ? results.filter((result) => result.paths.length > 0) : results };
}
