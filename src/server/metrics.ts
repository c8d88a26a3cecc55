/**
 * Prometheus metrics in the text exposition format (version 0.0.4), without a client library:
 * counters and one histogram, labels escaped, label values bounded.
 */

/** Distinct values one label may take before further values are counted as `other`: a hostile client must not grow the registry. */
const MAX_LABEL_VALUES = 64;

export type Labels = Readonly<Record<string, string>>;

function escapeLabel(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

function labelText(labels: Labels, extra?: [string, string]): string {
  const pairs = Object.entries(labels).map(([name, value]) => `${name}="${escapeLabel(value)}"`);
  if (extra !== undefined) pairs.push(`${extra[0]}="${escapeLabel(extra[1])}"`);
  return pairs.length === 0 ? '' : `{${pairs.join(',')}}`;
}

function numberText(value: number): string {
  if (value === Infinity) return '+Inf';
  return Number.isInteger(value) ? String(value) : value.toPrecision(12).replace(/\.?0+$/, '');
}

interface Series<T> {
  labels: Labels;
  value: T;
}

abstract class Metric<T> {
  protected readonly series = new Map<string, Series<T>>();
  private readonly seen = new Map<string, Set<string>>();

  constructor(
    readonly name: string,
    readonly help: string,
    private readonly labelNames: readonly string[],
  ) {}

  protected abstract initial(): T;

  /** A label's value, or `other` once the label has taken its share of distinct values. */
  private bounded(label: string, value: string): string {
    let values = this.seen.get(label);
    if (values === undefined) this.seen.set(label, (values = new Set()));
    if (values.has(value)) return value;
    if (values.size >= MAX_LABEL_VALUES) return 'other';
    values.add(value);
    return value;
  }

  protected at(labels: Labels): Series<T> {
    // Asked on every request: the key is built without intermediate objects, the labels only for a new series.
    let key = '';
    for (let index = 0; index < this.labelNames.length; index++) {
      const label = this.labelNames[index] as string;
      const value = this.bounded(label, labels[label] ?? '');
      key = index === 0 ? value : `${key}\u0000${value}`;
    }
    let entry = this.series.get(key);
    if (entry === undefined) {
      const bounded: Record<string, string> = {};
      for (const label of this.labelNames) bounded[label] = this.bounded(label, labels[label] ?? '');
      entry = { labels: bounded, value: this.initial() };
      this.series.set(key, entry);
    }
    return entry;
  }

  abstract render(): string;
}

export class Counter extends Metric<number> {
  protected initial(): number {
    return 0;
  }

  inc(labels: Labels = {}, by = 1): void {
    this.at(labels).value += by;
  }

  /** The current value for some labels (for tests and the log). */
  get(labels: Labels = {}): number {
    return this.at(labels).value;
  }

  render(): string {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} counter`];
    for (const { labels, value } of this.series.values()) lines.push(`${this.name}${labelText(labels)} ${numberText(value)}`);
    return `${lines.join('\n')}\n`;
  }
}

export class Gauge extends Metric<number> {
  protected initial(): number {
    return 0;
  }

  set(labels: Labels, value: number): void {
    this.at(labels).value = value;
  }

  render(): string {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} gauge`];
    for (const { labels, value } of this.series.values()) lines.push(`${this.name}${labelText(labels)} ${numberText(value)}`);
    return `${lines.join('\n')}\n`;
  }
}

interface HistogramValue {
  buckets: number[];
  sum: number;
  count: number;
}

export class Histogram extends Metric<HistogramValue> {
  constructor(
    name: string,
    help: string,
    labelNames: readonly string[],
    private readonly bounds: readonly number[],
  ) {
    super(name, help, labelNames);
  }

  protected initial(): HistogramValue {
    return { buckets: this.bounds.map(() => 0), sum: 0, count: 0 };
  }

  observe(labels: Labels, value: number): void {
    const entry = this.at(labels).value;
    // Buckets hold their own count; they are made cumulative when rendered.
    const index = this.bounds.findIndex((bound) => value <= bound);
    if (index !== -1) entry.buckets[index] = (entry.buckets[index] as number) + 1;
    entry.sum += value;
    entry.count++;
  }

  render(): string {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} histogram`];
    for (const { labels, value } of this.series.values()) {
      let cumulative = 0;
      this.bounds.forEach((bound, index) => {
        cumulative += value.buckets[index] as number;
        lines.push(`${this.name}_bucket${labelText(labels, ['le', numberText(bound)])} ${cumulative}`);
      });
      lines.push(`${this.name}_bucket${labelText(labels, ['le', '+Inf'])} ${value.count}`);
      lines.push(`${this.name}_sum${labelText(labels)} ${numberText(value.sum)}`);
      lines.push(`${this.name}_count${labelText(labels)} ${value.count}`);
    }
    return `${lines.join('\n')}\n`;
  }
}

/** Latency buckets, in seconds: from 100 µs (a cached decision) to the API server's 10 s limit. */
export const LATENCY_BUCKETS = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10];

/** Everything the server counts. */
export class ServerMetrics {
  readonly requests = new Counter('bulwark_admission_requests_total', 'Admission reviews answered, by endpoint, operation, kind and decision.', ['endpoint', 'operation', 'kind', 'decision']);
  readonly latency = new Histogram('bulwark_admission_review_duration_seconds', 'Time from the first byte of a review to the last byte of the answer.', ['endpoint'], LATENCY_BUCKETS);
  readonly errors = new Counter('bulwark_http_errors_total', 'Requests answered with an error or with the failure behaviour, by reason.', ['reason']);
  readonly reloads = new Counter('bulwark_reloads_total', 'Reloads of the policy and of the TLS certificate, by what and result.', ['what', 'result']);
  readonly certificateExpiry = new Gauge('bulwark_tls_certificate_expiry_timestamp_seconds', 'When the serving certificate expires (Unix time).', []);
  readonly policyLoaded = new Gauge('bulwark_policy_loaded_timestamp_seconds', 'When the policy in use was loaded (Unix time).', []);
  /** The exposition text, process metrics included. */
  render(): string {
    const usage = process.cpuUsage();
    const processLines = [
      '# HELP process_cpu_seconds_total Total user and system CPU time spent in seconds.',
      '# TYPE process_cpu_seconds_total counter',
      `process_cpu_seconds_total ${numberText((usage.user + usage.system) / 1e6)}`,
      '# HELP process_resident_memory_bytes Resident memory size in bytes.',
      '# TYPE process_resident_memory_bytes gauge',
      `process_resident_memory_bytes ${process.memoryUsage.rss()}`,
      '# HELP process_start_time_seconds Start time of the process since unix epoch in seconds.',
      '# TYPE process_start_time_seconds gauge',
      `process_start_time_seconds ${numberText(Math.floor(performance.timeOrigin / 1000))}`,
    ].join('\n');
    return [this.requests, this.latency, this.errors, this.reloads, this.certificateExpiry, this.policyLoaded].map((metric) => metric.render()).join('') + `${processLines}\n`;
  }
}
