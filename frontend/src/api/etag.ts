import { ApiError, unwrap } from './problem';

/** A record with the `ETag` its GET (or last change) answered with: sent back as `If-Match` on an edit. */
export interface Versioned<T> {
  record: T;
  /** null when the API sends no ETag for this record. */
  etag: string | null;
}

export const STALE_CHANGE_MESSAGE = 'Someone else has changed this since you opened it — reload to see their changes.';

/** Unwraps an openapi-fetch result and keeps its ETag. */
export function versioned<T>(result: { data?: T; error?: unknown; response: Response }): Versioned<T> {
  return { record: unwrap(result), etag: result.response.headers.get('ETag') };
}

/** The If-Match header for a change, or none when the record came without an ETag. */
export function ifMatch(etag: string | null): Record<string, string> {
  return etag ? { 'If-Match': etag } : {};
}

/**
 * Unwraps the answer to a change. A 412 (someone else changed it first) becomes an ApiError that
 * says so in words, with no field errors, so forms show it in their error summary.
 */
export function versionedChange<T>(result: { data?: T; error?: unknown; response: Response }): Versioned<T> {
  try {
    return versioned(result);
  } catch (error) {
    if (error instanceof ApiError && error.status === 412) {
      throw new ApiError({ title: 'Precondition Failed', status: 412, detail: STALE_CHANGE_MESSAGE });
    }
    throw error;
  }
}
