import type { CheckOption } from '../../engine/types.js';
import { apiGroup, isRecord, type Resource } from '../../model/resource.js';
import type { ContainerRef } from '../../model/workload.js';
import type { Path } from '../../yaml/path.js';
import { ResourceIndex } from './resource-index.js';

/** API groups of the Istio kinds the mesh checks read; every served version (v1, v1beta1, v1alpha3) is accepted. */
export type IstioGroup = 'security.istio.io' | 'networking.istio.io' | 'install.istio.io';

/** Whether a resource is the Istio kind `kind` of `group`, whatever the version. */
export function isIstioKind(resource: Resource, group: IstioGroup, kind: string): boolean {
  return resource.kind === kind && apiGroup(resource.apiVersion) === group;
}

export function specOf(resource: Resource): Record<string, unknown> {
  const spec = resource.object.spec;
  return isRecord(spec) ? spec : {};
}

export function recordAt(record: Record<string, unknown>, key: string): Record<string, unknown> | undefined {
  const value = record[key];
  return isRecord(value) ? value : undefined;
}

export function labelsOf(resource: Resource): Record<string, unknown> {
  const metadata = resource.object.metadata;
  return isRecord(metadata) && isRecord(metadata.labels) ? metadata.labels : {};
}

/**
 * Policies in Istio's root namespace apply to the whole mesh. It is `istio-system` unless
 * `meshConfig.rootNamespace` says otherwise, hence an option of every check that needs it.
 */
export const ROOT_NAMESPACE_OPTION: CheckOption = {
  description: "Istio's root namespace (meshConfig.rootNamespace): policies there without a selector apply to the whole mesh.",
  type: 'string',
  default: 'istio-system',
};

export function rootNamespaceOf(options: Readonly<Record<string, unknown>>): string {
  const value = options.rootNamespace;
  if (typeof value !== 'string' || value === '') throw new Error(`option rootNamespace must be a non-empty string, got ${JSON.stringify(value)}`);
  return value;
}

/**
 * Whether a policy selects particular workloads. Istio treats a selector without match
 * labels like no selector at all: the policy then covers the whole namespace (or mesh).
 */
export function selectsWorkloads(spec: Record<string, unknown>): boolean {
  const matchLabels = recordAt(spec, 'selector')?.matchLabels;
  return isRecord(matchLabels) && Object.keys(matchLabels).length > 0;
}

/** Whether an AuthorizationPolicy is attached to a Gateway or Service (`targetRef`/`targetRefs`) instead of selecting workloads. */
export function hasTargetRefs(spec: Record<string, unknown>): boolean {
  return isRecord(spec.targetRef) || (Array.isArray(spec.targetRefs) && spec.targetRefs.length > 0);
}

/** How a Namespace joins the mesh: the label that does it. */
export interface MeshMembership {
  label: string;
  value: string;
  /** Path of the label inside the Namespace. */
  path: Path;
}

/**
 * The label that puts a Namespace in the mesh, if any. The injection webhooks select
 * `istio-injection=enabled`, or `istio.io/rev=<revision>` only while `istio-injection` is
 * absent (so `istio-injection=disabled` wins over a revision label); ambient mode uses
 * `istio.io/dataplane-mode=ambient`.
 */
export function meshMembership(namespace: Resource): MeshMembership | undefined {
  const labels = labelsOf(namespace);
  const member = (label: string): MeshMembership => ({ label, value: String(labels[label]), path: ['metadata', 'labels', label] });
  const injection = labels['istio-injection'];
  if (injection === 'enabled') return member('istio-injection');
  const revision = labels['istio.io/rev'];
  if (injection === undefined && typeof revision === 'string' && revision !== '') return member('istio.io/rev');
  if (labels['istio.io/dataplane-mode'] === 'ambient') return member('istio.io/dataplane-mode');
  return undefined;
}

/** The resources of an Istio kind, whatever the version, in input order. */
export function istioResources(resources: readonly Resource[], group: IstioGroup, kind: string): readonly Resource[] {
  return ResourceIndex.of(resources).ofKind(kind, group);
}

