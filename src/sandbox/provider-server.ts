/**
 * One loopback HTTP server for one provider: logs every request, applies faults, checks auth and
 * hands the rest to the provider's routes. Providers differ only in their ProviderApi.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { once } from 'node:events';
import { performance } from 'node:perf_hooks';
import type { ProviderName } from '../model/desired-state.js';
import type { FaultController } from './sandbox-faults.js';

export interface RoutedRequest {
  readonly method: string;
  /** Decoded path segments, e.g. `['v1', 'organizations', 'acme']`. */
  readonly segments: readonly string[];
  /** The path as sent (still URL-encoded), for building page links. */
  readonly path: string;
  readonly query: URLSearchParams;
  /** Parsed JSON body; undefined when the body is empty. */
  readonly body: unknown;
  /** `http://127.0.0.1:PORT`, for the `next_page_url` links. */
  readonly origin: string;
}

export interface SandboxReply {
  readonly status: number;
  /** Sent as JSON; no body at all when undefined. */
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface ProviderApi {
  readonly provider: ProviderName;
  /** False when the seed has no section for this provider: every request then gets 404. */
  readonly enabled: boolean;
  authorize(authorization: string | undefined): boolean;
  handle(request: RoutedRequest): SandboxReply;
  /** The provider's error envelope for a status, with its default message unless one is given. */
  errorReply(status: number, message?: string): SandboxReply;
}

export interface SandboxRequest {
  readonly provider: ProviderName;
  readonly method: string;
  /** Path without the query string, as sent (still URL-encoded). */
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  /** The answered status, `reset` when the socket was destroyed, null while in flight. */
  readonly status: number | 'reset' | null;
  /** `performance.now()` in this process when the request arrived. */
  readonly startMs: number;
  /** Whether the credentials were the seed's (never the credentials themselves). */
  readonly authValid: boolean;
  /** Parsed JSON body; the raw text when it is not JSON; undefined when empty. */
  readonly body: unknown;
}

type MutableRequest = { -readonly [K in keyof SandboxRequest]: SandboxRequest[K] };

export class ProviderServer {
  private readonly server: Server;
  private readonly timers = new Set<NodeJS.Timeout>();
  private closing: Promise<void> | undefined;
  private origin = '';

  constructor(
    private readonly api: ProviderApi,
    private readonly faults: FaultController,
    private readonly log: SandboxRequest[],
  ) {
    this.server = createServer((req, res) => void this.onRequest(req, res));
  }

  async listen(port: number): Promise<string> {
    this.server.listen(port, '127.0.0.1');
    await once(this.server, 'listening');
    const address = this.server.address();
    if (address === null || typeof address === 'string') throw new Error('sandbox server has no TCP address');
    this.origin = `http://127.0.0.1:${address.port}`;
    return this.origin;
  }

  /** Stops listening and destroys every socket, idle keep-alive ones included. */
  close(): Promise<void> {
    this.closing ??= this.shutDown();
    return this.closing;
  }

  private async shutDown(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    if (!this.server.listening) return;
    const closed = once(this.server, 'close');
    this.server.close();
    this.server.closeAllConnections();
    await closed;
  }

  private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const startMs = performance.now();
    const { provider } = this.api;
    const method = req.method ?? 'GET';
    const url = new URL(req.url ?? '/', this.origin);
    const admission = this.faults.admit(provider, method, url.pathname + url.search, startMs);
    const entry: MutableRequest = {
      provider,
      method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      status: null,
      startMs,
      authValid: this.api.enabled && this.api.authorize(req.headers.authorization),
      body: undefined,
    };
    this.log.push(entry);
    try {
      const body = parseBody(await readBody(req));
      entry.body = body.value;
      await this.delay(this.faults.latencyMs(provider));
      if (this.closing !== undefined) return;
      if (admission.kind === 'fail' && admission.failure.status === 'reset') {
        entry.status = 'reset';
        req.socket.destroy();
        return;
      }
      const reply = this.decide(admission, entry, url, body);
      entry.status = reply.status;
      send(res, reply);
    } catch (error) {
      // The client went away mid-body, or a route threw (a sandbox bug, named in the answer): never crash the sandbox.
      if (res.headersSent || res.destroyed) return;
      const reply = this.api.errorReply(
        500,
        `sandbox error: ${error instanceof Error ? error.message : String(error)}`,
      );
      entry.status = reply.status;
      send(res, reply);
    }
  }

  private decide(
    admission: ReturnType<FaultController['admit']>,
    entry: SandboxRequest,
    url: URL,
    parsed: ParsedBody,
  ): SandboxReply {
    if (admission.kind === 'rate-limited') return { ...this.api.errorReply(429), headers: admission.headers };
    if (admission.kind === 'fail' && admission.failure.status !== 'reset') {
      const { status, body, headers } = admission.failure;
      return { status, body: body ?? this.api.errorReply(status).body, headers: headers ?? {} };
    }
    if (!this.api.enabled) return this.api.errorReply(404);
    if (!entry.authValid) return this.api.errorReply(401);
    if (!parsed.ok) return this.api.errorReply(400, 'request body is not valid JSON');
    const segments = decodeSegments(url.pathname);
    if (segments === undefined) return this.api.errorReply(404);
    return this.api.handle({
      method: entry.method,
      segments,
      path: url.pathname,
      query: url.searchParams,
      body: parsed.value,
      origin: this.origin,
    });
  }

  private delay(ms: number): Promise<void> {
    if (ms <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        resolve();
      }, ms);
      this.timers.add(timer);
    });
  }
}

interface ParsedBody {
  readonly ok: boolean;
  readonly value: unknown;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function parseBody(text: string): ParsedBody {
  if (text.trim() === '') return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, value: text };
  }
}

function decodeSegments(pathname: string): string[] | undefined {
  try {
    return pathname
      .split('/')
      .filter((segment) => segment !== '')
      .map(decodeURIComponent);
  } catch {
    return undefined;
  }
}

function send(res: ServerResponse, reply: SandboxReply): void {
  if (reply.body === undefined) {
    res.writeHead(reply.status, { ...reply.headers, 'content-length': '0' });
    res.end();
    return;
  }
  const text = JSON.stringify(reply.body);
  res.writeHead(reply.status, {
    ...reply.headers,
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(text)),
  });
  res.end(text);
}
