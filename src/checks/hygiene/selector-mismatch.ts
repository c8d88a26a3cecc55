import type { Report, ResourceCheck } from '../../engine/types.js';
import { apiGroup, isRecord, type Resource } from '../../model/resource.js';
import { labelsOf, selectorMatches, type Labels } from '../shared/selectors.js';

/** Kinds of `apps/v1` whose `spec.selector` is required, non-empty and must select the template. */
const APPS_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet']);
/** Labels the Job controller sets to the Job's UID, which a manifest cannot know. */
const JOB_UID_LABELS = new Set(['controller-uid', 'batch.kubernetes.io/controller-uid']);

/** How the template differs on one label: `its pod template has app="api"` or `its pod template has no label app`. */
function templateHas(labels: Labels, key: string): string {
  return Object.prototype.hasOwnProperty.call(labels, key) ? `its pod template has ${key}="${labels[key] ?? ''}"` : `its pod template has no label ${key}`;
}

function describeRequirement(requirement: unknown): string {
  if (!isRecord(requirement)) return 'an invalid requirement';
  const values = Array.isArray(requirement.values) && requirement.values.length > 0 ? ` [${requirement.values.map(String).join(', ')}]` : '';
  return `"${String(requirement.key)} ${String(requirement.operator)}${values}"`;
}

/** What the API server validates a selector against, and how it says no. */
interface SelectorTarget {
  labels: Labels;
  /** What the labels are, for messages. */
  subject: string;
  /** Why one term fails, for messages. */
  because: (key: string) => string;
  rejection: string;
}

const TEMPLATE_MISMATCH = 'the API server rejects it (selector does not match template labels)';

/**
 * A Job's selector is generated unless `manualSelector: true`: the API server adds the Job's
 * UID to it and accepts a selector only if it selects the generated labels (`job-name` and
 * `controller-uid`, legacy and `batch.kubernetes.io/` forms); other controllers check it
 * against the template labels.
 */
function selectorTarget(resource: Resource, spec: Record<string, unknown>): SelectorTarget {
  if (resource.kind === 'Job' && spec.manualSelector !== true) {
    return {
      labels: { 'job-name': resource.name, 'batch.kubernetes.io/job-name': resource.name },
      subject: 'the generated Job labels',
      because: () => 'without manualSelector: true a Job may only select the labels the Job controller generates (job-name, controller-uid)',
      rejection: 'the API server rejects it (`selector` not auto-generated); remove the selector or set manualSelector: true',
    };
  }
  const labels = labelsOf(isRecord(spec.template) ? spec.template.metadata : undefined);
  return { labels, subject: 'its pod template labels', because: (key) => templateHas(labels, key), rejection: TEMPLATE_MISMATCH };
}

/** Each term of a `metav1.LabelSelector` that the target labels do not satisfy. */
function unmatchedTerms(resource: Resource, spec: Record<string, unknown>, selector: Record<string, unknown>): Report[] {
  const { labels, subject, because, rejection } = selectorTarget(resource, spec);
  // The UID labels of a generated Job selector hold a value only the API server knows.
  const unknowable = (key: unknown) => resource.kind === 'Job' && spec.manualSelector !== true && typeof key === 'string' && JOB_UID_LABELS.has(key);
  const reports: Report[] = [];
  if (isRecord(selector.matchLabels)) {
    for (const [key, value] of Object.entries(selector.matchLabels)) {
      if (unknowable(key) || selectorMatches({ matchLabels: { [key]: value } }, labels)) continue;
      reports.push({
        path: ['spec', 'selector', 'matchLabels', key],
        message: `${resource.kind} "${resource.name}" selects ${key}=${String(value)}, but ${because(key)}: ${rejection}`,
      });
    }
  }
  if (Array.isArray(selector.matchExpressions)) {
    selector.matchExpressions.forEach((requirement: unknown, index) => {
      if ((isRecord(requirement) && unknowable(requirement.key)) || selectorMatches({ matchExpressions: [requirement] }, labels)) return;
      reports.push({
        path: ['spec', 'selector', 'matchExpressions', index],
        message: `${resource.kind} "${resource.name}" selects pods with ${describeRequirement(requirement)}, which ${subject} do not satisfy: ${rejection}`,
      });
    });
  }
  return reports;
}