/** Meshed namespaces among the resources, with how each joins the mesh. */
export function meshedNamespaces(resources: readonly Resource[]): { namespace: Resource; membership: MeshMembership }[] {
  const out: { namespace: Resource; membership: MeshMembership }[] = [];
  for (const resource of ResourceIndex.of(resources).ofKind('Namespace')) {
    if (resource.apiVersion !== 'v1') continue;
    const membership = meshMembership(resource);
    if (membership !== undefined) out.push({ namespace: resource, membership });
  }
  return out;
}

export type MtlsMode = 'UNSET' | 'DISABLE' | 'PERMISSIVE' | 'STRICT';

/** The mTLS mode a PeerAuthentication `mtls` (or port-level) block sets; an absent block or mode is UNSET (inherit). */
export function mtlsModeOf(block: unknown): MtlsMode | undefined {
  if (!isRecord(block) || block.mode === undefined || block.mode === null) return 'UNSET';
  const mode = block.mode;
  return mode === 'UNSET' || mode === 'DISABLE' || mode === 'PERMISSIVE' || mode === 'STRICT' ? mode : undefined;
}

/** Whether an AuthorizationPolicy only runs in dry-run mode (`istio.io/dry-run: "true"`): logged, not enforced. */
export function isDryRun(resource: Resource): boolean {
  const metadata = resource.object.metadata;
  const annotations = isRecord(metadata) && isRecord(metadata.annotations) ? metadata.annotations : {};
  return annotations['istio.io/dry-run'] === 'true';
}

/** An AuthorizationPolicy's action; ALLOW when unset. */
export function authorizationActionOf(spec: Record<string, unknown>): string {
  return typeof spec.action === 'string' ? spec.action : 'ALLOW';
}

/** A list field that constrains nothing: absent, null or empty. */
export function isUnconstrainedList(value: unknown): boolean {
  return value === undefined || value === null || (Array.isArray(value) && value.length === 0);
}

/**
 * Whether a `source` (of `from`) or an `operation` (of `to`) matches every request: it is
 * absent or all its fields are empty. Any other field, known or not, counts as a condition.
 */
export function isUnconstrainedMatch(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (!isRecord(value)) return false;
  return Object.values(value).every(isUnconstrainedList);
}

/**
 * Whether `from` (key `source`) or `to` (key `operation`) of a rule lets every request
 * through: it is absent or empty, or one of its entries (they are ORed) has no condition.
 */
export function isUnconstrainedClause(entries: unknown, key: 'source' | 'operation'): boolean {
  if (isUnconstrainedList(entries)) return true;
  if (!Array.isArray(entries)) return false;
  return entries.some((entry) => entry === null || (isRecord(entry) && isUnconstrainedMatch(entry[key])));
}

/** Whether an AuthorizationPolicy rule matches every request. Istio: "An empty rule is always matched." */
export function isMatchAllRule(rule: unknown): boolean {
  if (!isRecord(rule)) return false;
  return isUnconstrainedClause(rule.from, 'source') && isUnconstrainedClause(rule.to, 'operation') && isUnconstrainedList(rule.when);
}

function commandLine(container: ContainerRef): string[] {
  const out: string[] = [];
  for (const field of ['command', 'args']) {
    const value = container.container[field];
    if (Array.isArray(value)) for (const item of value) if (typeof item === 'string') out.push(item);
  }
  return out;
}

/**
 * Whether a container is the sidecar's traffic-redirection setup rather than the proxy: the
 * injected `istio-init` (or, with the CNI plugin, `istio-validation`) init container, or any
 * container that runs `istio-iptables` as they do.
 */
export function isIstioTrafficSetup(container: ContainerRef): boolean {
  if (container.name === 'istio-init' || container.name === 'istio-validation') return true;
  return commandLine(container).some((part) => part === 'istio-iptables' || part.endsWith('/istio-iptables'));
}
