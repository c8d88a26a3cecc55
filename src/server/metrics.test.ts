import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { jsonLogger } from './log.js';
import { Counter, Histogram, ServerMetrics } from './metrics.js';

describe('Prometheus exposition', () => {
  it('renders counters with escaped labels', () => {
    const counter = new Counter('bulwark_test_total', 'A test counter.', ['kind', 'decision']);
    counter.inc({ kind: 'Pod', decision: 'denied' });
    counter.inc({ kind: 'Pod', decision: 'denied' }, 2);
    counter.inc({ kind: 'Weird"Kind\\\n', decision: 'allowed' });
    assert.equal(
      counter.render(),
      '# HELP bulwark_test_total A test counter.\n# TYPE bulwark_test_total counter\nbulwark_test_total{kind="Pod",decision="denied"} 3\nbulwark_test_total{kind="Weird\\"Kind\\\\\\n",decision="allowed"} 1\n',
    );
  });

  it('renders cumulative histogram buckets, sum and count', () => {
    const histogram = new Histogram('bulwark_test_seconds', 'A test histogram.', ['endpoint'], [0.001, 0.01]);
    for (const value of [0.0005, 0.002, 0.003, 2]) histogram.observe({ endpoint: 'validate' }, value);
    assert.equal(
      histogram.render(),
      [
        '# HELP bulwark_test_seconds A test histogram.',
        '# TYPE bulwark_test_seconds histogram',
        'bulwark_test_seconds_bucket{endpoint="validate",le="0.001"} 1',
        'bulwark_test_seconds_bucket{endpoint="validate",le="0.01"} 3',
        'bulwark_test_seconds_bucket{endpoint="validate",le="+Inf"} 4',
        'bulwark_test_seconds_sum{endpoint="validate"} 2.0055',
        'bulwark_test_seconds_count{endpoint="validate"} 4',
        '',
      ].join('\n'),
    );
  });

  it('counts values past 64 distinct ones of a label as other, so a client cannot grow the registry', () => {
    const counter = new Counter('bulwark_kinds_total', 'Kinds.', ['kind']);
    for (let index = 0; index < 100; index++) counter.inc({ kind: `Kind${index}` });
    assert.equal(counter.get({ kind: 'Kind0' }), 1);
    assert.equal(counter.get({ kind: 'other' }), 36);
    assert.equal(counter.render().split('\n').filter((line) => line.startsWith('bulwark_kinds_total{')).length, 65);
  });

  it('exposes every server metric and the process metrics', () => {
    const metrics = new ServerMetrics();
    metrics.requests.inc({ endpoint: 'validate', operation: 'CREATE', kind: 'Pod', decision: 'denied' });
    metrics.reloads.inc({ what: 'policy', result: 'success' });
    const names = [...new Set(metrics.render().split('\n').filter((line) => line.startsWith('# TYPE')).map((line) => line.split(' ')[2]))];
    assert.deepEqual(names, [
      'bulwark_admission_requests_total',
      'bulwark_admission_review_duration_seconds',
      'bulwark_http_errors_total',
      'bulwark_reloads_total',
      'bulwark_tls_certificate_expiry_timestamp_seconds',
      'bulwark_policy_loaded_timestamp_seconds',
      'process_cpu_seconds_total',
      'process_resident_memory_bytes',
      'process_start_time_seconds',
    ]);
  });
});

describe('jsonLogger', () => {
  it('writes one JSON object per line, batched per turn of the event loop, long strings cut', async () => {
    const written: string[] = [];
    const logger = jsonLogger({ write: (text: string) => written.push(text) }, 'info', () => new Date('2026-03-28T10:00:00Z'));
    logger.debug('not written');
    logger.info('admission review', { uid: 'u-1', decision: 'denied', denied: ['privileged-container@spec.containers[0].securityContext.privileged'], skipped: undefined });
    logger.warn('request refused', { message: 'x'.repeat(600) });
    assert.equal(written.length, 0);
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(written.length, 1);
    const lines = (written[0] as string).split('\n');
    assert.equal(lines[0], '{"time":"2026-03-28T10:00:00.000Z","level":"info","msg":"admission review","uid":"u-1","decision":"denied","denied":["privileged-container@spec.containers[0].securityContext.privileged"]}');
    assert.equal((JSON.parse(lines[1] as string) as { message: string }).message, `${'x'.repeat(512)}…(600 characters)`);
    assert.equal(lines[2], '');
  });
});
