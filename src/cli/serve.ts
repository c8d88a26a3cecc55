import { readFile, writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { BulwarkError } from '../errors/index.js';
import { SEVERITIES } from '../findings/types.js';
import type { FailThreshold, LoadedPolicy } from '../policy/types.js';
import { admitOffline, renderAdmission } from '../server/admit.js';
import { InvalidReviewError } from '../server/admission-review.js';
import { generateSelfSigned } from '../server/certificates.js';
import { AdmissionEngine, DEFAULT_CACHE_ENTRIES, EvaluationError } from '../server/engine.js';
import { isLogLevel, jsonLogger, LOG_LEVELS } from '../server/log.js';
import type { Endpoint, FailureMode } from '../server/review.js';
import { DEFAULT_MAX_BODY_BYTES, DEFAULT_REQUEST_DEADLINE_MS } from '../server/server.js';
import { DEFAULT_RELOAD_INTERVAL_MS, startWebhook, type TlsSource } from '../server/webhook.js';
import { requireTextOrJson } from './checks.js';
import { collect, parseCheckList, parseFailOn, wholeNumber } from './flags.js';
import { EXIT, useColor, type CliIo } from './io.js';

interface ServeFlags {
  checks?: string[];
  host: string;
  port: string;
  config?: string | false;
  cluster?: string;
  failOn?: string;
  tlsCert?: string;
  tlsKey?: string;
  selfSigned?: boolean;
  san?: string[];
  caOut?: string;
  failureMode: string;
  maxBodyBytes: string;
  requestTimeout: string;
  reloadInterval: string;
  shutdownDelay: string;
  cacheEntries: string;
  logLevel: string;
}

interface AdmitFlags {
  checks?: string[];
  config?: string | false;
  cluster?: string;
  failOn?: string;
  endpoint: string;
  format: string;
}

function failOnFlag(value: string | undefined): FailThreshold | undefined {
  return value === undefined ? undefined : parseFailOn(value);
}

function failureModeFlag(value: string): FailureMode {
  if (value === 'open' || value === 'closed') return value;
  throw new BulwarkError('BULWARK_E_USAGE', `--failure-mode must be open or closed, not "${value}"`);
}

/** Host names and addresses for a self-signed certificate: the listening host (unless a wildcard), loopback, and --san. */
function certificateHosts(host: string, extra: readonly string[]): string[] {
  const hosts = new Set(['localhost', '127.0.0.1', '::1', ...extra]);
  if (host !== '0.0.0.0' && host !== '::' && host !== '') hosts.add(host);
  return [...hosts];
}

function tlsSource(flags: ServeFlags): { source: TlsSource; caBundle?: string; caCertificate?: string } {
  const files = flags.tlsCert !== undefined || flags.tlsKey !== undefined;
  if (flags.selfSigned === true && files) throw new BulwarkError('BULWARK_E_USAGE', '--self-signed and --tls-cert/--tls-key exclude each other', 'Give either the certificate files or --self-signed.');
  if (flags.selfSigned === true) {
    const material = generateSelfSigned({ hosts: certificateHosts(flags.host, flags.san ?? []) });
    return { source: { material: { cert: material.certificate, key: material.privateKey } }, caBundle: material.caBundle, caCertificate: material.caCertificate };
  }
  if (flags.tlsCert === undefined || flags.tlsKey === undefined) {
    throw new BulwarkError('BULWARK_E_USAGE', 'the webhook serves HTTPS only: give --tls-cert FILE and --tls-key FILE, or --self-signed', 'The API server calls admission webhooks over TLS; see docs/guides/admission-webhook.md.');
  }
  if (flags.san !== undefined || flags.caOut !== undefined) throw new BulwarkError('BULWARK_E_USAGE', '--san and --ca-out go with --self-signed');
  return { source: { certFile: flags.tlsCert, keyFile: flags.tlsKey } };
}

/**
 * Adds `bulwark serve` (the admission webhook over HTTPS) and `bulwark admit` (the same decision
 * on an AdmissionReview file, offline). `serve` runs until SIGINT or SIGTERM; `admit` exits 0
 * when the request is allowed, 1 when denied, 3 when the review cannot be read or evaluated.
 */
export function registerServeCommands(program: Command, io: CliIo, state: { exitCode: number }, loadPolicyFor: (configFlag: string | false | undefined) => LoadedPolicy | undefined): void {
  program
    .command('serve')
    .description('run the admission webhook: POST /validate and /mutate take AdmissionReviews (admission.k8s.io/v1); GET /healthz, /readyz, /metrics')
    .option('--host <host>', 'address to listen on (0.0.0.0 or :: in a cluster)', '127.0.0.1')
    .option('--port <port>', 'port to listen on', '8443')
    .option('--config <file>', 'policy file, reloaded when it changes (default: bulwark.yaml in the current directory or a parent)')
    .option('--no-config', 'ignore any bulwark.yaml: the recommended checks')
    .option('--cluster <name>', "the cluster this webhook guards: selects the policy's cluster level")
    .option('--fail-on <severity>', `deny findings at or above: ${SEVERITIES.join(', ')}, or none (default: the policy's, else high)`)
    .option('-c, --checks <ids>', 'run only these per-resource checks (comma-separated, repeatable)', collect)
    .option('--tls-cert <file>', 'serving certificate (PEM), reloaded when it changes')
    .option('--tls-key <file>', 'private key of the certificate (PEM)')
    .option('--self-signed', 'generate a CA and a serving certificate, and print the caBundle')
    .option('--san <host>', 'with --self-signed: another DNS name or IP address for the certificate (repeatable)', collect)
    .option('--ca-out <file>', 'with --self-signed: write the CA certificate (PEM) to FILE, for curl --cacert')
    .option('--failure-mode <mode>', 'when a request cannot be evaluated: closed (deny) or open (allow, with a warning)', 'closed')
    .option('--max-body-bytes <bytes>', 'largest request body accepted (413 beyond)', String(DEFAULT_MAX_BODY_BYTES))
    .option('--request-timeout <ms>', 'time a client has to send a whole request', String(DEFAULT_REQUEST_DEADLINE_MS))
    .option('--reload-interval <ms>', 'how often the policy and certificate files are looked at', String(DEFAULT_RELOAD_INTERVAL_MS))
    .option('--shutdown-delay <ms>', 'on SIGTERM, fail /readyz and keep serving this long before closing (endpoint removal takes a moment)', '0')
    .option('--cache-entries <n>', 'decisions remembered for identical requests (0: none)', String(DEFAULT_CACHE_ENTRIES))
    .option('--log-level <level>', `JSON log on standard error: ${LOG_LEVELS.join(', ')}`, 'info')
    .action(async (flags: ServeFlags) => {
      if (!isLogLevel(flags.logLevel)) throw new BulwarkError('BULWARK_E_USAGE', `--log-level must be one of ${LOG_LEVELS.join(', ')}, not "${flags.logLevel}"`);
      const port = wholeNumber(flags.port, '--port', 0, 65535);
      const failOn = failOnFlag(flags.failOn);
      const failureMode = failureModeFlag(flags.failureMode);
      // Every flag is read before the server listens: a usage error must not leave it running.
      const shutdownDelay = wholeNumber(flags.shutdownDelay, '--shutdown-delay', 0);
      const tls = tlsSource(flags);
      const policy = loadPolicyFor(flags.config);
      if (tls.caCertificate !== undefined && flags.caOut !== undefined) await writeFile(flags.caOut, tls.caCertificate);
      const logger = jsonLogger(io.stderr, flags.logLevel);
      const running = await startWebhook({
        host: flags.host,
        port,
        policy,
        reloadPolicy: (file) => {
          const reloaded = loadPolicyFor(file);
          if (reloaded === undefined) throw new BulwarkError('BULWARK_E_CONFIG', `cannot read policy ${file}`);
          return reloaded;
        },
        tls: tls.source,
        failureMode,
        maxBodyBytes: wholeNumber(flags.maxBodyBytes, '--max-body-bytes', 1024),
        requestDeadlineMs: wholeNumber(flags.requestTimeout, '--request-timeout', 100),
        reloadIntervalMs: wholeNumber(flags.reloadInterval, '--reload-interval', 100),
        logger,
        cluster: flags.cluster,
        failOn,
        cacheEntries: wholeNumber(flags.cacheEntries, '--cache-entries', 0),
        checks: parseCheckList(flags.checks),
      });
      io.stdout.write(`bulwark: serving ${running.url} (POST /validate, /mutate; GET /healthz, /readyz, /metrics)${policy !== undefined ? ` with policy ${policy.file}` : ''}\n`);
      if (tls.caBundle !== undefined) {
        if (flags.caOut !== undefined) io.stdout.write(`bulwark: CA certificate written to ${flags.caOut}\n`);
        io.stdout.write(`caBundle: ${tls.caBundle}\n`);
      }
      await new Promise<void>((resolve) => {
        const stop = (signal: NodeJS.Signals) => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          logger.info('stopping', { signal, shutdownDelayMs: shutdownDelay });
          running.server.markNotReady();
          setTimeout(() => {
            void running.close().then(() => {
              logger.flush();
              resolve();
            });
          }, shutdownDelay);
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
      state.exitCode = EXIT.clean;
    });

  program
    .command('admit')
    .description('decide an AdmissionReview (admission.k8s.io/v1) offline, as the webhook would; exit 0 allowed, 1 denied')
    .argument('<review>', 'AdmissionReview JSON file, or - for standard input')
    .option('--config <file>', 'policy file (default: bulwark.yaml in the current directory or a parent)')
    .option('--no-config', 'ignore any bulwark.yaml: the recommended checks')
    .option('--cluster <name>', "the cluster the request was made to: selects the policy's cluster level")
    .option('--fail-on <severity>', `deny findings at or above: ${SEVERITIES.join(', ')}, or none (default: the policy's, else high)`)
    .option('-c, --checks <ids>', 'run only these per-resource checks (comma-separated, repeatable)', collect)
    .option('--endpoint <endpoint>', 'validate, or mutate for the JSON Patch of safe defaults', 'validate')
    .option('-f, --format <format>', 'text (a summary) or json (the response AdmissionReview)', 'text')
    .action(async (file: string, flags: AdmitFlags) => {
      const format = requireTextOrJson(flags.format);
      if (flags.endpoint !== 'validate' && flags.endpoint !== 'mutate') throw new BulwarkError('BULWARK_E_USAGE', `--endpoint must be validate or mutate, not "${flags.endpoint}"`);
      const endpoint: Endpoint = flags.endpoint;
      const failOn = failOnFlag(flags.failOn);
      const policy = loadPolicyFor(flags.config);
      const text = await readReview(file, io);
      const engine = new AdmissionEngine({ cacheEntries: 0, checks: parseCheckList(flags.checks), policy, cluster: flags.cluster, failOn });
      if (policy !== undefined) io.stderr.write(`bulwark: policy ${policy.file}\n`);
      let admission;
      try {
        admission = admitOffline(engine, text, endpoint);
      } catch (error) {
        if (error instanceof InvalidReviewError) throw new BulwarkError('BULWARK_E_INPUT', `${file === '-' ? 'standard input' : file} is not an admission.k8s.io/v1 AdmissionReview request: ${error.message}`);
        if (error instanceof EvaluationError) throw new BulwarkError('BULWARK_E_INPUT', `the request could not be evaluated: ${error.message}`, 'The webhook answers such a request with its failure mode (--failure-mode).');
        throw error;
      }
      io.stdout.write(format === 'json' ? `${JSON.stringify(admission.outcome.review, null, 2)}\n` : renderAdmission(admission, (id) => engine.checks.find((check) => check.id === id)?.meta.remediation, useColor(io, io.stdout)));
      state.exitCode = admission.outcome.review.response.allowed ? EXIT.clean : EXIT.findings;
    });
}

async function readReview(file: string, io: CliIo): Promise<string> {
  if (file !== '-') {
    try {
      return await readFile(file, 'utf8');
    } catch (error) {
      throw new BulwarkError('BULWARK_E_INPUT', `cannot read ${file}: ${(error as Error).message}`);
    }
  }
  const chunks: Buffer[] = [];
  for await (const chunk of io.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}
