import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { InvalidReviewError, parseAdmissionReview, type AdmissionRequest } from './admission-review.js';
import type { AdmissionEngine } from './engine.js';
import { SILENT_LOGGER, type Logger } from './log.js';
import { ServerMetrics } from './metrics.js';
import { failureResponse, reviewRequest, type Endpoint, type FailureMode, type ReviewOutcome } from './review.js';

/** Default largest body: an UPDATE carries the object and the old object, each up to the API server's 3 MiB request limit. */
export const DEFAULT_MAX_BODY_BYTES = 7 * 1024 * 1024;
/** Default time a client has to send a whole request; the API server's own limit is at most 30 s (default 10 s). */
export const DEFAULT_REQUEST_DEADLINE_MS = 10_000;
/** Longer than the API server's idle keep-alive (90 s), so that the client, not the server, closes idle connections. */
const KEEP_ALIVE_MS = 120_000;

export interface TlsMaterial {
  cert: string | Buffer;
  key: string | Buffer;
}

export interface WebhookServerOptions {
  engine: AdmissionEngine;
  tls: TlsMaterial;
  failureMode?: FailureMode;
  maxBodyBytes?: number;
  /** Time allowed to receive a request; a slower client gets 408 and the connection is closed. */
  requestDeadlineMs?: number;
  logger?: Logger;
  metrics?: ServerMetrics;
}

/** A review whose body has arrived, waiting for its turn in the batch. */
interface PendingReview {
  response: ServerResponse;
  endpoint: Endpoint;
  body: Buffer;
  started: number;
}

interface ErrorAnswer {
  code: number;
  reason: string;
  message: string;
  headers?: Record<string, string>;
}

/** The `metav1.Status` reason of each code the server refuses with (Node answers a request past its deadline with 408 itself). */
const STATUS_REASONS: Record<number, string> = { 400: 'BadRequest', 404: 'NotFound', 405: 'MethodNotAllowed', 413: 'RequestEntityTooLarge', 415: 'UnsupportedMediaType', 500: 'InternalError' };

function isJsonContentType(header: string | undefined): boolean {
  // What the API server sends, told apart without splitting.
  if (header === undefined || header === 'application/json') return true;
  const type = header.split(';')[0]?.trim().toLowerCase();
  return type === 'application/json' || type === '' || type === undefined;
}

/**
 * The admission webhook over HTTPS: `POST /validate`, `POST /mutate`, `GET /healthz`,
 * `/readyz` and `/metrics`. Every request gets an answer; nothing a client sends ends the process.
 */
export class WebhookServer {
  readonly server: Server;
  readonly metrics: ServerMetrics;
  private engine: AdmissionEngine;
  private readonly logger: Logger;
  private readonly failureMode: FailureMode;
  private readonly maxBodyBytes: number;
  private ready = false;
  private pending: PendingReview[] = [];

