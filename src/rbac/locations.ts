import { resourceStartLine, type Resource } from '../model/resource.js';
import { locateField } from '../yaml/positions.js';
import type { Path } from '../yaml/path.js';
import type { BindingDef, RoleDef } from './model.js';

/** Where something is written: a file and a 1-based line. */
export interface SourceLocation {
  file: string;
  line: number;
}

function locate(resource: Resource, path: Path): SourceLocation {
  const position = locateField(resource.document, [...resource.basePath, ...path]);
  return { file: resource.document.file, line: position?.line ?? resourceStartLine(resource) };
}

/** Where a binding of the input begins; undefined for the cluster's built-in bindings. */
export function bindingLocation(binding: BindingDef): SourceLocation | undefined {
  return binding.resource === undefined ? undefined : resourceLocation(binding.resource);
}

/** Where one entry of a binding's `subjects` is written. */
export function bindingSubjectLocation(binding: BindingDef, index: number): SourceLocation | undefined {
  return binding.resource === undefined ? undefined : locate(binding.resource, ['subjects', index]);
}

/** Where a role of the input begins; undefined for built-in roles. */
export function roleLocation(role: RoleDef): SourceLocation | undefined {
  return role.resource === undefined ? undefined : resourceLocation(role.resource);
}

/** Where `rules[index]` of a role is written; undefined for built-in roles. */
export function ruleLocation(role: RoleDef, index: number): SourceLocation | undefined {
  return role.resource === undefined ? undefined : locate(role.resource, ['rules', index]);
}

/** Where a resource of the input begins. */
export function resourceLocation(resource: Resource): SourceLocation {
  return { file: resource.document.file, line: resourceStartLine(resource) };
}

/** `k8s/rbac.yaml:12`, or `built-in` for objects every cluster has. */
export function describeLocation(location: SourceLocation | undefined): string {
  return location === undefined ? 'built-in' : `${location.file}:${location.line}`;
}
