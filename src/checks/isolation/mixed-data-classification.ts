import type { SetCheck, SetContext } from '../../engine/types.js';
import { isStringList } from '../../model/resource.js';
import { workloadLabel, type LabelRef } from '../shared/labels.js';
import { describeResource, workloadsOf, type Workload } from '../shared/resource-index.js';
import { mayShareNodes, nodePlacement } from './node-placement.js';

/** A workload that carries the classification label. */
interface Classified extends Workload {
  label: LabelRef;
  /** The label value, trimmed and lower-cased: `Confidential` and `confidential` are one class. */
  level: string;
}

function normalize(value: string): string {
  return value.trim().toLowerCase();
}

function stringOption(options: Readonly<Record<string, unknown>>, name: string): string {
  const value = options[name];
  if (typeof value !== 'string' || value.trim() === '') throw new Error(`option ${name} must be a non-empty string`);
  return value;
}

function levelsOption(options: Readonly<Record<string, unknown>>): string[] {
  const value = options.classificationLevels;
  if (!isStringList(value)) throw new Error('option classificationLevels must be a list of strings');
  return value.map(normalize);
}

/** `StatefulSet "db", Deployment "api" and 2 more` */
function listWorkloads(workloads: readonly Classified[]): string {
  const names = workloads.slice(0, 3).map((workload) => describeResource(workload.resource));
  return workloads.length > 3 ? `${names.join(', ')} and ${workloads.length - 3} more` : names.join(', ');
}

/**
 * The class a namespace holds data of: the most sensitive class present when every class is
 * ranked by `classificationLevels`, otherwise the class most workloads carry (on a tie, the
 * one that appears first in the input).
 */
function dominantLevel(members: readonly Classified[], levels: readonly string[]): { level: string; ranked: boolean } {
  const present = [...new Set(members.map((member) => member.level))];
  if (present.every((level) => levels.includes(level))) {
    const level = present.reduce((best, level) => (levels.indexOf(level) > levels.indexOf(best) ? level : best));
    return { level, ranked: true };
  }
  const counts = new Map<string, number>();
  for (const member of members) counts.set(member.level, (counts.get(member.level) ?? 0) + 1);
  let level = present[0] ?? '';
  for (const candidate of present) if ((counts.get(candidate) ?? 0) > (counts.get(level) ?? 0)) level = candidate;
  return { level, ranked: false };
}

export const mixedDataClassification: SetCheck = {
  id: 'mixed-data-classification',
  scope: 'set',
  appliesTo: 'workloads',
  meta: {
    title: 'Workloads of different data classifications mixed',
    summary: 'Workloads labelled with different data classifications share a namespace (and, optionally, may share nodes), so the less sensitive ones can reach the more sensitive ones\' secrets, service accounts and network.',
    severity: 'medium',
    category: 'isolation',
    remediation:
      'Move workloads of each classification into namespaces of their own, with their own RBAC, NetworkPolicies and Secrets. For node separation, run the most sensitive class on dedicated nodes: taint them, and give its pods a matching toleration plus a nodeSelector or required node affinity.',
    references: [
      'https://kubernetes.io/docs/concepts/security/multi-tenancy/',
      'https://kubernetes.io/docs/concepts/scheduling-eviction/taint-and-toleration/',
      'https://kubernetes.io/docs/concepts/scheduling-eviction/assign-pod-node/',
    ],
    frameworks: [
      { framework: 'NSA', control: 'isolation/namespaces' },
      { framework: 'CIS', control: '5.6.1' },
    ],
    options: {
      classificationLabel: {
        description: 'Label (on the workload or its pod template; the pod template wins) that carries the data classification. Workloads without it are not considered.',
        type: 'string',
        default: 'data-classification',
      },
      classificationLevels: {
        description: 'Classification values from least to most sensitive (compared case-insensitively). A namespace is attributed its most sensitive class when all of its classes are listed here, else its majority class.',
        type: 'string[]',
        default: ['public', 'internal', 'confidential', 'restricted'],
      },
      checkNodeSeparation: {
        description: 'Also report workloads of different classes that may be scheduled onto the same nodes (no nodeSelector, node affinity or dedicated-node toleration keeps them apart), with severity low.',
        type: 'boolean',
        default: false,
      },
    },
  },
  run({ resources, options, report }) {
    const labelKey = stringOption(options, 'classificationLabel');
    const levels = levelsOption(options);
    const classified: Classified[] = [];
    for (const workload of workloadsOf(resources)) {
      const label = workloadLabel(workload.resource, workload.podSpec, labelKey);
      if (label !== undefined && normalize(label.value) !== '') classified.push({ ...workload, label, level: normalize(label.value) });
    }

    const byNamespace = new Map<string | undefined, Classified[]>();
    for (const member of classified) {
      const members = byNamespace.get(member.resource.namespace) ?? [];
      members.push(member);
      byNamespace.set(member.resource.namespace, members);
    }
    for (const [namespace, members] of byNamespace) {
      const dominant = dominantLevel(members, levels);
      const holders = members.filter((member) => member.level === dominant.level);
      for (const member of members) {
        if (member.level === dominant.level) continue;
        const basis = dominant.ranked ? '' : ` (its majority class: not every class is ranked in classificationLevels)`;
        report(member.resource, {
          path: member.label.path,
          message: `${describeResource(member.resource)} is labelled ${labelKey}=${member.label.value} but shares namespace "${namespace ?? ''}" with workloads labelled ${dominant.level}${basis}: ${listWorkloads(holders)}`,
        });
      }
    }

    if (options.checkNodeSeparation === true) reportSharedNodes(classified, levels, labelKey, report);
  },
};

/**
 * For every pair of workloads of different classes that may land on one node, reports the more
 * sensitive one (it is the one to put on dedicated nodes), or both when their classes are not ranked.
 */
function reportSharedNodes(classified: readonly Classified[], levels: readonly string[], labelKey: string, report: SetContext['report']): void {
  const placements = classified.map((member) => nodePlacement(member.podSpec));
  const neighbours = new Map<Classified, Classified[]>();
  const add = (member: Classified, neighbour: Classified) => neighbours.set(member, [...(neighbours.get(member) ?? []), neighbour]);
  classified.forEach((a, i) => {
    classified.forEach((b, j) => {
      if (j <= i || a.level === b.level) return;
      const [placementA, placementB] = [placements[i], placements[j]];
      if (placementA === undefined || placementB === undefined || !mayShareNodes(placementA, placementB)) return;
      const rankA = levels.indexOf(a.level);
      const rankB = levels.indexOf(b.level);
      if (rankA === -1 || rankB === -1) {
        add(a, b);
        add(b, a);
      } else if (rankA > rankB) add(a, b);
      else add(b, a);
    });
  });
  for (const [member, others] of neighbours) {
    const described = others.slice(0, 3).map((other) => `${describeResource(other.resource)} (${other.level})`);
    const list = others.length > 3 ? `${described.join(', ')} and ${others.length - 3} more` : described.join(', ');
    report(member.resource, {
      path: [...member.podSpec.path, 'nodeSelector'],
      severity: 'low',
      message: `${describeResource(member.resource)} (${labelKey}=${member.label.value}) may be scheduled onto the same nodes as workloads of other classes: ${list}; no nodeSelector, node affinity or dedicated-node toleration keeps them apart`,
    });
  }
}