  constructor(options: WebhookServerOptions) {
    this.engine = options.engine;
    this.logger = options.logger ?? SILENT_LOGGER;
    this.metrics = options.metrics ?? new ServerMetrics();
    this.failureMode = options.failureMode ?? 'closed';
    this.maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
    const deadline = options.requestDeadlineMs ?? DEFAULT_REQUEST_DEADLINE_MS;
    this.server = createServer({
      cert: options.tls.cert,
      key: options.tls.key,
      minVersion: 'TLSv1.2',
      keepAliveTimeout: KEEP_ALIVE_MS,
      headersTimeout: deadline,
      requestTimeout: deadline,
      // How often deadlines are checked; the default (30 s) would let a slow client hold a request far past its deadline.
      connectionsCheckingInterval: Math.min(1000, deadline),
      noDelay: true,
    });
    this.server.on('request', (request: IncomingMessage, response: ServerResponse) => this.route(request, response));
    this.server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
      this.metrics.errors.inc({ reason: 'client' });
      this.logger.debug('client error', { error: error.code ?? error.message });
      if (socket.writable && !socket.destroyed) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
      else socket.destroy();
    });
    this.server.on('tlsClientError', (error: NodeJS.ErrnoException) => {
      this.metrics.errors.inc({ reason: 'tls' });
      this.logger.debug('TLS handshake failed', { error: error.code ?? error.message });
    });
  }

  /** Swaps the engine (a reloaded policy); requests being decided finish with the old one. */
  setEngine(engine: AdmissionEngine): void {
    this.engine = engine;
  }

  /** Swaps the serving certificate (a renewed one); open connections keep theirs, new ones get it. */
  setCertificate(tls: TlsMaterial): void {
    this.server.setSecureContext({ cert: tls.cert, key: tls.key, minVersion: 'TLSv1.2' });
  }

  async listen(port: number, host: string): Promise<AddressInfo> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    this.ready = true;
    return this.server.address() as AddressInfo;
  }

  /** `/readyz` fails from now on (shutting down), while requests are still answered. */
  markNotReady(): void {
    this.ready = false;
  }

  /** Stops taking requests: `/readyz` fails at once, open requests are answered, idle connections closed. */
  async close(): Promise<void> {
    this.ready = false;
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeIdleConnections();
    });
  }

  private route(request: IncomingMessage, response: ServerResponse): void {
    try {
      const url = request.url ?? '/';
      const query = url.indexOf('?');
      const path = query === -1 ? url : url.slice(0, query);
      const method = request.method ?? 'GET';
      if (path === '/validate' || path === '/mutate') {
        if (method !== 'POST') return this.fail(response, { code: 405, reason: 'method', message: `${path} takes POST, not ${method}`, headers: { Allow: 'POST' } }, request);
        return this.receive(request, response, path === '/validate' ? 'validate' : 'mutate');
      }
      if (path === '/healthz' || path === '/readyz' || path === '/metrics') {
        if (method !== 'GET' && method !== 'HEAD') return this.fail(response, { code: 405, reason: 'method', message: `${path} takes GET, not ${method}`, headers: { Allow: 'GET, HEAD' } }, request);
        if (path === '/metrics') return this.plain(response, 200, this.metrics.render(), 'text/plain; version=0.0.4; charset=utf-8');
        if (path === '/readyz' && !this.ready) return this.plain(response, 503, 'shutting down\n');
        return this.plain(response, 200, 'ok\n');
      }
      this.fail(response, { code: 404, reason: 'not_found', message: `no endpoint ${path.slice(0, 128)}: use POST /validate or /mutate, GET /healthz, /readyz or /metrics` }, request);
    } catch (error) {
      this.internal(response, error);
    }
  }

  private receive(request: IncomingMessage, response: ServerResponse, endpoint: Endpoint): void {
    const started = performance.now();
    if (!isJsonContentType(request.headers['content-type'])) {
      return this.fail(response, { code: 415, reason: 'media_type', message: `the body must be application/json, not ${String(request.headers['content-type']).slice(0, 64)}` }, request);
    }
    const declared = Number(request.headers['content-length'] ?? 0);
    if (declared > this.maxBodyBytes) return this.tooLarge(response, request);
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = false;
    request.on('data', (chunk: Buffer) => {
      if (refused) return;
      size += chunk.length;
      if (size > this.maxBodyBytes) {
        refused = true;
        chunks.length = 0;
        this.tooLarge(response, request);
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => {
      if (refused) return;
      this.enqueue({ response, endpoint, body: chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks), started });
    });
    request.on('error', (error) => {
      this.metrics.errors.inc({ reason: 'client' });
      this.logger.debug('request aborted', { error: error.message });
    });
  }

  /**
   * Reviews whose bodies arrived in the same turn of the event loop are answered together, a
   * step at a time: every body parsed, then every decision made, then every answer written.
   * Under load many arrive together, and running the checks back to back, rather than between
   * TLS writes, keeps their code and data in the processor's caches: a third less CPU per review
   * at 50 concurrent connections. A lone review waits for nothing.
   */
  private enqueue(pending: PendingReview): void {
    this.pending.push(pending);
    if (this.pending.length === 1) setImmediate(() => this.drain());
  }

  private drain(): void {
    const batch = this.pending;
    this.pending = [];
    const parsed: Array<{ pending: PendingReview; request: AdmissionRequest }> = [];
    for (const pending of batch) {
      try {
        parsed.push({ pending, request: parseAdmissionReview(pending.body.toString('utf8')) });
      } catch (error) {
        if (error instanceof InvalidReviewError) this.fail(pending.response, { code: 400, reason: 'bad_request', message: error.message });
        else this.internal(pending.response, error);
      }
    }
    const decided = parsed.map(({ pending, request }) => ({ pending, request, outcome: this.decide(pending.endpoint, request, pending.body) }));
    for (const { pending, request, outcome } of decided) {
      try {
        this.respond(pending, request, outcome);
      } catch (error) {
        this.internal(pending.response, error);
      }
    }
  }

  private decide(endpoint: Endpoint, request: AdmissionRequest, body: Buffer): ReviewOutcome {
    try {
      return reviewRequest(this.engine, endpoint, request, body);
    } catch (error) {
      const outcome = failureResponse(request, endpoint, this.failureMode, error);
      this.metrics.errors.inc({ reason: 'evaluation' });
      this.logger.error('could not evaluate the request', { ...outcome.log, stack: error instanceof Error ? error.stack : undefined });
      return outcome;
    }
  }

  private respond({ response, endpoint, started }: PendingReview, request: AdmissionRequest, outcome: ReviewOutcome): void {
    const text = JSON.stringify(outcome.review);
    response.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
    response.end(text);
    const seconds = (performance.now() - started) / 1000;
    this.metrics.latency.observe({ endpoint }, seconds);
    this.metrics.requests.inc({ endpoint, operation: request.operation, kind: request.kind.kind, decision: outcome.verdict });
    // Errors were logged when decided; the fields of a line nobody writes are not copied.
    if (outcome.verdict !== 'error' && this.logger.enabled('info')) {
      // The outcome is this request's own: its fields take the time too, without a copy.
      outcome.log.ms = Math.round(seconds * 1e5) / 100;
      this.logger.info('admission review', outcome.log);
    }
  }

  private tooLarge(response: ServerResponse, request: IncomingMessage): void {
    // The rest of the body is not read: the connection is closed after the answer.
    this.fail(response, { code: 413, reason: 'too_large', message: `the body is larger than ${this.maxBodyBytes} bytes`, headers: { Connection: 'close' } }, request);
  }

  private internal(response: ServerResponse, error: unknown): void {
    this.logger.error('internal error', { error: error instanceof Error ? error.message : String(error), stack: error instanceof Error ? error.stack : undefined });
    this.fail(response, { code: 500, reason: 'internal', message: 'internal error; the server log has the cause' });
  }

  /** Answers with a `metav1.Status` body: the API server logs its message when the call fails. */
  private fail(response: ServerResponse, answer: ErrorAnswer, request?: IncomingMessage): void {
    this.metrics.errors.inc({ reason: answer.reason });
    this.logger.warn('request refused', { code: answer.code, reason: answer.reason, message: answer.message, method: request?.method, path: request?.url?.split('?')[0] });
    if (response.headersSent) {
      response.destroy();
      return;
    }
    const text = JSON.stringify({ kind: 'Status', apiVersion: 'v1', status: 'Failure', code: answer.code, reason: STATUS_REASONS[answer.code] ?? 'Unknown', message: answer.message });
    response.writeHead(answer.code, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text), ...answer.headers });
    response.end(text);
    // A request whose body is left unread must not be taken for the next request on the connection.
    if (request !== undefined && !request.complete) request.resume();
  }

  private plain(response: ServerResponse, code: number, text: string, type = 'text/plain; charset=utf-8'): void {
    response.writeHead(code, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(text) });
    response.end(text);
  }
}
