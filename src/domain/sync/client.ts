/**
 * The app's side of the sync protocol, with nothing of the app in it: signed requests through
 * `fetch`, every answer read through the strict JSON reader and its schema. Results are values
 * (the outbox decides what a refusal or a moved head means), never exceptions; a server that
 * cannot be reached is `{ ok: false, status: 0, error: 'network' }`.
 */
import type * as z from 'zod/mini';
import type { LoggedEvent } from '../chain.ts';
import { utf8 } from '../crypto/encoding.ts';
import type { SigningKey } from '../crypto/keys.ts';
import type { Sha256Hex } from '../crypto/sha256.ts';
import {
  ErrorBody,
  type Head,
  HeadNotice,
  ProcessList,
  PullResponse,
  type PushRequest,
  PushResponse,
  readBody,
  signRequest,
} from './protocol.ts';

/** Answers are larger than pushes: a pull of 1,000 events. */
const MAX_ANSWER_BYTES = 16 * 1024 * 1024;

export type SyncResult<T> =
  | { ok: true; status: number; value: T; error?: undefined; body?: undefined }
  /** `error` is the server's code, `network` when it was not reached, `badAnswer` when its answer was unreadable. */
  | { ok: false; status: number; error: string; body: ErrorBody | null };

export interface SyncClientOptions {
  /** The server's address, e.g. https://sync.example.de (no trailing slash needed). */
  baseUrl: string;
  /** The device key of a person registered in the processes this client syncs. */
  key: SigningKey;
  sha256: Sha256Hex;
  fetch?: typeof fetch;
  now?: () => number;
}

export class SyncClient {
  private readonly baseUrl: string;
  private readonly fetchImpl: typeof fetch;
  private readonly now: () => number;

  constructor(private readonly options: SyncClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.fetchImpl = options.fetch ?? ((...args) => fetch(...args));
    this.now = options.now ?? Date.now;
  }

  /** The processes this key is registered in, with their heads on the server. */
  listProcesses(): Promise<SyncResult<ProcessList>> {
    return this.request('GET', '/v1/processes', null, ProcessList);
  }

  /** The events after `after` (0 for the whole log); ask again while `more`. */
  pull(processId: string, after: number): Promise<SyncResult<PullResponse>> {
    // The events as they were written, not as the schema rebuilt them (as parseBundle keeps them):
    // the same values, with their members in the order they were recorded.
    const asWritten = (value: PullResponse, json: unknown) => ({ ...value, events: (json as { events: PullResponse['events'] }).events });
    return this.request('GET', `/v1/processes/${encodeURIComponent(processId)}/events?after=${after}`, null, PullResponse, asWritten);
  }

  /**
   * Pushes `events` built on `base` (null, with an invitation code, for a log the server does not
   * hold yet). A 409 `headMoved` carries the server's head: pull, rebase, push again.
   */
  push(processId: string, base: Head | null, events: readonly LoggedEvent[], invitation?: string): Promise<SyncResult<PushResponse>> {
    const body: PushRequest = { base, events: [...events], ...(invitation === undefined ? {} : { invitation }) };
    return this.request('POST', `/v1/processes/${encodeURIComponent(processId)}/events`, body, PushResponse);
  }

  /**
   * Follows the live stream of a process: `onHead` for the current head and every new one, until
   * `signal` aborts or the stream ends (the caller reconnects with backoff). EventSource cannot
   * send the signature headers, so the stream is read through fetch.
   */
  async live(processId: string, onHead: (notice: HeadNotice) => void, signal: AbortSignal): Promise<SyncResult<null>> {
    const path = `/v1/processes/${encodeURIComponent(processId)}/live`;
    const response = await this.send('GET', path, new Uint8Array(), signal);
    if (!('status' in response)) return response.failure;
    if (response.status !== 200 || !response.body) return this.failure(response);
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        let end = buffer.indexOf('\n\n');
        while (end >= 0) {
          const notice = parseServerEvent(buffer.slice(0, end));
          if (notice) onHead(notice);
          buffer = buffer.slice(end + 2);
          end = buffer.indexOf('\n\n');
        }
      }
    } catch {
      if (!signal.aborted) return { ok: false, status: 0, error: 'network', body: null };
    }
    return { ok: true, status: 200, value: null };
  }

  private async send(
    method: string,
    path: string,
    body: Uint8Array,
    signal?: AbortSignal,
  ): Promise<Response | { failure: SyncResult<never> }> {
    const headers = await signRequest(this.options.key, { method, path, body }, this.now(), this.options.sha256);
    try {
      return await this.fetchImpl(this.baseUrl + path, {
        method,
        headers: { ...headers, ...(method === 'POST' ? { 'content-type': 'application/json' } : {}) },
        ...(method === 'POST' ? { body: body as Uint8Array<ArrayBuffer> } : {}),
        ...(signal ? { signal } : {}),
      });
    } catch {
      return { failure: { ok: false, status: 0, error: 'network', body: null } };
    }
  }

  private async request<T>(
    method: string,
    path: string,
    body: unknown,
    schema: z.ZodMiniType<T>,
    finish: (value: T, json: unknown) => T = (value) => value,
  ): Promise<SyncResult<T>> {
    const bytes = body === null ? new Uint8Array() : utf8(JSON.stringify(body));
    const response = await this.send(method, path, bytes);
    if (!('status' in response)) return response.failure;
    if (!response.ok) return this.failure(response);
    const answer = await readAnswer(response);
    if (!answer) return { ok: false, status: response.status, error: 'badAnswer', body: null };
    const read = readBody(answer, schema, MAX_ANSWER_BYTES);
    return read.ok
      ? { ok: true, status: response.status, value: finish(read.value, read.json) }
      : { ok: false, status: response.status, error: 'badAnswer', body: null };
  }

  private async failure(response: Response): Promise<SyncResult<never>> {
    const answer = await readAnswer(response);
    const read = answer ? readBody(answer, ErrorBody, MAX_ANSWER_BYTES) : null;
    if (!read?.ok) return { ok: false, status: response.status, error: 'badAnswer', body: null };
    return { ok: false, status: response.status, error: read.value.error, body: read.value };
  }
}

async function readAnswer(response: Response): Promise<Uint8Array | null> {
  try {
    return new Uint8Array(await response.arrayBuffer());
  } catch {
    return null;
  }
}

/** One Server-Sent Event block: a `head` notice, or null for comments and other events. */
export function parseServerEvent(block: string): HeadNotice | null {
  let event = 'message';
  const data: string[] = [];
  for (const line of block.split('\n')) {
    if (line.startsWith('event:')) event = line.slice(6).trim();
    else if (line.startsWith('data:')) data.push(line.slice(5).trimStart());
  }
  if (event !== 'head' || data.length === 0) return null;
  const read = readBody(utf8(data.join('\n')), HeadNotice, 4096);
  return read.ok ? read.value : null;
}
