import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { createSecureContext } from 'node:tls';
import { exceptionState } from '../policy/exceptions.js';
import type { FailThreshold, LoadedPolicy } from '../policy/types.js';
import { AdmissionEngine } from './engine.js';
import { SILENT_LOGGER, type Logger } from './log.js';
import { ServerMetrics } from './metrics.js';
import type { FailureMode } from './review.js';
import { WebhookServer, type TlsMaterial } from './server.js';
import { FilePoller } from './watch.js';

/** How often policy and certificate files are looked at. */
export const DEFAULT_RELOAD_INTERVAL_MS = 5_000;

export type TlsSource = { certFile: string; keyFile: string } | { material: TlsMaterial };

export interface WebhookOptions {
  host: string;
  port: number;
  /** The policy to start with; none runs the recommended checks, as `bulwark scan` does without one. */
  policy: LoadedPolicy | undefined;
  /** Reads the policy file again when it changes; without it the policy is never reloaded. */
  reloadPolicy?: (file: string) => LoadedPolicy;
  cluster?: string;
  failOn?: FailThreshold;
  tls: TlsSource;
  failureMode?: FailureMode;
  maxBodyBytes?: number;
  requestDeadlineMs?: number;
  reloadIntervalMs?: number;
  logger?: Logger;
  now?: () => Date;
  /** Decisions remembered for identical requests; 0 turns the cache off. */
  cacheEntries?: number;
  /** Ids of the checks to run; absent: the policy's. */
  checks?: readonly string[];
}

/** A server that runs, with what reloads it. */
export interface RunningWebhook {
  server: WebhookServer;
  address: AddressInfo;
  /** `https://host:port`, with IPv6 addresses in brackets. */
  url: string;
  /** Looks at the policy and certificate files now, as the timer does; says what was reloaded. */
  poll(): { policy: boolean; tls: boolean };
  close(): Promise<void>;
}

function readTls(certFile: string, keyFile: string): TlsMaterial {
  const material = { cert: readFileSync(certFile), key: readFileSync(keyFile) };
  // Refuses a key that does not belong to the certificate (caught half-way through a renewal) before it is served.
  createSecureContext(material);
  return material;
}

function expiryOf(certificate: string | Buffer): number | undefined {
  try {
    return Date.parse(new X509Certificate(certificate).validTo) / 1000;
  } catch {
    return undefined;
  }
}

/**
 * Starts the admission webhook: loads TLS material, builds the engine for the policy, listens,
 * and polls the policy and certificate files. A policy or certificate that fails to load is
 * logged and counted, and the previous one keeps serving: a reload never drops a request.
 */
export async function startWebhook(options: WebhookOptions): Promise<RunningWebhook> {
  const logger = options.logger ?? SILENT_LOGGER;
  const metrics = new ServerMetrics();
  const engineFor = (policy: LoadedPolicy | undefined) => new AdmissionEngine({ policy, cluster: options.cluster, failOn: options.failOn, now: options.now, cacheEntries: options.cacheEntries, checks: options.checks });
  const describeEngine = (engine: AdmissionEngine) => {
    const policy = engine.policy;
    logger.info(policy === undefined ? 'no policy: the recommended checks' : 'policy loaded', { policy: policy?.file, checks: engine.checks.length, failOn: engine.failOn });
    metrics.policyLoaded.set({}, Date.now() / 1000);
    const now = options.now?.() ?? new Date();
    for (const exception of policy?.config.exceptions ?? []) {
      if (exceptionState(exception, now) === 'expired') logger.warn('exception expired: the findings it covered are denied again', { exception: exception.id, owner: exception.owner, expires: exception.expires });
    }
  };
  const engine = engineFor(options.policy);
  describeEngine(engine);

  const tlsSource = options.tls;
  const tls = 'material' in tlsSource ? tlsSource.material : readTls(tlsSource.certFile, tlsSource.keyFile);
  const expiry = expiryOf(tls.cert);
  if (expiry !== undefined) metrics.certificateExpiry.set({}, expiry);

  const server = new WebhookServer({ engine, tls, logger, metrics, failureMode: options.failureMode, maxBodyBytes: options.maxBodyBytes, requestDeadlineMs: options.requestDeadlineMs });

  let policyReloaded = false;
  let tlsReloaded = false;
  const pollers: FilePoller[] = [];
  const policyFile = options.policy?.file;
  if (policyFile !== undefined && options.reloadPolicy !== undefined) {
    const reload = options.reloadPolicy;
    pollers.push(
      new FilePoller([policyFile], () => {
        try {
          const next = engineFor(reload(policyFile));
          server.setEngine(next);
          policyReloaded = true;
          metrics.reloads.inc({ what: 'policy', result: 'success' });
          describeEngine(next);
        } catch (error) {
          metrics.reloads.inc({ what: 'policy', result: 'failure' });
          logger.error('policy reload failed: the previous policy stays in force', { policy: policyFile, error: error instanceof Error ? error.message : String(error) });
        }
      }),
    );
  }
  if ('certFile' in tlsSource) {
    pollers.push(
      new FilePoller([tlsSource.certFile, tlsSource.keyFile], () => {
        try {
          const material = readTls(tlsSource.certFile, tlsSource.keyFile);
          server.setCertificate(material);
          tlsReloaded = true;
          metrics.reloads.inc({ what: 'tls', result: 'success' });
          const renewed = expiryOf(material.cert);
          if (renewed !== undefined) metrics.certificateExpiry.set({}, renewed);
          logger.info('certificate reloaded', { cert: tlsSource.certFile, expires: renewed !== undefined ? new Date(renewed * 1000).toISOString() : undefined });
        } catch (error) {
          metrics.reloads.inc({ what: 'tls', result: 'failure' });
          logger.error('certificate reload failed: the previous certificate stays in use', { cert: tlsSource.certFile, error: error instanceof Error ? error.message : String(error) });
        }
      }),
    );
  }

  const address = await server.listen(options.port, options.host);
  for (const poller of pollers) poller.start(options.reloadIntervalMs ?? DEFAULT_RELOAD_INTERVAL_MS);
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  logger.info('listening', { url: `https://${host}:${address.port}`, failureMode: options.failureMode ?? 'closed' });
  return {
    server,
    address,
    url: `https://${host}:${address.port}`,
    poll() {
      policyReloaded = false;
      tlsReloaded = false;
      for (const poller of pollers) poller.poll();
      return { policy: policyReloaded, tls: tlsReloaded };
    },
    async close() {
      for (const poller of pollers) poller.stop();
      await server.close();
      logger.info('stopped');
    },
  };
}
