import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ApiResourceCatalog } from '../rbac/api-resources.js';
import { ResourceCatalog } from '../vap/resources.js';
import { BUILTIN_RESOURCES } from './api-resources.js';
import { isClusterScoped } from './scope.js';

describe('built-in resource types', () => {
  it('name each plural and each kind once per group, and each short name once', () => {
    const plurals = BUILTIN_RESOURCES.map((type) => `${type.group}/${type.resource}`);
    assert.equal(new Set(plurals).size, plurals.length);
    const kinds = BUILTIN_RESOURCES.filter((type) => type.kind !== undefined).map((type) => `${type.group}/${type.kind as string}`);
    assert.equal(new Set(kinds).size, kinds.length);
    const aliases = BUILTIN_RESOURCES.flatMap((type) => type.aliases);
    assert.equal(new Set(aliases).size, aliases.length);
  });

  it('serve admission (kind to plural) and RBAC (name to group, plural and scope) from the one table', () => {
    const kinds = new ResourceCatalog();
    assert.deepEqual(kinds.lookup('resource.k8s.io', 'ResourceSlice'), { resource: 'resourceslices', namespaced: false, source: 'builtin' });
    assert.deepEqual(kinds.lookup('policy', 'PodSecurityPolicy'), { resource: 'podsecuritypolicies', namespaced: false, source: 'builtin' });
    const names = new ApiResourceCatalog();
    assert.deepEqual(names.resolve('resourceslice'), { group: 'resource.k8s.io', resource: 'resourceslices', known: true });
    assert.equal(names.isNamespaced('resource.k8s.io', 'resourceslices'), false);
    // A type current releases no longer serve is not one RBAC knows: a RoleBinding granted `use` of a policy in its namespace.
    assert.equal(names.resolve('psp').known, false);
    assert.equal(names.isNamespaced('policy', 'podsecuritypolicies'), true);
    // Every kind the table names maps back to its own plural.
    for (const type of BUILTIN_RESOURCES) {
      if (type.kind !== undefined) assert.equal(kinds.lookup(type.group, type.kind).resource, type.resource, type.kind);
    }
  });

  it('give manifests the same scope: a kind the table stores without a namespace gets none when loaded', () => {
    for (const type of BUILTIN_RESOURCES) if (type.kind !== undefined) assert.equal(isClusterScoped(type.kind), !type.namespaced, type.kind);
  });
});
