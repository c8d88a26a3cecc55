import type { SetCheck } from '../../engine/types.js';
import { isRecord } from '../../model/resource.js';
import { ResourceIndex } from '../shared/resource-index.js';
import { applicationNamespaces } from './namespaces.js';

/** LimitRange item types that bound compute resources of pods; `PersistentVolumeClaim` items only bound storage requests. */
const COMPUTE_TYPES = new Set(['Container', 'Pod']);

export const namespaceWithoutLimitRange: SetCheck = {
  id: 'namespace-without-limit-range',
  scope: 'set',
  appliesTo: ['Namespace'],
  meta: {
    title: 'Namespace without a LimitRange',
    summary: 'A Namespace in the input has no LimitRange for containers or pods in the input: containers that set no requests or limits get none, and nothing bounds a single pod.',
    severity: 'low',
    category: 'isolation',
    remediation: 'Add a LimitRange to the namespace with a `type: Container` item that sets `default` and `defaultRequest` (and `max`) for cpu and memory.',
    references: ['https://kubernetes.io/docs/concepts/policy/limit-range/', 'https://kubernetes.io/docs/tasks/administer-cluster/manage-resources/memory-default-namespace/'],
    frameworks: [
      { framework: 'NSA', control: 'isolation/resource-policies' },
      { framework: 'MITRE', control: 'T1499' },
    ],
  },
  run({ resources, report }) {
    const index = ResourceIndex.of(resources);
    for (const namespace of applicationNamespaces(resources)) {
      const bounding = index.inNamespace(namespace.name, 'LimitRange').filter((limitRange) => {
        const spec = limitRange.object.spec;
        const items = isRecord(spec) && Array.isArray(spec.limits) ? spec.limits : [];
        return items.some((item) => isRecord(item) && typeof item.type === 'string' && COMPUTE_TYPES.has(item.type));
      });
      if (bounding.length > 0) continue;
      report(namespace, {
        path: ['metadata', 'name'],
        message: `namespace "${namespace.name}" has no LimitRange for containers or pods in the input: containers without requests and limits get no defaults`,
      });
    }
  },
};
