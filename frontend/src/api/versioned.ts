import type { QueryClient, QueryKey } from '@tanstack/react-query';
import { ApiError, unwrap } from './problem';

/**
 * A record several people edit, with the version it was read at. The API answers every read with an ETag;
 * an edit must send it back as If-Match. Without it the API refuses the edit (428); if someone else changed the
 * record since, it refuses it with 412 and changes nothing.
 */
export interface Versioned<T> {
  record: T;
  /** The ETag the API answered with, sent back as If-Match on the next edit; null when it sent none. */
  etag: string | null;
}

/** An openapi-fetch result as the record and its ETag; throws an ApiError like `unwrap`. */
export function versioned<T>(result: { data?: T; error?: unknown; response: Response }): Versioned<T> {
  return { record: unwrap(result), etag: result.response.headers.get('ETag') };
}

/** The If-Match header for an edit of the version read. */
export function ifMatch(etag: string | null): Record<string, string> {
  return etag ? { 'If-Match': etag } : {};
}

/** The If-Match parameter of an edit that requires one (the API answers 428 to an empty one, as to none). */
export function ifMatchParam(etag: string | null): { 'If-Match': string } {
  return { 'If-Match': etag ?? '' };
}

/** What to tell a person whose edit was refused because someone else changed `what` first. */
export function staleMessage(what: string): string {
  return `Someone else changed this ${what} since you opened it. Reload the page to see their changes, then make yours again.`;
}

/**
 * A 412 (stale If-Match) as a message a person can act on; other errors unchanged. The field errors are dropped,
 * so forms show the message itself rather than the API's "header.If-Match: stale".
 */
export function explainStale(error: unknown, what: string): unknown {
  if (error instanceof ApiError && error.status === 412) {
    return new ApiError({ ...error.problem, detail: staleMessage(what), errors: [] });
  }
  return error;
}

/** Runs an edit; a 412 comes back as `explainStale` describes. */
export async function editing<T>(what: string, edit: () => Promise<T>): Promise<T> {
  try {
    return await edit();
  } catch (error) {
    throw explainStale(error, what);
  }
}

/** The answer to an edit as the record and its new ETag; a 412 becomes `explainStale`'s message. */
export function versionedChange<T>(result: { data?: T; error?: unknown; response: Response }, what: string): Versioned<T> {
  try {
    return versioned(result);
  } catch (error) {
    throw explainStale(error, what);
  }
}

/**
 * The ETag to edit a record with: the one of the read in flight (the record being read again after a change of
 * its own, such as an added entry, which gave it a new version) once it lands, else the one on screen. Sending the
 * version on screen while that read was on its way was refused as if someone else had changed the record.
 */
export async function currentEtag<T>(client: QueryClient, key: QueryKey, shown: Versioned<T> | undefined): Promise<string | null> {
  if (client.isFetching({ queryKey: key, exact: true })) await client.refetchQueries({ queryKey: key, exact: true });
  return (client.getQueryData<Versioned<T>>(key) ?? shown)?.etag ?? null;
}
