import type { RbacAnalysis } from './analysis.js';
import { Capability, NOWHERE, RoleMatches, stateKey, type EscalationState } from './escalation-state.js';
import { EVERY_TARGET, goalOf, searchContext, TECHNIQUES, type EscalationStep, type GoalMatch, type SearchContext, type TargetSink, type Wanted } from './escalation-techniques.js';
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
  /** Capabilities of states being explored, from when they are reached until they are expanded. */
  private readonly pending = new Map<string, Capability>();
  private readonly goals = new Map<string, GoalMatch | null>();
  private readonly matches: RoleMatches;

  constructor(readonly context: SearchContext) {
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
  next(state: EscalationState, key: string = this.keyOf(state), keep = true, wanted: Wanted = EVERY_TARGET): EscalationStep[] {
    const capability = this.capability(state, key, keep);
    const steps = TECHNIQUES.flatMap((technique) => (usable(technique, capability) ? technique.find(this.context, capability, wanted) : [])).filter((step) => this.keyOf(step.to) !== key);
    if (!keep) this.release(key);
    return steps;
  }

  /** Where the steps from a state lead, whole groups at once (see `TargetSink`); not kept. */
  targets(state: EscalationState, key: string): TargetCollector {
    const capability = this.capability(state, key, false);
    const sink = new TargetCollector(this, key);
    for (const technique of TECHNIQUES) {
      if (!usable(technique, capability)) continue;
      if (technique.targets !== undefined) technique.targets(this.context, capability, sink);
      else for (const step of technique.find(this.context, capability, EVERY_TARGET)) sink.state(step.to);
    }
    this.release(key);
    return sink;
  }

  /** The states of a group of `TargetSink`. */
  members(group: string): EscalationState[] {
    const { context } = this;
    if (group === USERS) return context.users.map((name) => context.states.subject({ kind: 'User', name }));
    if (group === GROUPS) return context.groups.map((name) => context.states.subject({ kind: 'Group', name }));
    const accounts = group === ALL_ACCOUNTS ? context.analysis.serviceAccounts : (context.accountsByNamespace.get(group.slice(ACCOUNTS_IN.length)) ?? []);
    return accounts.map((known) => context.states.accountOf(known));
  }

  /** `stateKey`, remembered for the subject states steps lead to. */
  keyOf(state: EscalationState): string {
    return this.context.states.keyOf(state);
  }
}

/** Keys of the groups of `TargetSink`: apart from state keys, which never start with `#`. */
const USERS = '#users';
const GROUPS = '#groups';
const ALL_ACCOUNTS = '#accounts';
const ACCOUNTS_IN = '#accounts@';
/** How `principalKey` begins for a ServiceAccount. */
const ACCOUNT_KEY = principalKey({ kind: 'ServiceAccount', namespace: '', name: '' }).slice(0, -1);

/** The targets of one state's steps, by key, each once. */
class TargetCollector implements TargetSink {
  readonly states = new Map<string, EscalationState>();
  readonly groupKeys = new Set<string>();

  constructor(
    private readonly graph: StateGraph,
    private readonly from: string,
  ) {}

  state(to: EscalationState): void {
    const key = this.graph.keyOf(to);
    if (key !== this.from && !this.states.has(key)) this.states.set(key, to);
  }

  accounts(namespace: string | undefined): void {
    this.groupKeys.add(namespace === undefined ? ALL_ACCOUNTS : `${ACCOUNTS_IN}${namespace}`);
  }

  users(): void {
    this.groupKeys.add(USERS);
  }

  groups(): void {
    this.groupKeys.add(GROUPS);
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
 * that each search skips states that cannot reach a goal in the steps it has left. The graph is
 * walked by the techniques' quick pass, whose groups stand for many steps at once (a state that
 * may create pods everywhere reaches every ServiceAccount): the distances it gives are never
 * more than the true ones, so the searches skip nothing they would have found.
 */
class GoalIndex {
  /** Fewest steps from a state to a goal (0 for a goal itself); absent when none is within `maxDepth`. */
  private readonly distances = new Map<string, number>();
  private readonly towards = new Map<string, readonly KeyedStep[]>();
  /** The states with a distance, and the namespaces of those that are ServiceAccounts. */
  private readonly wanted: Wanted;

  constructor(
    private readonly graph: StateGraph,
    origins: readonly EscalationState[],
    private readonly maxDepth: number,
  ) {
    /** By the key of a state or of a group, the states with a step into it. */
    const predecessors = new Map<string, string[]>();
    /** By the key of a state, the groups it belongs to. */
    const memberOf = new Map<string, string[]>();
    const reached = new Set<string>();
    const goals: string[] = [];
    let frontier: { state: EscalationState; key: string }[] = [];
    const reach = (state: EscalationState, key: string, into: { state: EscalationState; key: string }[]) => {
      if (reached.has(key)) return;
      reached.add(key);
      if (graph.goal(state, key) !== undefined) goals.push(key);
      else into.push({ state, key });
    };
    for (const origin of origins) reach(origin, stateKey(origin), frontier);
    for (let depth = 0; depth < maxDepth && frontier.length > 0; depth++) {
      const nextFrontier: { state: EscalationState; key: string }[] = [];
      for (const { state, key: from } of frontier) {
        const targets = graph.targets(state, from);
        for (const [to, target] of targets.states) {
          appendTo(predecessors, to, from);
          reach(target, to, nextFrontier);
        }
        for (const group of targets.groupKeys) {
          const known = predecessors.get(group);
          if (known !== undefined) {
            known.push(from);
            continue;
          }
          predecessors.set(group, [from]);
          for (const member of graph.members(group)) {
            const key = graph.keyOf(member);
            appendTo(memberOf, key, group);
            reach(member, key, nextFrontier);
          }
        }
      }
      frontier = nextFrontier;
    }
    graph.release();
    for (const key of goals) this.distances.set(key, 0);
    const groupsDone = new Set<string>();
    let layer = goals;
    for (let distance = 1; distance <= maxDepth && layer.length > 0; distance++) {
      const nextLayer: string[] = [];
      const assign = (key: string) => {
        for (const predecessor of predecessors.get(key) ?? []) {
          if (this.distances.has(predecessor)) continue;
          this.distances.set(predecessor, distance);
          nextLayer.push(predecessor);
        }
      };
      for (const key of layer) {
        assign(key);
        // A group is as near a goal as its nearest member: layers come nearest first.
        for (const group of memberOf.get(key) ?? []) {
          if (groupsDone.has(group)) continue;
          groupsDone.add(group);
          assign(group);
        }
      }
      layer = nextLayer;
    }
    const accountNamespaces = new Set<string>();
    // By the key, which names a ServiceAccount however the subject was written (a User `system:serviceaccount:…` too).
    for (const key of this.distances.keys()) {
      if (key.startsWith(ACCOUNT_KEY)) accountNamespaces.add(key.slice(ACCOUNT_KEY.length, key.indexOf('/')));
    }
    this.wanted = { has: (to) => this.distances.has(graph.keyOf(to)), accountNamespaces };
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
    for (const step of this.graph.next(state, key, true, this.wanted)) {
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
