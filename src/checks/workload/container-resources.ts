import type { SetContext } from '../../engine/types.js';
import { isRecord, recordOf, type Resource } from '../../model/resource.js';
import type { ContainerRef, PodSpecRef } from '../../model/workload.js';
import { isNonZeroQuantity, isZeroQuantity } from '../shared/quantity.js';
import { ResourceIndex, workloadsOf } from '../shared/resource-index.js';

/** One resource requirement that every container should end up with: a request or a limit of one resource. */
export interface Requirement {
  field: 'requests' | 'limits';
  resource: 'cpu' | 'memory' | 'ephemeral-storage';
  /** How messages name the resource: `CPU`, `memory`, `ephemeral-storage`. */
  resourceLabel: string;
}

/** Pod-level `spec.resources` (PodLevelResources) covers CPU and memory only. */
const POD_LEVEL_RESOURCES = new Set(['cpu', 'memory']);

/** The `resources.requests` or `resources.limits` of a container or pod spec; absent reads as empty. */
function resourceList(owner: unknown, field: Requirement['field']): Readonly<Record<string, unknown>> {
  return recordOf(recordOf(recordOf(owner).resources)[field]);
}

/**
 * Whether a LimitRange of the namespace gives containers a default for the requirement.
 * The API server fills a `Container` item's defaults before they apply: a missing `default`
 * limit becomes `max`, and a missing `defaultRequest` becomes `default`, else `min`.
 */
function limitRangeSuppliesDefault(limitRanges: readonly Resource[], requirement: Requirement): boolean {
  const name = requirement.resource;
  for (const limitRange of limitRanges) {
    const spec = limitRange.object.spec;
    const items = isRecord(spec) && Array.isArray(spec.limits) ? spec.limits : [];
    for (const item of items) {
      if (!isRecord(item) || item.type !== 'Container') continue;
      const part = (field: string): unknown => (isRecord(item[field]) ? item[field][name] : undefined);
      const defaultLimit = part('default') ?? part('max');
      const value = requirement.field === 'limits' ? defaultLimit : (part('defaultRequest') ?? defaultLimit ?? part('min'));
      if (isNonZeroQuantity(value)) return true;
    }
  }
  return false;
}

/** Whether Kubernetes gives the requirement to a container that does not write it, other than through a LimitRange. */
function metWithoutOwnValue(podSpec: PodSpecRef, container: ContainerRef, requirement: Requirement): boolean {
  const name = requirement.resource;
  // A container that sets a limit but no request gets the limit as its request.
  if (requirement.field === 'requests' && isNonZeroQuantity(resourceList(container.container, 'limits')[name])) return true;
  if (POD_LEVEL_RESOURCES.has(name)) {
    // Pod-level limits bound every container; pod-level requests (defaulted from pod-level limits) are what the scheduler uses.
    if (isNonZeroQuantity(resourceList(podSpec.spec, 'limits')[name])) return true;
    if (requirement.field === 'requests' && isNonZeroQuantity(resourceList(podSpec.spec, 'requests')[name])) return true;
  }
  return false;
}

function containerLabel(container: ContainerRef): string {
  return `${container.kind === 'initContainers' ? 'init container' : 'container'} "${container.name}"`;
}

/**
 * Reports every container (init containers included: the scheduler and the kubelet size pods
 * by them too) that ends up without the requirement: neither written, nor implied by its
 * limit or the pod-level resources, nor defaulted by a LimitRange of its namespace in the input.
 * Ephemeral containers cannot have resources and are skipped.
 */
export function reportMissingRequirement(context: SetContext, requirement: Requirement): void {
  const index = ResourceIndex.of(context.resources);
  const defaulted = new Map<string | undefined, boolean>();
  const namespaceDefault = (namespace: string | undefined) => {
    if (!defaulted.has(namespace)) defaulted.set(namespace, limitRangeSuppliesDefault(index.inNamespace(namespace, 'LimitRange'), requirement));
    return defaulted.get(namespace) === true;
  };
  const path = (container: ContainerRef) => [...container.path, 'resources', requirement.field, requirement.resource];
  // The parts of the messages that depend on the requirement alone, written once for all containers.
  const written = `resources.${requirement.field}.${requirement.resource}`;
  const zero = ` sets ${written} to 0, ${requirement.field === 'limits' ? 'which means no limit' : 'which counts as no request'}`;
  const what = `${requirement.resourceLabel} ${requirement.field === 'requests' ? 'request' : 'limit'}`;
  const implied = requirement.field === 'requests' ? `, and no ${requirement.resourceLabel} limit to copy it from` : '';
  const missing = ` has no ${what} (no ${written}${implied}), and no LimitRange in namespace "`;
  for (const { resource, podSpec } of workloadsOf(context.resources)) {
    for (const container of podSpec.containers) {
      if (container.kind === 'ephemeralContainers') continue;
      const own = resourceList(container.container, requirement.field)[requirement.resource];
      if (own !== undefined && own !== null) {
        if (isZeroQuantity(own)) context.report(resource, { path: path(container), container: container.name, message: containerLabel(container) + zero });
        continue;
      }
      if (metWithoutOwnValue(podSpec, container, requirement) || namespaceDefault(resource.namespace)) continue;
      context.report(resource, {
        path: path(container),
        container: container.name,
        message: `${containerLabel(container)}${missing}${resource.namespace ?? ''}" in the input sets a default`,
      });
    }
  }
}
