/**
 * The sync server's HTTP surface (plain node:http; docs/sync-server.md has the protocol):
 *
 *   GET  /v1/health                        unsigned: is the server and its database up
 *   GET  /v1/processes                     the processes the signing key is registered in
 *   GET  /v1/processes/:id/events?after=N  pull: the events after seq N
 *   POST /v1/processes/:id/events          push: new events on a base head
 *   GET  /v1/processes/:id/live            Server-Sent Events: `head` whenever the log grows
 *
 * Every answer is JSON (or an event stream); an error is `{ "error": code, … }` with a code from
 * the protocol and never a stack trace; every request is logged as one JSON line.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { LoggedEvent } from '../domain/chain.ts';
import { COMMAND_PARSE, schemaIssues } from '../domain/schema-reasons.ts';
import {
  type ErrorBody,
  HEADERS,
  type Head,
  MAX_EVENTS_PER_PULL,
  PROTOCOL_VERSION,
  PushRequest,
  type PushResponse,
  readBody,
  type SignatureHeaders,
  type SyncErrorCode,
} from '../domain/sync/protocol.ts';
import type { ServerConfig } from './config.ts';
import type { LiveHeads } from './live-heads.ts';
import type { LogStore } from './log-store.ts';
import type { LogFields, Logger } from './logger.ts';
import { RateLimiter } from './rate-limit.ts';
import { type AuthFailure, RequestAuth, type SignedRequest, signatureHeaders } from './request-auth.ts';

export interface SyncServerParts {
  store: LogStore;
  live: LiveHeads;
  config: Pick<ServerConfig, 'maxBodyBytes' | 'rateLimit' | 'maxStreamsPerKey' | 'trustProxy' | 'corsOrigins'>;
  logger: Logger;
  now?: () => number;
}

/** An answer to send: status and JSON body, or an error code with its details. */
type Answer = { status: number; body: unknown; raw?: string; headers?: Record<string, string> };

const PROCESS_PATH = /^\/v1\/processes\/([A-Za-z0-9][A-Za-z0-9_-]{0,99})\/(events|live)$/;

function errorAnswer(status: number, code: SyncErrorCode, details: Omit<ErrorBody, 'error'> = {}): Answer {
  return { status, body: { error: code, ...details } };
}

const fromAuth = (failure: AuthFailure): Answer => errorAnswer(failure.status, failure.code);

