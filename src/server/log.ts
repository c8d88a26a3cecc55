/** Levels of the JSON log, lowest first. */
export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export function isLogLevel(value: string): value is LogLevel {
  return (LOG_LEVELS as readonly string[]).includes(value);
}

/** Strings in a log line are cut here: a hostile request must not turn into a megabyte of log. */
const MAX_FIELD_LENGTH = 512;
/** Lists in a log line keep this many items. */
const MAX_LIST_LENGTH = 50;

export type LogFields = Record<string, unknown>;

/** Writes one JSON object per line: `time`, `level`, `msg`, then the fields. */
export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  enabled(level: LogLevel): boolean;
}

/** The value with long strings cut and long lists shortened; the same value when nothing needs cutting. */
function bounded(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return value.length > MAX_FIELD_LENGTH ? `${value.slice(0, MAX_FIELD_LENGTH)}…(${value.length} characters)` : value;
  if (value === null || typeof value !== 'object') return value;
  if (depth > 4) return '…';
  if (value instanceof Error) return { name: value.name, message: bounded(value.message) };
  if (Array.isArray(value)) {
    const items = value.length > MAX_LIST_LENGTH ? value.slice(0, MAX_LIST_LENGTH) : value;
    let copy: unknown[] | undefined;
    items.forEach((item, index) => {
      const cut = bounded(item, depth + 1);
      if (cut !== item) (copy ??= [...items])[index] = cut;
    });
    return copy ?? items;
  }
  let copy: Record<string, unknown> | undefined;
  for (const [key, item] of Object.entries(value)) {
    const cut = bounded(item, depth + 1);
    if (cut !== item) (copy ??= { ...value })[key] = cut;
  }
  return copy ?? value;
}

/**
 * A JSON-lines logger. Callers pass identities, decisions, check ids and paths, never objects
 * from requests: a request can hold Secret data, and check messages already mask values.
 * Lines written in one turn of the event loop go out in one write: under load a line per
 * review would otherwise cost a system call per review.
 */
export function jsonLogger(stream: { write(text: string): unknown }, minimum: LogLevel = 'info', clock: () => Date = () => new Date()): Logger & { flush(): void } {
  const rank = LOG_LEVELS.indexOf(minimum);
  // Under load many lines share a millisecond: its text is made once.
  let lastTime = Number.NaN;
  let lastText = '';
  const timeText = (date: Date): string => {
    const time = date.getTime();
    if (time !== lastTime) {
      lastTime = time;
      lastText = date.toISOString();
    }
    return lastText;
  };
  let pending: string[] = [];
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    if (pending.length === 0) return;
    const text = pending.join('');
    pending = [];
    stream.write(text);
  };
  const write = (level: LogLevel, message: string, fields?: LogFields) => {
    if (LOG_LEVELS.indexOf(level) < rank) return;
    const line: LogFields = { time: timeText(clock()), level, msg: message };
    if (fields !== undefined) {
      for (const key in fields) {
        const value = fields[key];
        if (value !== undefined) line[key] = bounded(value);
      }
    }
    pending.push(`${JSON.stringify(line)}\n`);
    if (!scheduled) {
      scheduled = true;
      setImmediate(flush);
    }
  };
  return {
    debug: (message, fields) => write('debug', message, fields),
    info: (message, fields) => write('info', message, fields),
    warn: (message, fields) => write('warn', message, fields),
    error: (message, fields) => write('error', message, fields),
    enabled: (level) => LOG_LEVELS.indexOf(level) >= rank,
    flush,
  };
}

/** A logger that drops everything (tests and embedding). */
export const SILENT_LOGGER: Logger = { debug() {}, info() {}, warn() {}, error() {}, enabled: () => false };
