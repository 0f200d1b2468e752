/**
 * A tiny HTTP server on 127.0.0.1, port 0, that answers from a script and records every request it
 * sees with the time it arrived: the server-side view the HTTP edge's promises are about.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SeenRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
  /** Date.now() when the request arrived. */
  readonly at: number;
  /** performance.now() when the request arrived, for window counting. */
  readonly atHr: number;
}

export interface Reply {
  readonly status?: number;
  /** An object is sent as JSON; a string as it is. */
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
  readonly delayMs?: number;
  /** Destroy the socket instead of answering: the client sees ECONNRESET. */
  readonly reset?: boolean;
}

export type Script = (request: SeenRequest, index: number) => Reply | Promise<Reply>;

export interface ScriptedServer {
  readonly origin: string;
  readonly requests: SeenRequest[];
  /** The most requests the server was handling at once. */
  readonly maxInFlight: () => number;
  close(): Promise<void>;
}

export async function startScriptedServer(script: Script): Promise<ScriptedServer> {
  const requests: SeenRequest[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const server = http.createServer((req, res) => {
    const at = Date.now();
    const atHr = performance.now();
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const seen = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString(),
        at,
        atHr,
      };
      requests.push(seen);
      void Promise.resolve(script(seen, requests.length - 1)).then(async (reply) => {
        if (reply.delayMs !== undefined) await new Promise((resolve) => setTimeout(resolve, reply.delayMs));
        inFlight -= 1;
        if (reply.reset === true) {
          req.socket.destroy();
          return;
        }
        const body =
          reply.body === undefined ? '' : typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
        const type = typeof reply.body === 'string' ? 'text/plain' : 'application/json';
        res.writeHead(reply.status ?? 200, { 'content-type': type, ...reply.headers });
        res.end(body);
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    maxInFlight: () => maxInFlight,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The most request arrivals in any window of `windowMs`, from server-side timestamps. */
export function maxStartsInWindow(requests: readonly SeenRequest[], windowMs: number): number {
  const times = requests.map((request) => request.atHr).sort((a, b) => a - b);
  let most = 0;
  for (let first = 0, last = 0; last < times.length; last += 1) {
    while ((times[last] ?? 0) - (times[first] ?? 0) >= windowMs) first += 1;
    most = Math.max(most, last - first + 1);
  }
  return most;
}
