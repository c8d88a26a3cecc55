import type { RbacAnalysis } from './analysis.js';
import { Capability, NOWHERE, RoleMatches, stateKey, type EscalationState } from './escalation-state.js';
import { classKey, Predecessors, type KeyedState } from './escalation-distance.js';
import { goalOf, searchContext, TECHNIQUES, type EscalationStep, type GoalMatch, type SearchContext, type Wanted } from './escalation-techniques.js';
import { appendTo } from '../model/lists.js';
import type { BindingDef } from './model.js';
import { accountNamespaceOf, classifySubject, principalKey } from './subjects.js';
import type { Subject } from './types.js';
import { sortBySubject } from './who-can.js';
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

  /** Of the principals with these keys only. */
  constructor(analysis: RbacAnalysis, keys: ReadonlySet<string>) {
    if (keys.size === 0) return;
    for (const binding of analysis.model.bindings) {
      for (const { principal: key, index } of binding.subjects) {
        if (key !== undefined && keys.has(key)) appendTo(this.bindings, key, { binding, index });
      }
    }
    for (const workload of analysis.workloads) {
      const key = principalKey({ kind: 'ServiceAccount', namespace: workload.serviceAccount.namespace, name: workload.serviceAccount.name });
      if (keys.has(key)) appendTo(this.workloads, key, workload);
    }
  }

  start(subject: Subject): EscalationStart {
    const key = principalKey(subject);
    return { subject, bindings: this.bindings.get(key) ?? [], workloads: this.workloads.get(key) ?? [] };
  }
}

/** Where the input names each of these subjects. */
function startsOf(analysis: RbacAnalysis, subjects: readonly Subject[]): EscalationStart[] {
  const index = new StartIndex(analysis, new Set(subjects.map(principalKey)));
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
  return startsOf(analysis, startSubjects(analysis));
}

/** The subjects of `escalationStarts`, sorted. */
function startSubjects(analysis: RbacAnalysis): Subject[] {
  // By principal (a ServiceAccount and its user name are one), the first subject that names it; each principal judged once.
  const subjects = new Map<string, Subject>();
  const seen = new Set<string>();
  for (const binding of analysis.model.bindings) {
    if (binding.resource === undefined) continue;
    for (const { subject, principal } of binding.subjects) {
      if (principal === undefined || seen.has(principal)) continue;
      seen.add(principal);
      const kind = classifySubject(subject);
      if (kind !== 'system-component' && kind !== 'masters') subjects.set(principal, subject);
    }
  }
  for (const known of analysis.serviceAccounts) {
    if (known.workloads.length === 0) continue;
    const subject: Subject = { kind: 'ServiceAccount', namespace: known.namespace, name: known.name };
    const key = principalKey(subject);
    if (!subjects.has(key)) subjects.set(key, subject);
  }
  return sortBySubject([...subjects.values()], (subject) => subject);
}

/** Whether a technique may find steps for a state: whether the state reaches any shape the technique needs. */
function usable(technique: (typeof TECHNIQUES)[number], capability: Capability): boolean {
  return technique.needs.some((shape) => capability.reach(shape) !== NOWHERE);
}

/**
 * The search's memory, shared by every start: whether each state is a goal, and what each
 * state may do. Steps are not kept: a large cluster has millions of possible steps, of which
 * the searches follow a few (`GoalIndex` keeps those).
 */
class StateGraph {
  private readonly capabilities = new Map<string, Capability>();
  private readonly goals = new Map<string, GoalMatch | null>();
  readonly matches: RoleMatches;

  constructor(readonly context: SearchContext) {
    this.matches = new RoleMatches(context.analysis.model);
  }

  /** What a state may do, kept: only the goal candidates and the states the searches meet are asked about. */
  private capability(state: EscalationState, key: string): Capability {
    let capability = this.capabilities.get(key);
    if (capability === undefined) {
      capability = new Capability(this.context.analysis.model, state, this.matches);
      this.capabilities.set(key, capability);
    }
    return capability;
  }

  goal(state: EscalationState, key: string = stateKey(state)): GoalMatch | undefined {
    let goal = this.goals.get(key);
    if (goal === undefined) {
      goal = goalOf(this.capability(state, key)) ?? null;
      this.goals.set(key, goal);
    }
    return goal ?? undefined;
  }

  /** The steps from a state to the targets wanted. */
  next(state: EscalationState, key: string, wanted: Wanted): EscalationStep[] {
    const capability = this.capability(state, key);
    return TECHNIQUES.flatMap((technique) => (usable(technique, capability) ? technique.find(this.context, capability, wanted) : [])).filter((step) => this.keyOf(step.to) !== key);
  }

