/**
 * JSON Schema of `bulwark.yaml` (draft 2020-12). Published as
 * `docs/schemas/bulwark-config.schema.json` by `npm run docs:generate`; a test keeps the two equal.
 */
const severity = { enum: ['info', 'low', 'medium', 'high', 'critical'] };
const failOn = { enum: ['info', 'low', 'medium', 'high', 'critical', 'none'] };
const stringMap = { type: 'object', additionalProperties: { type: 'string' } };
const stringList = { type: 'array', items: { type: 'string', minLength: 1 } };

const checkSetting = {
  description: 'on/off, a severity, or an object with enabled, severity and options',
  oneOf: [
    { type: 'boolean' },
    { enum: ['on', 'off'] },
    severity,
    {
      type: 'object',
      additionalProperties: false,
      properties: { enabled: { type: 'boolean' }, severity, options: { type: 'object' } },
    },
  ],
};

const levelProperties = {
  failOn,
  checks: { type: 'object', description: 'settings by check id', additionalProperties: { $ref: '#/$defs/checkSetting' } },
};

const match = {
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: { namespaces: stringList, namespaceLabels: stringMap, labels: stringMap, paths: stringList },
};

export const POLICY_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://github.com/bulwark-sec/bulwark/blob/main/docs/schemas/bulwark-config.schema.json',
  title: 'Bulwark policy (bulwark.yaml)',
  type: 'object',
  additionalProperties: false,
  properties: {
    $schema: { type: 'string' },
    extends: { oneOf: [{ type: 'string' }, stringList], description: 'presets: recommended, strict, pss-baseline, pss-restricted, cis, nsa' },
    ...levelProperties,
    clusters: { type: 'array', items: { $ref: '#/$defs/cluster' } },
    environments: { type: 'array', items: { $ref: '#/$defs/scoped' } },
    applications: { type: 'array', items: { $ref: '#/$defs/scoped' } },
    exceptions: { type: 'array', items: { $ref: '#/$defs/exception' } },
    workloads: {
      type: 'array',
      description: 'custom kinds that run pods (operators, CRDs), with the path of their pod template',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['kind', 'podTemplatePath'],
        properties: { kind: { type: 'string', minLength: 1 }, podTemplatePath: { type: 'string', pattern: '^[A-Za-z0-9_]+(\\.[A-Za-z0-9_]+)*$' } },
      },
    },
    exceptionPolicy: {
      type: 'object',
      additionalProperties: false,
      properties: { requireExpiry: { type: 'boolean' }, maxDays: { type: 'integer', minimum: 1 } },
    },
  },
  $defs: {
    checkSetting,
    cluster: {
      type: 'object',
      additionalProperties: false,
      required: ['name'],
      properties: { name: { type: 'string', minLength: 1 }, ...levelProperties },
    },
    scoped: {
      type: 'object',
      additionalProperties: false,
      required: ['name', 'match'],
      properties: { name: { type: 'string', minLength: 1 }, match, ...levelProperties },
    },
    exception: {
      type: 'object',
      additionalProperties: false,
      required: ['id', 'checks', 'scope', 'reason', 'owner'],
      properties: {
        id: { type: 'string', minLength: 1 },
        checks: { ...stringList, minItems: 1 },
        scope: {
          type: 'object',
          additionalProperties: false,
          minProperties: 1,
          properties: {
            cluster: { type: 'string' },
            environment: { type: 'string' },
            namespace: { type: 'string' },
            kind: { type: 'string' },
            name: { type: 'string' },
            container: { type: 'string' },
            labels: stringMap,
          },
        },
        reason: { type: 'string', minLength: 1 },
        owner: { type: 'string', minLength: 1 },
        ticket: { type: 'string' },
        expires: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' },
      },
    },
  },
} as const;
