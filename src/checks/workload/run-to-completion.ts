import type { Resource } from '../../model/resource.js';
import type { PodSpecRef } from '../../model/workload.js';

/**
 * Whether a workload runs to completion rather than serving: Jobs and CronJobs, and pods
 * that are never restarted once they exit (`restartPolicy` Never or OnFailure), which is
 * every pod a Job creates and every one-off task pod. Health probes are about keeping a
 * long-running process in service; such workloads have `activeDeadlineSeconds` instead.
 */
export function runsToCompletion(resource: Resource, podSpec: PodSpecRef): boolean {
  if (resource.kind === 'Job' || resource.kind === 'CronJob') return true;
  const restartPolicy = podSpec.spec.restartPolicy;
  return restartPolicy === 'Never' || restartPolicy === 'OnFailure';
}
