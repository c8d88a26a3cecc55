import { isRecord, type Resource } from '../../model/resource.js';
import type { PodSpecRef } from '../../model/workload.js';
import type { Path } from '../../yaml/path.js';

/** A label's value and where it is written. */
export interface LabelRef {
  value: string;
  path: Path;
}

/** The string value of a label in an object's metadata (labels are strings; anything else is rejected by the API server). */
export function labelAt(metadata: unknown, metadataPath: Path, key: string): LabelRef | undefined {
  if (!isRecord(metadata) || !isRecord(metadata.labels)) return undefined;
  const value = metadata.labels[key];
  return typeof value === 'string' ? { value, path: [...metadataPath, 'labels', key] } : undefined;
}

/**
 * A label of a workload as its pods carry it: the pod template's label first (that is what
 * the running pods, network policies and node placement see), then the workload's own.
 */
export function workloadLabel(resource: Resource, podSpec: PodSpecRef, key: string): LabelRef | undefined {
  return labelAt(podSpec.metadata, podSpec.metadataPath, key) ?? labelAt(resource.object.metadata, ['metadata'], key);
}
