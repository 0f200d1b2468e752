import type { RoutedRequest, SandboxReply } from './provider-server.js';

/** Thrown by a route to answer with an error; the table turns it into the reply. */
export class ReplyError extends Error {
  constructor(readonly reply: SandboxReply) {
    super(`sandbox reply ${reply.status}`);
  }
}

export type Params = Readonly<Record<string, string>>;
export type RouteHandler = (params: Params, request: RoutedRequest) => SandboxReply;

interface Route {
  readonly method: string;
  readonly pattern: readonly string[];
  readonly handler: RouteHandler;
}

/** Routes like `GET /v1/organizations/:org`; a `:name` segment captures the decoded segment. */
export class RouteTable {
  private readonly routes: Route[] = [];

  add(method: string, pattern: string, handler: RouteHandler): this {
    this.routes.push({ method, pattern: pattern.split('/').filter((part) => part !== ''), handler });
    return this;
  }

  /** Undefined when no route matches (the caller answers its provider's 404). */
  dispatch(request: RoutedRequest): SandboxReply | undefined {
    for (const route of this.routes) {
      if (route.method !== request.method) continue;
      const params = match(route.pattern, request.segments);
      if (params === undefined) continue;
      try {
        return route.handler(params, request);
      } catch (error) {
        if (error instanceof ReplyError) return error.reply;
        throw error;
      }
    }
    return undefined;
  }
}

function match(pattern: readonly string[], segments: readonly string[]): Params | undefined {
  if (pattern.length !== segments.length) return undefined;
  const params: Record<string, string> = {};
  for (const [index, part] of pattern.entries()) {
    const segment = segments[index] ?? '';
    if (part.startsWith(':')) params[part.slice(1)] = segment;
    else if (part !== segment) return undefined;
  }
  return params;
}
