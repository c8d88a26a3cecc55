/**
 * JSON Schema (draft 2020-12) of the access matrix `bulwark rbac generate` reads. Published as
 * `docs/schemas/rbac-access.schema.json`; a test keeps the two equal.
 */

const DNS_LABEL = '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$';
const DNS_SUBDOMAIN = '^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$';

const words = { type: 'array', items: { type: 'string', minLength: 1 }, minItems: 1, uniqueItems: true };

export const RBAC_ACCESS_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://github.com/bulwark-sec/bulwark/blob/main/docs/schemas/rbac-access.schema.json',
  title: 'Bulwark access matrix',
  description:
    'Input of `bulwark rbac generate --from FILE`: who (users, groups, ServiceAccounts) gets which access (the built-in view, edit and admin ClusterRoles, or named sets of rules) in which namespaces or cluster-wide.',
  type: 'object',
  additionalProperties: false,
  required: ['subjects'],
  properties: {
    namePrefix: {
      type: 'string',
      pattern: DNS_SUBDOMAIN,
      maxLength: 200,
      default: 'access',
      description: 'Generated roles and bindings are named PREFIX:ROLE (access:edit, access:log-reader).',
    },
    rolesAs: {
      enum: ['ClusterRole', 'Role'],
      default: 'ClusterRole',
      description:
        'How a role of `roles` given in namespaces is written: one ClusterRole that RoleBindings refer to (default), or a Role in each namespace (for teams allowed to write only namespaced objects). Cluster-wide grants always use a ClusterRole.',
    },
    roles: {
      type: 'object',
      description: 'Named sets of rules, given to subjects by name like view, edit and admin.',
      propertyNames: { pattern: DNS_SUBDOMAIN, maxLength: 200 },
      additionalProperties: { type: 'array', items: { $ref: '#/$defs/rule' }, minItems: 1 },
    },
    subjects: {
      type: 'array',
      minItems: 1,
      items: { $ref: '#/$defs/subject' },
    },
  },
  $defs: {
    rule: {
      type: 'object',
      additionalProperties: false,
      required: ['verbs'],
      description: 'A PolicyRule: apiGroups with resources (and optionally resourceNames), or nonResourceURLs; verbs always.',
      properties: {
        apiGroups: { type: 'array', items: { type: 'string' }, minItems: 1, uniqueItems: true, description: '"" is the core group' },
        resources: { ...words, description: 'pods, pods/log, deployments, * …' },
        resourceNames: { ...words, description: 'limits the rule to these objects' },
        nonResourceURLs: { ...words, description: '/metrics, /healthz, /api/* … (cluster-wide only)' },
        verbs: { ...words, description: 'get, list, watch, create, update, patch, delete, deletecollection, … or *' },
      },
    },
    access: {
      description: 'view, edit, admin, or the name of a role of `roles`; or a list of them',
      oneOf: [
        { type: 'string', minLength: 1 },
        { type: 'array', items: { type: 'string', minLength: 1 }, minItems: 1, uniqueItems: true },
      ],
    },
    subject: {
      type: 'object',
      additionalProperties: false,
      description: 'One subject (exactly one of user, group, serviceAccount) and its access, by namespace and cluster-wide.',
      properties: {
        user: { type: 'string', minLength: 1 },
        group: { type: 'string', minLength: 1 },
        serviceAccount: { type: 'string', pattern: `${DNS_LABEL.slice(0, -1)}/${DNS_SUBDOMAIN.slice(1)}`, description: 'NAMESPACE/NAME' },
        namespaces: {
          type: 'object',
          minProperties: 1,
          propertyNames: { pattern: DNS_LABEL, maxLength: 63 },
          additionalProperties: { $ref: '#/$defs/access' },
        },
        clusterWide: { $ref: '#/$defs/access' },
      },
      // Each branch names its property (as true: defined above) so that strict validators accept the required.
      oneOf: [
        { properties: { user: true }, required: ['user'] },
        { properties: { group: true }, required: ['group'] },
        { properties: { serviceAccount: true }, required: ['serviceAccount'] },
      ],
      anyOf: [
        { properties: { namespaces: true }, required: ['namespaces'] },
        { properties: { clusterWide: true }, required: ['clusterWide'] },
      ],
    },
  },
} as const;