/** A ReplicationController's selector is a plain map; absent or empty, it defaults to the template labels. */
function unmatchedMapSelector(resource: Resource, spec: Record<string, unknown>): Report[] {
  if (!isRecord(spec.selector)) return [];
  const labels = labelsOf(isRecord(spec.template) ? spec.template.metadata : undefined);
  return Object.entries(spec.selector)
    .filter(([key, value]) => labels[key] !== value)
    .map(([key, value]) => ({
      path: ['spec', 'selector', key],
      message: `ReplicationController "${resource.name}" selects ${key}=${String(value)}, but ${templateHas(labels, key)}: ${TEMPLATE_MISMATCH}`,
    }));
}

/** The API group each judged kind belongs to (a custom resource may reuse a kind name). */
function isJudgedKind(resource: Resource): boolean {
  const group = apiGroup(resource.apiVersion);
  if (APPS_KINDS.has(resource.kind)) return group === 'apps' || group === 'extensions';
  if (resource.kind === 'Job') return group === 'batch';
  return resource.kind === 'ReplicationController' && group === '';
}

function selectorReports(resource: Resource): Report[] {
  const spec = resource.object.spec;
  if (!isRecord(spec) || !isJudgedKind(resource)) return [];
  if (resource.kind === 'ReplicationController') return unmatchedMapSelector(resource, spec);
  const selector = spec.selector;
  if (selector === undefined || selector === null) {
    // Older API versions defaulted a missing selector to the template labels; apps/v1 requires it.
    if (APPS_KINDS.has(resource.kind) && resource.apiVersion === 'apps/v1') {
      return [{ path: ['spec', 'selector'], message: `${resource.kind} "${resource.name}" has no spec.selector, which apps/v1 requires: the API server rejects it` }];
    }
    if (resource.kind === 'Job' && spec.manualSelector === true) {
      return [{ path: ['spec', 'selector'], message: `Job "${resource.name}" sets manualSelector: true but has no spec.selector: the API server rejects it` }];
    }
    return [];
  }
  if (!isRecord(selector)) return [];
  const terms = (isRecord(selector.matchLabels) ? Object.keys(selector.matchLabels).length : 0) + (Array.isArray(selector.matchExpressions) ? selector.matchExpressions.length : 0);
  if (terms === 0 && APPS_KINDS.has(resource.kind)) {
    return [{ path: ['spec', 'selector'], message: `${resource.kind} "${resource.name}" has an empty selector, which would select every pod of the namespace: the API server rejects it` }];
  }
  return unmatchedTerms(resource, spec, selector);
}

export const selectorMismatch: ResourceCheck = {
  id: 'selector-mismatch',
  scope: 'resource',
  appliesTo: [...APPS_KINDS, 'ReplicationController', 'Job'],
  meta: {
    title: 'Selector does not match the pod template',
    summary: "A controller's `spec.selector` is missing, empty or does not select the labels of its own pod template: the API server rejects the manifest, so the workload (and any fix in it) is never deployed.",
    severity: 'medium',
    category: 'hygiene',
    remediation: 'Make `spec.selector.matchLabels` a subset of `spec.template.metadata.labels` (typically the `app.kubernetes.io/name` and `app.kubernetes.io/instance` labels). The selector of an existing Deployment, StatefulSet or DaemonSet is immutable: change the template labels, or recreate the object.',
    references: ['https://kubernetes.io/docs/concepts/workloads/controllers/deployment/#selector', 'https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors'],
    frameworks: [{ framework: 'NSA', control: 'monitoring/health' }],
  },
  run({ resource, report }) {
    for (const found of selectorReports(resource)) report(found);
  },
};
