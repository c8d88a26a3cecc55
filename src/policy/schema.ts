/**
 * JSON Schema of `bulwark.yaml` (draft 2020-12). Published as
 * `docs/schemas/bulwark-config.schema.json` by `npm run docs:generate`; a test keeps the two equal.
 */
import { GATE_SCHEMA } from '../gate/schema.js';

const severity = { enum: ['info', 'low', 'medium', 'high', 'critical'] };
const failOn = { enum: ['info', 'low', 'medium', 'high', 'critical', 'none'] };
const stringMap = { type: 'object', additionalProperties: { type: 'string' } };
const stringList = { type: 'array', items: { type: 'string', minLength: 1 } };

// YAML 1.1 reads a bare `off` as false: both mean off.
const mode = { enum: ['enforce', 'warn', 'audit', 'off', false], description: 'enforce: findings fail the gate; warn: reported as warnings, never failing; audit: recorded only; off: not checked' };
const celExpression = { type: 'string', minLength: 1 };
const namedExpression = (namePattern: string) => ({
  type: 'object',
  additionalProperties: false,
  required: ['name', 'expression'],
  properties: { name: { type: 'string', pattern: namePattern }, expression: celExpression },
});

const rule = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'title', 'severity', 'validations'],
  properties: {
    id: { type: 'string', pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', description: 'kebab-case, unique, not the id of a built-in check' },
    title: { type: 'string', minLength: 1 },
    summary: { type: 'string' },
    severity,
    category: { type: 'string', minLength: 1 },
    remediation: { type: 'string' },
    references: stringList,
    frameworks: {
      type: 'array',
      items: { type: 'object', additionalProperties: false, required: ['framework', 'control'], properties: { framework: { enum: ['CIS', 'NSA', 'MITRE', 'PSS'] }, control: { type: 'string', minLength: 1 } } },
    },
    enabled: { type: 'boolean', description: 'false: runs only where a level turns it on' },
    kinds: { ...stringList, minItems: 1, description: 'kinds the rule judges (`workloads` for every kind that runs pods); absent: every kind' },
    params: { type: 'object', description: 'default values of `params`; levels override them as the check options' },
    // As in a ValidatingAdmissionPolicy: condition names are qualified names, variable names CEL identifiers.
    matchConditions: { type: 'array', items: namedExpression('^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$') },
    variables: { type: 'array', items: namedExpression('^[A-Za-z_][A-Za-z0-9_]*$') },
    validations: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['expression'],
        properties: { expression: celExpression, message: { type: 'string', minLength: 1 }, messageExpression: celExpression, fieldPath: { type: 'string', minLength: 1 } },
      },
    },
    failurePolicy: { enum: ['Fail', 'Ignore'] },
  },
};

const checkSetting = {
  description: 'on/off, a severity, or an object with enabled, severity and options',
  oneOf: [
    { type: 'boolean' },
    { enum: ['on', 'off'] },
    severity,
    {
      type: 'object',
      additionalProperties: false,
      properties: { enabled: { type: 'boolean' }, severity, mode, options: { type: 'object' } },
    },
  ],
};

const levelProperties = {
  failOn,
  mode,
  admission: {
    type: 'object',
    additionalProperties: false,
    description: 'admission webhook (bulwark serve) at this level: mutation with safe defaults, and requesters exempt from checks',
    properties: { mutate: { type: 'boolean' }, exemptServiceAccounts: stringList, exemptUsers: stringList, exemptGroups: stringList },
  },
  inlineIgnores: {
    description: 'whether `bulwark.io/ignore` annotations on resources may opt out of checks here: allow, deny, or the check ids they may name',
    oneOf: [{ enum: ['allow', 'deny'] }, stringList],
  },
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
    gate: GATE_SCHEMA,
    clusters: { type: 'array', items: { $ref: '#/$defs/cluster' } },
    environments: { type: 'array', items: { $ref: '#/$defs/environment' } },
    applications: { type: 'array', items: { $ref: '#/$defs/scoped' } },
    exceptions: { type: 'array', items: { $ref: '#/$defs/exception' } },
    rules: { type: 'array', description: 'custom checks written in CEL', items: { $ref: '#/$defs/rule' } },
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
    rule,
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
    environment: {
      type: 'object',
      additionalProperties: false,
      required: ['name', 'match'],
      properties: { name: { type: 'string', minLength: 1 }, match, ...levelProperties, gate: GATE_SCHEMA },
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
