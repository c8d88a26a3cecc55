import type { ResourceCheck } from '../../engine/types.js';
import { apiGroup, isRecord } from '../../model/resource.js';

/** Whether a CronJob owns the Job (an exported object): its history limits clean it up. */
function ownedByCronJob(metadata: unknown): boolean {
  return isRecord(metadata) && Array.isArray(metadata.ownerReferences) && metadata.ownerReferences.some((owner) => isRecord(owner) && owner.kind === 'CronJob');
}

export const jobTtlMissing: ResourceCheck = {
  id: 'job-ttl-missing',
  scope: 'resource',
  appliesTo: ['Job'],
  meta: {
    title: 'Job without ttlSecondsAfterFinished',
    summary: 'A Job sets no `ttlSecondsAfterFinished`: once finished, it and its pods stay in the cluster until someone deletes them, piling up objects and counting against object quotas.',
    severity: 'info',
    category: 'hygiene',
    remediation: 'Set `spec.ttlSecondsAfterFinished` (for example `86400`) so the TTL controller deletes the Job and its pods a while after it finishes, once its logs and status have been collected.',
    references: ['https://kubernetes.io/docs/concepts/workloads/controllers/ttlafterfinished/', 'https://kubernetes.io/docs/concepts/workloads/controllers/job/#clean-up-finished-jobs-automatically'],
    frameworks: [{ framework: 'NSA', control: 'isolation/resource-policies' }],
  },
  run({ resource, report }) {
    if (apiGroup(resource.apiVersion) !== 'batch' || ownedByCronJob(resource.object.metadata)) return;
    const spec = isRecord(resource.object.spec) ? resource.object.spec : {};
    if (spec.ttlSecondsAfterFinished !== undefined && spec.ttlSecondsAfterFinished !== null) return;
    report({
      path: ['spec', 'ttlSecondsAfterFinished'],
      message: `Job "${resource.name}" sets no ttlSecondsAfterFinished: after it finishes, the Job and its pods remain until deleted by hand`,
    });
  },
};