  /** `stateKey`, remembered for the subject states steps lead to. */
  keyOf(state: EscalationState): string {
    return this.context.states.keyOf(state);
  }
}


/** The steps from a state towards a goal, and the states they reach. */
interface StepsTowardsGoal {
  steps: readonly KeyedStep[];
  targets: StateSet;
}

/** A set of the numbered states of a `GoalIndex`, as bits. */
class StateSet {
  private readonly words: Uint32Array;

  constructor(size: number) {
    this.words = new Uint32Array((size + 31) >>> 5);
  }

  has(number: number): boolean {
    return ((this.words[number >>> 5] as number) & (1 << (number & 31))) !== 0;
  }

  add(number: number): void {
    this.words[number >>> 5] = (this.words[number >>> 5] as number) | (1 << (number & 31));
  }

  /** Whether every state of another set is in this one. */
  covers(other: StateSet): boolean {
    const words = other.words;
    for (let at = 0; at < words.length; at++) if (((words[at] as number) & ~(this.words[at] as number)) !== 0) return false;
    return true;
  }
}

/** A step with the key of the state it reaches. */
interface KeyedStep {
  step: EscalationStep;
  key: string;
  /** The number of the state it reaches among those near a goal (`GoalIndex.numberOf`). */
  number: number;
}

/**
 * Which states can lead to a cluster-admin-equivalent state, and in how few steps at least:
 * worked out once, backwards from the goals (see `escalation-distance.ts`), so that each search
 * skips states that cannot reach a goal in the steps it has left. The distances are never more
 * than the true ones, so that changes nothing a search finds.
 */
class GoalIndex {
  /** Fewest steps from a state to a goal (0 for a goal itself), at least; absent when none is within `maxDepth`. */
  private readonly distances = new Map<string, number>();
  private readonly towards = new Map<string, StepsTowardsGoal>();
  /** The states with a distance, and the namespaces of those that are ServiceAccounts. */
  private readonly wanted: Wanted;
  /** The states with a distance, numbered from 0, so that a search can mark those it reached in an array. */
  private readonly numbers = new Map<string, number>();

  constructor(
    private readonly graph: StateGraph,
    origins: readonly EscalationState[],
    private readonly maxDepth: number,
  ) {
    const context = graph.context;
    // Every subject state a search may meet: the starts, and whatever the techniques lead to.
    const subjects = new Map<string, EscalationState>();
    const add = (state: EscalationState) => {
      const key = graph.keyOf(state);
      if (!subjects.has(key)) subjects.set(key, state);
    };
    origins.forEach(add);
    for (const known of context.analysis.serviceAccounts) add(context.states.accountOf(known));
    for (const name of context.users) add(context.states.subject({ kind: 'User', name }));
    for (const name of context.groups) add(context.states.subject({ kind: 'Group', name }));
    const predecessors = new Predecessors(context, graph.matches, subjects);
    let layer: KeyedState[] = [];
    for (const [key, state] of predecessors.goalCandidates()) {
      if (this.distances.has(key) || graph.goal(state, key) === undefined) continue;
      this.distances.set(key, 0);
      layer.push([key, state]);
    }
    predecessors.settle(context.analysis.model, new Set(this.distances.keys()));
    // States of the same class (every ServiceAccount of a namespace, say) have the same predecessors: the nearest decides.
    const classesDone = new Set<string>();
    for (let distance = 1; distance <= maxDepth && layer.length > 0; distance++) {
      const nextLayer: KeyedState[] = [];
      for (const [, state] of layer) {
        const target = predecessors.classOf(state);
        const key = classKey(target);
        if (classesDone.has(key)) continue;
        classesDone.add(key);
        for (const keyed of predecessors.into(target)) {
          if (this.distances.has(keyed[0])) continue;
          this.distances.set(keyed[0], distance);
          nextLayer.push(keyed);
        }
      }
      layer = nextLayer;
    }
    for (const key of this.distances.keys()) this.numbers.set(key, this.numbers.size);
    const accountNamespaces = new Set<string>();
    // By the key, which names a ServiceAccount however the subject was written (a User `system:serviceaccount:…` too).
    for (const key of this.distances.keys()) {
      const namespace = accountNamespaceOf(key);
      if (namespace !== undefined) accountNamespaces.add(namespace);
    }
    this.wanted = { has: (to) => this.distances.has(graph.keyOf(to)), accountNamespaces };
  }

  /** Fewest steps from a state to a goal, at least; undefined when more than the search's depth. */
  distanceOf(key: string): number | undefined {
    return this.distances.get(key);
  }

  /** How many states have a distance. */
  get size(): number {
    return this.numbers.size;
  }