export function createSyncServer(parts: SyncServerParts): Server {
  const { store, live, config, logger } = parts;
  const now = parts.now ?? Date.now;
  const auth = new RequestAuth(store.db, now);
  const perKey = new RateLimiter(config.rateLimit.rate, config.rateLimit.burst, now);
  const perAddress = new RateLimiter(config.rateLimit.rate * 4, config.rateLimit.burst * 4, now);
  const streamsPerKey = new Map<string, number>();

  const addressOf = (req: IncomingMessage) => {
    const forwarded = config.trustProxy
      ? String(req.headers['x-forwarded-for'] ?? '')
          .split(',')[0]
          ?.trim()
      : '';
    return forwarded || req.socket.remoteAddress || 'unknown';
  };

  /** Reads the body up to the limit; null when it is larger (the request is then answered 413). */
  const readRequestBody = (req: IncomingMessage): Promise<Uint8Array | null> =>
    new Promise((resolve, reject) => {
      const declared = Number(req.headers['content-length'] ?? 0);
      if (declared > config.maxBodyBytes) {
        resolve(null);
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      req.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > config.maxBodyBytes) {
          resolve(null);
          req.pause();
          return;
        }
        chunks.push(chunk);
      });
      req.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
      req.on('error', reject);
    });

  async function handle(req: IncomingMessage, res: ServerResponse, fields: LogFields): Promise<Answer | null> {
    const method = req.method ?? 'GET';
    const url = new URL(req.url ?? '/', 'http://server');
    const path = req.url ?? '/';
    if (url.pathname === '/v1/health') {
      if (method !== 'GET') return errorAnswer(405, 'methodNotAllowed');
      await store.db.query('SELECT 1');
      return { status: 200, body: { ok: true, protocol: PROTOCOL_VERSION } };
    }
    const address = addressOf(req);
    fields.address = address;
    const addressWait = perAddress.take(address);
    if (addressWait > 0) return errorAnswer(429, 'rateLimited', { retryAfter: addressWait });

    const route = url.pathname === '/v1/processes' ? { kind: 'list' as const } : matchProcess(url.pathname);
    if (!route) return errorAnswer(404, 'notFound');
    const expected = route.kind === 'events' ? ['GET', 'POST'] : ['GET'];
    if (!expected.includes(method)) return errorAnswer(405, 'methodNotAllowed');

    const body = method === 'POST' ? await readRequestBody(req) : new Uint8Array();
    if (!body) return { ...errorAnswer(413, 'tooLarge', { limit: config.maxBodyBytes }), headers: { connection: 'close' } };
    const signed = signatureHeaders(req.headers);
    if (!signed.ok) return fromAuth(signed.failure);
    fields.keyId = signed.value.keyId;
    const request: SignedRequest = { method, path, headers: req.headers, body };

    if (route.kind === 'list') {
      const key = await auth.keyAnywhere(signed.value.keyId);
      if (!key.ok) return fromAuth(key.failure);
      const refused = await authorise(request, signed.value, key.publicKey);
      if (refused) return refused;
      return { status: 200, body: { processes: await processesOf(signed.value.keyId) } };
    }

    fields.processId = route.processId;
    if (route.kind === 'events' && method === 'POST') return push(route.processId, request, signed.value);
    const key = await auth.keyInProcess(route.processId, signed.value.keyId);
    if (!key.ok) return fromAuth(key.failure);
    const refused = await authorise(request, signed.value, key.publicKey);
    if (refused) return refused;
    if (route.kind === 'events') return pull(route.processId, url);
    await stream(route.processId, signed.value.keyId, req, res);
    return null;
  }

  /**
   * The signature, timestamp and nonce, then the key's rate limit: counted only for requests the
   * key really signed, so that no one can use up another person's limit by naming their key.
   */
  async function authorise(request: SignedRequest, signed: SignatureHeaders, publicKey: string): Promise<Answer | null> {
    const failed = await auth.verify(request, signed, publicKey);
    if (failed) return fromAuth(failed);
    const wait = perKey.take(signed.keyId);
    return wait > 0 ? errorAnswer(429, 'rateLimited', { retryAfter: wait }) : null;
  }

  async function processesOf(keyId: string) {
    const { rows } = await store.db.query<{ process_id: string; head_seq: number; head_hash: string; person_id: string }>(
      `SELECT p.process_id, p.head_seq, p.head_hash, k.person_id FROM process_keys k JOIN processes p USING (process_id)
       WHERE k.key_id = $1 AND k.revoked_at IS NULL ORDER BY p.process_id`,
      [keyId],
    );
    return rows.map((r) => ({ processId: r.process_id, head: { seq: r.head_seq, hash: r.head_hash }, personId: r.person_id }));
  }

  async function pull(processId: string, url: URL): Promise<Answer> {
    const after = url.searchParams.get('after') ?? '0';
    const limit = url.searchParams.get('limit') ?? String(MAX_EVENTS_PER_PULL);
    if (!/^\d{1,9}$/.test(after) || !/^\d{1,4}$/.test(limit) || Number(limit) < 1) return errorAnswer(400, 'badRequest');
    const json = await store.pullJson(processId, Number(after), Math.min(Number(limit), MAX_EVENTS_PER_PULL));
    return json === null ? errorAnswer(404, 'processNotFound') : { status: 200, body: null, raw: json };
  }

  async function push(processId: string, request: SignedRequest, signed: SignatureHeaders): Promise<Answer> {
    const read = readBody(request.body, PushRequest, config.maxBodyBytes);
    if (!read.ok) {
      const { problem } = read;
      if (problem.code === 'tooLarge') return errorAnswer(413, 'tooLarge', { limit: problem.limit });
      return problem.code === 'malformedJson'
        ? errorAnswer(400, 'malformedJson', { problem: problem.problem })
        : errorAnswer(400, 'schema', { issues: problem.issues });
    }
    const raw = (read.json as { events: unknown[] }).events;
    const { base, invitation } = read.value;
    const events: LoggedEvent[] = [];
    for (const [index, value] of raw.entries()) {
      const parsed = LoggedEvent.safeParse(value, COMMAND_PARSE);
      if (!parsed.success) return errorAnswer(422, 'refused', { index, problem: { code: 'schema', issues: schemaIssues(parsed.error) } });
      // Stored and hashed as sent: the schema has no defaults or transforms, only checks.
      events.push(value as LoggedEvent);
    }
    const firstSeq = (base?.seq ?? 0) + 1;
    if (events.some((event, i) => event.seq !== firstSeq + i)) return errorAnswer(400, 'notContiguous');

    // The key that signed: registered in the log already, or, for a log new to the server, in the pushed events.
    let publicKey: string;
    let newProcessOnly = false;
    const known = await auth.keyInProcess(processId, signed.keyId);
    if (known.ok) publicKey = known.publicKey;
    else if (base === null && invitation !== undefined && known.failure.code !== 'keyRevoked') {
      const opening = events[0];
      if (opening?.type !== 'ProcessOpened' || opening.payload.processId !== processId) return errorAnswer(400, 'badRequest');
      const registered = registeredKey(events, signed.keyId);
      if (!registered) return fromAuth(known.failure);
      publicKey = registered;
      newProcessOnly = true;
    } else return fromAuth(known.failure);
    const refused = await authorise(request, signed, publicKey);
    if (refused) return refused;

    const outcome = await store.push({ processId, base, events, invitation }, signed.keyId, newProcessOnly);
    if (outcome.ok) {
      const answer: PushResponse = { processId, head: outcome.head, appended: outcome.appended, duplicates: outcome.duplicates };
      return { status: outcome.appended > 0 && base === null ? 201 : 200, body: answer };
    }
    switch (outcome.code) {
      case 'headMoved':
        return errorAnswer(409, 'headMoved', { head: outcome.head });
      case 'processNotFound':
        return errorAnswer(404, 'processNotFound');
      case 'invitationInvalid':
        return errorAnswer(403, 'invitationInvalid');
      case 'keyRevoked':
        return errorAnswer(403, 'keyRevoked');
      case 'refused':
        return errorAnswer(422, 'refused', { index: outcome.index, eventId: outcome.eventId, seq: outcome.seq, problem: outcome.problem });
    }
  }

  async function stream(processId: string, keyId: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const open = streamsPerKey.get(keyId) ?? 0;
    if (open >= config.maxStreamsPerKey) {
      send(res, errorAnswer(429, 'rateLimited', { retryAfter: 5 }));
      return;
    }
    streamsPerKey.set(keyId, open + 1);
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', 'x-accel-buffering': 'no' });
    // Heads only ever grow: a notice that arrives late (the database delivers them after commit,
    // perhaps after the current head was read) is not sent again.
    let sent = 0;
    const write = (head: Head) => {
      if (head.seq <= sent) return;
      sent = head.seq;
      res.write(`event: head\ndata: ${JSON.stringify({ processId, head })}\n\n`);
    };
    // The log that grew may have revoked this very key: then the stream ends, and reconnecting
    // is refused. Asked once per new head, which is rare next to the requests of a push.
    const unsubscribe = live.subscribe(processId, (notice) => {
      auth.keyInProcess(processId, keyId).then(
        (key) => (key.ok ? write(notice.head) : res.end()),
        () => res.end(),
      );
    });
    const current = await store.head(processId);
    if (current) write(current);
    // A comment now and then keeps proxies from closing a quiet stream.
    const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), 25_000);
    req.on('close', () => {
      clearInterval(keepAlive);
      unsubscribe();
      streamsPerKey.set(keyId, (streamsPerKey.get(keyId) ?? 1) - 1);
    });
  }

  function send(res: ServerResponse, answer: Answer): void {
    const text = answer.raw ?? JSON.stringify(answer.body);
    res.writeHead(answer.status, {
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      ...(answer.status === 429 ? { 'retry-after': String((answer.body as { retryAfter?: number }).retryAfter ?? 1) } : {}),
      ...answer.headers,
    });
    res.end(text);
  }

  /**
   * The app in a browser on another origin may call the server if the operator named that origin.
   * Answers a preflight; true when the request is done with that.
   */
  function allowOrigin(req: IncomingMessage, res: ServerResponse): boolean {
    const origin = req.headers.origin;
    if (!origin || !config.corsOrigins.includes(origin)) return false;
    res.setHeader('access-control-allow-origin', origin);
    res.setHeader('vary', 'Origin');
    res.setHeader('access-control-expose-headers', 'retry-after');
    if (req.method !== 'OPTIONS') return false;
    res.writeHead(204, {
      'access-control-allow-methods': 'GET, POST',
      'access-control-allow-headers': [...Object.values(HEADERS), 'content-type'].join(', '),
      'access-control-max-age': '600',
    });
    res.end();
    return true;
  }

  return createServer((req, res) => {
    if (allowOrigin(req, res)) return;
    const started = performance.now();
    const fields: LogFields = { method: req.method, path: (req.url ?? '').split('?')[0] };
    handle(req, res, fields)
      .catch((error: unknown) => {
        // The reason goes to the log, never to the client.
        logger.error('request failed', { ...fields, error: error instanceof Error ? error.message : String(error) });
        return errorAnswer(500, 'internal');
      })
      .then((answer) => {
        if (answer) {
          if (!res.headersSent) send(res, answer);
          const code = (answer.body as { error?: string } | null)?.error;
          logger.info('request', { ...fields, status: answer.status, code, ms: Math.round(performance.now() - started) });
        } else logger.info('stream opened', { ...fields, status: 200 });
      });
  });
}

function matchProcess(pathname: string): { kind: 'events' | 'live'; processId: string } | null {
  const match = PROCESS_PATH.exec(pathname);
  return match ? { kind: match[2] as 'events' | 'live', processId: match[1] as string } : null;
}

/** The public key that the pushed events register under `keyId`, if any. */
function registeredKey(events: readonly LoggedEvent[], keyId: string): string | null {
  for (const event of events) {
    const key =
      event.type === 'ProcessOpened'
        ? event.payload.founder.key
        : event.type === 'PersonRegistered' || event.type === 'KeyRegistered'
          ? event.payload.key
          : null;
    if (key && key.keyId === keyId) return key.publicKey;
  }
  return null;
}
