/**
 * Kubernetes RBAC as the API server's authorizer evaluates it: rule matching, subjects and
 * identities, aggregated and built-in ClusterRoles, bindings, the grants they make, and the
 * workloads whose tokens carry them. Checks, who-can queries and policy generators build on it.
 */
export * from './types.js';
export * from './rules.js';
export * from './subjects.js';
export * from './builtin.js';
export * from './model.js';
export * from './risks.js';
export * from './workloads.js';
export * from './locations.js';
export * from './api-resources.js';
export * from './query.js';
export * from './analysis.js';
export * from './who-can.js';
export * from './can.js';
export * from './matrix.js';
export * from './escalation-state.js';
export * from './escalation-techniques.js';
export * from './escalation.js';
export * from './json.js';
export * from './render-text.js';
export * from './matrix-render.js';
export * from './manifest-output.js';
export * from './access-schema.js';
export * from './access-matrix.js';
export * from './generate.js';
export * from './audit-log.js';
export * from './least-privilege.js';
export * from './unused.js';
export * from './unused-render.js';
