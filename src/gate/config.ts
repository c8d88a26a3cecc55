import { isRecord, stringsOf } from '../model/resource.js';
import type { Path } from '../yaml/path.js';
import { parseTimeOfDay, parseWindowDateTime } from './time-text.js';
import type { GateConfig, GateField, GateProblem, GateWindow } from './types.js';
import { edgeInstant, windowTimeZone } from './windows.js';
import { isTimeZone, WEEK_FROM_MONDAY, WEEKDAYS } from './zone.js';

// Days as people list them, Monday first.
const DAY_NAMES = WEEK_FROM_MONDAY.join(', ');

const FIELDS: readonly GateField[] = ['branches', 'requireApproval', 'timeZone', 'blackouts', 'maintenance'];

const stringList = (value: unknown): string[] | undefined => (Array.isArray(value) ? stringsOf(value) : undefined);

function normaliseWindow(raw: unknown, defaultTimeZone: string | undefined): GateWindow {
  const value = isRecord(raw) ? raw : {};
  const window: GateWindow = { name: typeof value.name === 'string' ? value.name : '' };
  const days = stringList(value.days);
  if (days !== undefined) window.days = days;
  for (const key of ['start', 'end', 'from', 'to', 'timeZone'] as const) {
    const text = value[key];
    if (typeof text === 'string') window[key] = text;
  }
  if (defaultTimeZone !== undefined) window.defaultTimeZone = defaultTimeZone;
  return window;
}

/**
 * The `gate` object of one level of `bulwark.yaml`, typed; undefined when `raw` is not an object.
 * `path` is where the object is written (`['gate']`, `['environments', 2, 'gate']`); results and
 * problems point there. Values of the wrong type are dropped: the schema reports them.
 */
export function normaliseGate(raw: unknown, path: Path = ['gate']): GateConfig | undefined {
  if (!isRecord(raw)) return undefined;
  const gate: GateConfig = { paths: {} };
  const timeZone = typeof raw.timeZone === 'string' ? raw.timeZone : undefined;
  const branches = stringList(raw.branches);
  if (branches !== undefined) gate.branches = branches;
  if (typeof raw.requireApproval === 'boolean') gate.requireApproval = raw.requireApproval;
  if (timeZone !== undefined) gate.timeZone = timeZone;
  for (const key of ['blackouts', 'maintenance'] as const) {
    const list = raw[key];
    if (Array.isArray(list)) gate[key] = list.map((entry) => normaliseWindow(entry, timeZone));
  }
  for (const field of FIELDS) if (gate[field] !== undefined) gate.paths[field] = [...path, field];
  return gate;
}

/**
 * The gate of an environment: each field it sets replaces the top-level one whole (a list is not
 * merged, so `blackouts: []` clears the inherited windows). Undefined when neither level has a gate.
 */
export function resolveGate(global?: GateConfig, environment?: GateConfig): GateConfig | undefined {
  if (global === undefined) return environment;
  if (environment === undefined) return global;
  const resolved: GateConfig = { paths: {} };
  for (const field of FIELDS) {
    const from = environment[field] !== undefined ? environment : global[field] !== undefined ? global : undefined;
    if (from === undefined) continue;
    // Object.assign because TypeScript cannot type `resolved[field] = from[field]` over a union of keys.
    Object.assign(resolved, { [field]: from[field] });
    const path = from.paths[field];
    if (path !== undefined) resolved.paths[field] = path;
  }
  return resolved;
}

type Push = (path: Path, code: GateProblem['code'], message: string) => void;

function zoneProblem(zone: string | undefined, path: Path, push: Push): void {
  if (zone !== undefined && !isTimeZone(zone)) push(path, 'gate-time-zone', `unknown time zone "${zone}": use an IANA name such as Europe/Berlin, America/New_York or UTC`);
}

