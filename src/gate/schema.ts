/**
 * JSON Schema (draft 2020-12) of a `gate` object, for the top level of `bulwark.yaml` and for
 * each environment. It fixes shapes and names only: times, dates, zones, ranges and which kind
 * of window an entry is are checked by `gateProblems`, whose messages say what to write instead.
 * It holds no `$ref`, so that it can be placed anywhere inside another schema.
 */
import { WEEK_FROM_MONDAY } from './zone.js';

const windowSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['name'],
  description: 'recurring (days, with optional start and end) or one-off (from and to)',
  properties: {
    name: { type: 'string', minLength: 1 },
    days: { type: 'array', items: { enum: [...WEEK_FROM_MONDAY] }, minItems: 1, description: 'days of the week the window opens, in its zone' },
    start: { type: 'string', description: 'HH:MM the window opens on each of its days (default 00:00); quote it' },
    end: { type: 'string', description: 'HH:MM the window closes, exclusive (default 24:00); at or before start means the next day' },
    from: { type: 'string', description: 'YYYY-MM-DDTHH:MM[:SS], local to timeZone unless it ends in Z or ±HH:MM' },
    to: { type: 'string', description: 'end of a one-off window, exclusive; same form as from' },
    timeZone: { type: 'string', minLength: 1, description: "IANA time zone of this window (default: the gate's)" },
  },
} as const;

const windowList = { type: 'array', items: windowSchema } as const;

export const GATE_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  description: "deployment gate: branches, approval and time windows; an environment's gate overrides the top-level one field by field",
  properties: {
    branches: { type: 'array', items: { type: 'string', minLength: 1 }, description: 'globs over branch names (release/*); others are denied; empty: any branch' },
    requireApproval: { type: 'boolean', description: 'the request must be marked approved (--approved)' },
    timeZone: { type: 'string', minLength: 1, description: 'IANA time zone of the windows below (default UTC)' },
    blackouts: { ...windowList, description: 'deployments are denied inside any of these windows' },
    maintenance: { ...windowList, description: 'when not empty, deployments are allowed only inside one of these windows' },
  },
} as const;
