import createClient from 'openapi-fetch';
import type { paths } from './schema';

export type { paths };

/** A fetch that openapi-fetch can call; tests stub globalThis.fetch underneath it. */
export type FetchLike = (request: Request) => Promise<Response>;

const plainFetch: FetchLike = (request) => globalThis.fetch(request);

/** A typed client for the API at the same origin (the dev server proxies /api). */
export function createApiClient(fetchImpl: FetchLike = plainFetch) {
  return createClient<paths>({ baseUrl: globalThis.location.origin, fetch: fetchImpl });
}

export type ApiClient = ReturnType<typeof createApiClient>;

/** For the public pages and the token endpoints: never sends a staff token. */
export const publicApi = createApiClient();