function recurringProblems(window: GateWindow, at: Path, push: Push): void {
  const days = window.days ?? [];
  if (days.length === 0) push([...at, 'days'], 'gate-days', `window "${window.name}" names no day: list days of the week (${DAY_NAMES})`);
  const seen = new Set<string>();
  days.forEach((day, index) => {
    if (!(WEEKDAYS as readonly string[]).includes(day)) push([...at, 'days', index], 'gate-days', `"${day}" is not a day of the week: use ${DAY_NAMES}`);
    else if (seen.has(day)) push([...at, 'days', index], 'gate-days', `"${day}" is listed twice in window "${window.name}"`);
    seen.add(day);
  });
  const start = window.start === undefined ? 0 : parseTimeOfDay(window.start);
  const end = window.end === undefined ? 1440 : parseTimeOfDay(window.end, true);
  if (start === undefined) push([...at, 'start'], 'gate-time-of-day', `start "${window.start}" is not a time of day: write HH:MM from 00:00 to 23:59`);
  if (end === undefined) push([...at, 'end'], 'gate-time-of-day', `end "${window.end}" is not a time of day: write HH:MM from 00:00 to 24:00`);
  if (start !== undefined && end !== undefined && start === end) {
    push([...at, 'end'], 'gate-range', `window "${window.name}" starts and ends at the same time: for whole days leave out start and end`);
  }
}

function oneOffProblems(window: GateWindow, at: Path, zone: string, push: Push): void {
  const edges = (['from', 'to'] as const).map((key) => {
    const text = window[key];
    if (text === undefined) {
      push(at, 'gate-window-kind', `one-off window "${window.name}" needs both from and to`);
      return undefined;
    }
    const parsed = parseWindowDateTime(text);
    if (parsed === undefined) push([...at, key], 'gate-date-time', `${key} "${text}" is not a date and time: write YYYY-MM-DDTHH:MM, optionally with :SS and an offset (Z, +01:00)`);
    return parsed;
  });
  const [from, to] = edges;
  if (from === undefined || to === undefined || !isTimeZone(zone)) return;
  if (edgeInstant(to, zone) <= edgeInstant(from, zone)) push([...at, 'to'], 'gate-range', `window "${window.name}" ends (${window.to}) before or when it starts (${window.from})`);
}

function windowProblems(window: GateWindow, at: Path, gate: GateConfig, push: Push): void {
  if (window.name.trim() === '') push(at, 'gate-window-name', 'a window needs a name, used in results');
  zoneProblem(window.timeZone, [...at, 'timeZone'], push);
  const recurring = window.days !== undefined || window.start !== undefined || window.end !== undefined;
  const oneOff = window.from !== undefined || window.to !== undefined;
  if (recurring && oneOff) {
    push(at, 'gate-window-kind', `window "${window.name}" mixes days/start/end (recurring) with from/to (one-off): split it in two`);
    return;
  }
  if (recurring) recurringProblems(window, at, push);
  else if (oneOff) oneOffProblems(window, at, windowTimeZone(window, gate), push);
  else push(at, 'gate-window-kind', `window "${window.name}" has neither days (recurring) nor from and to (one-off)`);
}

function problemsAt(gate: GateConfig, pathOf: (field: GateField) => Path): GateProblem[] {
  const problems: GateProblem[] = [];
  const push: Push = (path, code, message) => problems.push({ path, code, message });
  (gate.branches ?? []).forEach((pattern, index) => {
    if (pattern.trim() === '') push([...pathOf('branches'), index], 'gate-branch', 'a branch pattern is empty');
  });
  zoneProblem(gate.timeZone, pathOf('timeZone'), push);
  for (const key of ['blackouts', 'maintenance'] as const) {
    const names = new Set<string>();
    (gate[key] ?? []).forEach((window, index) => {
      const at = [...pathOf(key), index];
      windowProblems(window, at, gate, push);
      if (window.name !== '' && names.has(window.name)) push([...at, 'name'], 'gate-duplicate-window', `${key === 'blackouts' ? 'blackout' : 'maintenance'} window "${window.name}" is defined twice`);
      names.add(window.name);
    });
  }
  return problems;
}

/**
 * What the schema cannot see in a gate: unknown time zones, malformed times and dates, windows
 * that end before they start, empty or repeated days, duplicate window names. `path` is where
 * the gate object is written; every problem is reported, not only the first.
 */
export function gateProblems(gate: GateConfig, path: Path): GateProblem[] {
  return problemsAt(gate, (field) => [...path, field]);
}

/** Where a field of a gate is written; `gate.<field>` for a gate built without its paths. */
export function gateFieldPath(gate: GateConfig, field: GateField): Path {
  return gate.paths[field] ?? ['gate', field];
}

/** The problems of a resolved gate, each at the level its field came from. */
export function resolvedGateProblems(gate: GateConfig): GateProblem[] {
  return problemsAt(gate, (field) => gateFieldPath(gate, field));
}
