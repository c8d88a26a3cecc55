import { isRecord, stringsOf } from '../model/resource.js';
import { isNonResourceRequest, WILDCARD, type AccessRequest, type PolicyRule, type ResourceRequest } from './types.js';


/** Reads a rule from a manifest. Anything that is not an object is no rule at all. */
export function parsePolicyRule(value: unknown): PolicyRule | undefined {
  if (!isRecord(value)) return undefined;
  return {
    verbs: stringsOf(value.verbs),
    apiGroups: stringsOf(value.apiGroups),
    resources: stringsOf(value.resources),
    resourceNames: stringsOf(value.resourceNames),
    nonResourceURLs: stringsOf(value.nonResourceURLs),
  };
}

/** The rules of a Role or ClusterRole, keeping each rule's index (a non-object entry keeps its slot, as `undefined`). */
export function parsePolicyRules(value: unknown): (PolicyRule | undefined)[] {
  return Array.isArray(value) ? value.map(parsePolicyRule) : [];
}

// The matchers below follow k8s.io/kubernetes pkg/apis/rbac/v1/evaluation_helpers.go exactly.

// Loops rather than closures: these run for every (rule, request) pair a question asks about.
export function verbMatches(rule: PolicyRule, verb: string): boolean {
  for (const ruleVerb of rule.verbs) if (ruleVerb === WILDCARD || ruleVerb === verb) return true;
  return false;
}

export function apiGroupMatches(rule: PolicyRule, group: string): boolean {
  for (const ruleGroup of rule.apiGroups) if (ruleGroup === WILDCARD || ruleGroup === group) return true;
  return false;
}

const SLASH = 0x2f;

/**
 * Whether the rule names the resource. `*` matches every resource and every subresource;
 * `pods/exec` matches that subresource exactly; `*\/exec` matches the `exec` subresource of
 * any resource. There is no `pods/*`: written in a rule, it matches nothing.
 */
export function resourceMatches(rule: PolicyRule, resource: string, subresource?: string): boolean {
  const sub = subresource === undefined || subresource === '' ? undefined : subresource;
  for (const ruleResource of rule.resources) {
    if (ruleResource === WILDCARD) return true;
    if (sub === undefined) {
      if (ruleResource === resource) return true;
      continue;
    }
    // `resource/sub` exactly, or `*/sub`, compared in place rather than built for every rule.
    if (ruleResource.length === resource.length + 1 + sub.length && ruleResource.charCodeAt(resource.length) === SLASH && ruleResource.startsWith(resource) && ruleResource.endsWith(sub)) return true;
    if (ruleResource.length === sub.length + 2 && ruleResource.startsWith('*/') && ruleResource.endsWith(sub)) return true;
  }
  return false;
}

/** Whether a rule may name one of these resources: `*`, `*\/<sub>`, or one of them with or without a subresource. */
export function namesAny(rule: PolicyRule, resources: ReadonlySet<string>): boolean {
  for (const resource of rule.resources) {
    const slash = resource.indexOf('/');
    const base = slash < 0 ? resource : resource.slice(0, slash);
    if (base === WILDCARD || resources.has(base)) return true;
  }
  return false;
}

/** An empty `resourceNames` allows every name; otherwise the request must name one of them (a request without a name never matches). */
export function resourceNameMatches(rule: PolicyRule, name: string | undefined): boolean {
  if (rule.resourceNames.length === 0) return true;
  return name !== undefined && name !== '' && rule.resourceNames.includes(name);
}

/** `*` matches every URL, a trailing `*` matches by prefix, anything else exactly. */
export function nonResourceURLMatches(rule: PolicyRule, path: string): boolean {
  return rule.nonResourceURLs.some((url) => {
    if (url === WILDCARD || url === path) return true;
    return url.endsWith('*') && path.startsWith(url.replace(/\*+$/, ''));
  });
}

/** Whether one rule allows a request (`RuleAllows` of the RBAC authorizer). */
export function ruleAllows(rule: PolicyRule, request: AccessRequest): boolean {
  if (isNonResourceRequest(request)) return verbMatches(rule, request.verb) && nonResourceURLMatches(rule, request.path);
  return (
    verbMatches(rule, request.verb) &&
    apiGroupMatches(rule, request.group ?? '') &&
    resourceMatches(rule, request.resource, request.subresource) &&
    resourceNameMatches(rule, request.name)
  );
}

/** `get pods.apps/scale named "web"`, the way error messages and findings name a request. */
export function describeRequest(request: AccessRequest): string {
  if (isNonResourceRequest(request)) return `${request.verb} ${request.path}`;
  return `${request.verb} ${describeResource(request)}${request.name ? ` "${request.name}"` : ''}`;
}

/** `pods`, `deployments.apps`, `pods/exec`: resource and group as kubectl writes them. */
export function describeResource(request: Pick<ResourceRequest, 'group' | 'resource' | 'subresource'>): string {
  const group = request.group ? `.${request.group}` : '';
  return `${request.resource}${group}${request.subresource ? `/${request.subresource}` : ''}`;
}

/** Whether the rule is "everything on everything": `*` verbs on `*` resources of `*` groups, for every name. */
export function isFullWildcardRule(rule: PolicyRule): boolean {
  return rule.verbs.includes(WILDCARD) && rule.apiGroups.includes(WILDCARD) && rule.resources.includes(WILDCARD) && rule.resourceNames.length === 0;
}
