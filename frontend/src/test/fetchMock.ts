import { vi } from 'vitest';

export type Handler = (request: Request) => Response | Promise<Response>;

/** A JSON response. */
export function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

/** An RFC 9457 problem response. */
export function problem(status: number, title: string, extra: { detail?: string; errors?: { field: string; message: string }[] } = {}): Response {
  return new Response(JSON.stringify({ type: 'about:blank', title, status, ...extra }), {
    status,
    headers: { 'Content-Type': 'application/problem+json' },
  });
}

export interface FetchMock {
  /** Every request made, in order, already cloned so tests can read bodies. */
  requests: Request[];
  /** Requests to one "METHOD /path". */
  calls: (route: string) => Request[];
}

/**
 * Stubs globalThis.fetch. Routes are "METHOD /path" (no query string); a route may have
 * a list of handlers used in turn (the last repeats). An unknown route fails the test.
 */
export function mockFetch(routes: Record<string, Handler | Handler[]>): FetchMock {
  const requests: Request[] = [];
  const counts = new Map<string, number>();
  const key = (r: Request) => `${r.method} ${new URL(r.url).pathname}`;
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: Request | string | URL, init?: RequestInit) => {
      const request = input instanceof Request ? input : new Request(input, init);
      requests.push(request.clone());
      const route = key(request);
      const handlers = routes[route];
      if (!handlers) throw new Error(`Unexpected request: ${route}`);
      const list = Array.isArray(handlers) ? handlers : [handlers];
      const n = counts.get(route) ?? 0;
      counts.set(route, n + 1);
      const handler = list[Math.min(n, list.length - 1)];
      if (!handler) throw new Error(`No handler for ${route}`);
      return handler(request);
    }),
  );
  return { requests, calls: (route) => requests.filter((r) => key(r) === route) };
}

/** A JSON response carrying the record's version, as the API answers reads and edits of versioned records. */
export function withEtag(body: unknown, etag: string): Response {
  return new Response(JSON.stringify(body), { headers: { 'Content-Type': 'application/json', ETag: etag } });
}
