import type { RbacAnalysis } from './analysis.js';
import { Capability, stateKey, type EscalationState } from './escalation-state.js';
import { goalOf, searchContext, TECHNIQUES, type EscalationStep, type GoalMatch, type SearchContext } from './escalation-techniques.js';
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
        if (entry.subject === undefined) continue;
        const key = principalKey(entry.subject);
        this.bindings.set(key, [...(this.bindings.get(key) ?? []), { binding, index: entry.index }]);
      }
    }
    for (const workload of analysis.workloads) {
      const key = principalKey({ kind: 'ServiceAccount', namespace: workload.serviceAccount.namespace, name: workload.serviceAccount.name });
      this.workloads.set(key, [...(this.workloads.get(key) ?? []), workload]);
    }
  }

  start(subject: Subject): EscalationStart {
    const key = principalKey(subject);
    return { subject, bindings: this.bindings.get(key) ?? [], workloads: this.workloads.get(key) ?? [] };
  }
}

/** Where the input names a subject: the binding subjects and the workloads running as it. */
export function escalationStart(analysis: RbacAnalysis, subject: Subject): EscalationStart {
  return new StartIndex(analysis).start(subject);
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
  const index = new StartIndex(analysis);
  return [...subjects.values()].sort(compareSubjects).map((subject) => index.start(subject));
}

/** The search's memory, shared by every start: what each state may do and where it leads. */
class StateGraph {
  private readonly capabilities = new Map<string, Capability>();
  private readonly steps = new Map<string, EscalationStep[]>();
  private readonly goals = new Map<string, GoalMatch | null>();

  constructor(private readonly context: SearchContext) {}

  private capability(state: EscalationState): Capability {
    const key = stateKey(state);
    let capability = this.capabilities.get(key);
    if (capability === undefined) {
      capability = new Capability(this.context.analysis.model, state);
      this.capabilities.set(key, capability);
    }
    return capability;
  }

  goal(state: EscalationState): GoalMatch | undefined {
    const key = stateKey(state);
    if (!this.goals.has(key)) this.goals.set(key, goalOf(this.capability(state)) ?? null);
    return this.goals.get(key) ?? undefined;
  }

  next(state: EscalationState): readonly EscalationStep[] {
    const key = stateKey(state);
    let steps = this.steps.get(key);
    if (steps === undefined) {
      const capability = this.capability(state);
      steps = TECHNIQUES.flatMap((technique) => technique.find(this.context, capability)).filter((step) => stateKey(step.to) !== key);
      this.steps.set(key, steps);
    }
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
function searchFrom(graph: StateGraph, start: EscalationStart, maxDepth: number, maxPaths: number): StartPaths {
  const origin: EscalationState = { kind: 'subject', subject: start.subject };
  const direct = graph.goal(origin);
  if (direct !== undefined) return { start, paths: [{ steps: [], reached: origin, goal: direct }], more: 0 };
  const reachedBy = new Map<string, EscalationStep | null>([[stateKey(origin), null]]);
  const paths: EscalationPath[] = [];
  const signatures = new Set<string>();
  let more = 0;
  let frontier: EscalationState[] = [origin];
  for (let depth = 0; depth < maxDepth && frontier.length > 0; depth++) {
    const nextFrontier: EscalationState[] = [];
    for (const state of frontier) {
      for (const step of graph.next(state)) {
        const key = stateKey(step.to);
        if (reachedBy.has(key)) continue;
        reachedBy.set(key, step);
        const goal = graph.goal(step.to);
        if (goal === undefined) {
          nextFrontier.push(step.to);
          continue;
        }
        const steps: EscalationStep[] = [];
        for (let at: EscalationStep | null | undefined = step; at; at = reachedBy.get(stateKey(at.from))) steps.unshift(at);
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
  const index = new StartIndex(analysis);
  const starts = options.from === undefined ? escalationStarts(analysis) : options.from.map((subject) => index.start(subject));
  const results = starts.map((start) => searchFrom(graph, start, maxDepth, maxPaths));
  return { maxDepth, searched: starts.length, results: options.from === undefined ? results.filter((result) => result.paths.length > 0) : results };
}
