import { compareText } from './analysis.js';
import type { AccessMatrixInput } from './access-matrix.js';
import { isBuiltinAccessLevel } from './access-matrix.js';
import { bindingObject, roleObject, type ManifestObject } from './manifest-output.js';
import { sameSubject } from './subjects.js';
import type { Subject } from './types.js';
import { compareSubjects } from './who-can.js';

/** The RBAC objects an access matrix stands for. */
export interface GeneratedRbac {
  /** ClusterRoles, Roles, ClusterRoleBindings, RoleBindings, each kind sorted by namespace and name. */
  objects: ManifestObject[];
  /** Roles of the matrix that no subject is given: not written. */
  unusedRoles: string[];
}

/** One binding to write: a role in a scope, and everyone who gets it there. */
interface PlannedBinding {
  namespace: string | undefined;
  access: string;
  subjects: Subject[];
}

/**
 * The Roles, ClusterRoles and bindings that give each subject of the matrix exactly its cells:
 *
 * - `view`, `edit`, `admin`: bindings to the built-in ClusterRoles of those names (they
 *   aggregate whatever CustomResourceDefinitions add to them);
 * - a role of `roles`: a ClusterRole `PREFIX:ROLE` with its rules, bound by a RoleBinding in each
 *   namespace it is given in and a ClusterRoleBinding where it is given cluster-wide; with
 *   `rolesAs: Role`, a Role `PREFIX:ROLE` in each namespace instead;
 * - one binding per role and scope, named `PREFIX:ROLE`, with every subject that gets it there.
 *
 * Names and order depend only on the matrix, so the output of an unchanged matrix never changes.
 */
export function generateRbac(matrix: AccessMatrixInput): GeneratedRbac {
  const name = (access: string) => `${matrix.namePrefix}:${access}`;
  const planned = new Map<string, PlannedBinding>();
  for (const grant of matrix.grants) {
    const key = `${grant.namespace ?? ''}\u0000${grant.access}`;
    let binding = planned.get(key);
    if (binding === undefined) {
      binding = { namespace: grant.namespace, access: grant.access, subjects: [] };
      planned.set(key, binding);
    }
    if (!binding.subjects.some((known) => sameSubject(known, grant.subject))) binding.subjects.push(grant.subject);
  }
  const bindings = [...planned.values()].sort((a, b) => compareText(a.namespace ?? '', b.namespace ?? '') || compareText(a.access, b.access));

  const clusterRoles = new Set<string>();
  const namespacedRoles: { namespace: string; access: string }[] = [];
  for (const binding of bindings) {
    if (isBuiltinAccessLevel(binding.access)) continue;
    if (binding.namespace !== undefined && matrix.rolesAs === 'Role') namespacedRoles.push({ namespace: binding.namespace, access: binding.access });
    else clusterRoles.add(binding.access);
  }
  const ruleOf = (access: string) => matrix.roles.get(access)?.rules ?? [];
  const objects: ManifestObject[] = [
    ...[...clusterRoles].sort(compareText).map((access) => roleObject(name(access), undefined, ruleOf(access))),
    ...namespacedRoles.map(({ namespace, access }) => roleObject(name(access), namespace, ruleOf(access))),
  ];
  const clusterWide = bindings.filter((binding) => binding.namespace === undefined);
  const namespaced = bindings.filter((binding) => binding.namespace !== undefined);
  for (const binding of [...clusterWide, ...namespaced]) {
    const builtin = isBuiltinAccessLevel(binding.access);
    const roleKind = !builtin && binding.namespace !== undefined && matrix.rolesAs === 'Role' ? 'Role' : 'ClusterRole';
    const roleName = builtin ? binding.access : name(binding.access);
    objects.push(bindingObject(name(binding.access), binding.namespace, { kind: roleKind, name: roleName }, [...binding.subjects].sort(compareSubjects)));
  }
  const used = new Set(bindings.map((binding) => binding.access));
  return { objects, unusedRoles: [...matrix.roles.keys()].filter((role) => !used.has(role)).sort(compareText) };
}