  /** The number of a state with a distance. */
  numberOf(key: string): number | undefined {
    return this.numbers.get(key);
  }

  /** Whether a state reached after `depth` steps can still lead to a goal. */
  promising(key: string, depth: number): boolean {
    return (this.distances.get(key) ?? Infinity) <= this.maxDepth - depth;
  }

  /** The steps from a state to states that can lead to a goal, in the graph's order. */
  stepsTowardsGoal(state: EscalationState, key: string): StepsTowardsGoal {
    const known = this.towards.get(key);
    if (known !== undefined) return known;
    const steps: KeyedStep[] = [];
    // Only steps to states that can lead to a goal: the techniques need not even work out the others.
    for (const step of this.graph.next(state, key, this.wanted)) {
      const to = this.graph.keyOf(step.to);
      const number = this.numbers.get(to);
      if (number !== undefined) steps.push({ step, key: to, number });
    }
    const targets = new StateSet(this.size);
    for (const step of steps) targets.add(step.number);
    const out = { steps, targets };
    this.towards.set(key, out);
    return out;
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

/** What a search from one subject found: `StartPaths` without where the input names the subject. */
interface Found {
  subject: Subject;
  paths: EscalationPath[];
  more: number;
}

/**
 * Breadth-first search over what an attacker holds, from one subject: each step uses
 * permissions of the current state to gain another identity or role; a state that is
 * cluster-admin-equivalent ends a chain. Chains come out shortest first, each state reached
 * by its shortest chain only.
 */
function searchFrom(graph: StateGraph, goals: GoalIndex, subject: Subject, maxDepth: number, maxPaths: number): Found {
  const origin: EscalationState = { kind: 'subject', subject };
  const originKey = stateKey(origin);
  // Without a distance (hence a number) it is no goal and leads to none within the depth: the goals themselves are at 0.
  const originNumber = goals.numberOf(originKey);
  if (originNumber === undefined) return { subject, paths: [], more: 0 };
  const direct = goals.distanceOf(originKey) === 0 ? graph.goal(origin, originKey) : undefined;
  if (direct !== undefined) return { subject, paths: [{ steps: [], reached: origin, goal: direct }], more: 0 };
  const reachedBy = new Map<string, EscalationStep | null>([[originKey, null]]);
  // Every state a search meets is near a goal, hence numbered: a set of bits is cheaper than a map's keys, and
  // tells at once that every state some steps lead to is reached already (as most are, after the first few).
  const reached = new StateSet(goals.size);
  reached.add(originNumber);
  const paths: EscalationPath[] = [];
  const signatures = new Set<string>();
  let more = 0;
  let frontier: { state: EscalationState; key: string }[] = [{ state: origin, key: originKey }];
  for (let depth = 0; depth < maxDepth && frontier.length > 0; depth++) {
    const nextFrontier: { state: EscalationState; key: string }[] = [];
    for (const { state, key: from } of frontier) {
      // States that cannot reach a goal in the steps left are not worth expanding.
      if (!goals.promising(from, depth)) continue;
      const towards = goals.stepsTowardsGoal(state, from);
      if (reached.covers(towards.targets)) continue;
      for (const { step, key, number } of towards.steps) {
        if (reached.has(number)) continue;
        reached.add(number);
        reachedBy.set(key, step);
        const goal = graph.goal(step.to, key);
        if (goal === undefined) {
          nextFrontier.push({ state: step.to, key });
          continue;
        }
        if (paths.length >= maxPaths) {
          more++;
          continue;
        }
        const steps: EscalationStep[] = [];
        for (let at: EscalationStep | null | undefined = step; at; at = reachedBy.get(graph.keyOf(at.from))) steps.unshift(at);
        const signature = steps.map(stepSignature).join(' > ');
        // The same permissions leading to another role or account tell nothing new: count it, show the first.
        if (signatures.has(signature)) {
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
  return { subject, paths, more };
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
  const context = searchContext(analysis);
  const graph = new StateGraph(context);
  const subjects = options.from ?? startSubjects(analysis);
  const goals = new GoalIndex(
    graph,
    subjects.map((subject): EscalationState => ({ kind: 'subject', subject })),
    maxDepth,
  );
  const found = subjects.map((subject) => searchFrom(graph, goals, subject, maxDepth, maxPaths));
  // Where the input names each start is worked out for those reported only.
  const reported = options.from === undefined ? found.filter((result) => result.paths.length > 0) : found;
  const starts = startsOf(
    analysis,
    reported.map((result) => result.subject),
  );
  return { maxDepth, searched: subjects.length, results: reported.map(({ subject: _subject, ...result }, index) => ({ start: starts[index] as EscalationStart, ...result })) };
}
