/**
 * The staff session: the access token lives only in memory, the refresh token in
 * sessionStorage (so a reload in the same tab stays signed in, a new tab does not).
 * The access token is refreshed shortly before it expires and once on a 401.
 */
import { publicApi } from '../api/client';
import { unwrap } from '../api/problem';
import type { TokenResponse } from '../api/types';

export const REFRESH_TOKEN_KEY = 'safeguarding-reviews.refresh-token';

export type SessionEvent = 'signed-in' | 'signed-out' | 'ended';
type Listener = (event: SessionEvent) => void;

let accessToken: string | null = null;
let refreshTimer: ReturnType<typeof setTimeout> | undefined;
let refreshing: Promise<boolean> | null = null;
const listeners = new Set<Listener>();

function emit(event: SessionEvent): void {
  for (const listener of listeners) listener(event);
}

export function onSessionChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function getAccessToken(): string | null {
  return accessToken;
}

export function getRefreshToken(): string | null {
  return sessionStorage.getItem(REFRESH_TOKEN_KEY);
}

/** Seconds before expiry to refresh: a minute, or a quarter of a short lifetime. */
export function refreshDelaySeconds(expiresIn: number): number {
  const margin = Math.min(60, expiresIn / 4);
  return Math.max(1, expiresIn - margin);
}

function store(tokens: TokenResponse): void {
  accessToken = tokens.access_token;
  // People always get a refresh token; without one the session simply ends at expiry.
  if (tokens.refresh_token) sessionStorage.setItem(REFRESH_TOKEN_KEY, tokens.refresh_token);
  else sessionStorage.removeItem(REFRESH_TOKEN_KEY);
  clearTimeout(refreshTimer);
  refreshTimer = setTimeout(() => void refreshSession(), refreshDelaySeconds(tokens.expires_in) * 1000);
}

export function clearSession(): void {
  accessToken = null;
  clearTimeout(refreshTimer);
  refreshTimer = undefined;
  sessionStorage.removeItem(REFRESH_TOKEN_KEY);
}

/** Signs in with email and password; throws ApiError (400 problem) when refused. */
export async function signIn(username: string, password: string): Promise<void> {
  const tokens = unwrap(
    await publicApi.POST('/api/v1/auth/token', {
      body: { grant_type: 'password', username, password },
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    }),
  );
  store(tokens);
  emit('signed-in');
}

/**
 * Swaps the refresh token for new tokens (the old refresh token dies). Concurrent
 * callers share one request. On failure the session ends and listeners hear 'ended'.
 */
export function refreshSession(): Promise<boolean> {
  refreshing ??= (async () => {
    const refreshToken = getRefreshToken();
    if (!refreshToken) return false;
    try {
      const result = await publicApi.POST('/api/v1/auth/token', {
        body: { grant_type: 'refresh_token', refresh_token: refreshToken },
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      });
      store(unwrap(result));
      return true;
    } catch {
      clearSession();
      emit('ended');
      return false;
    }
  })().finally(() => {
    refreshing = null;
  });
  return refreshing;
}

/** Revokes the refresh token (best effort) and forgets the session. */
export async function signOut(): Promise<void> {
  const token = getRefreshToken();
  clearSession();
  if (token) {
    try {
      await publicApi.POST('/api/v1/auth/revoke', {
        body: { token },
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      });
    } catch {
      // The token is forgotten here either way; it expires on the server.
    }
  }
  emit('signed-out');
}

function withBearer(request: Request): Request {
  if (accessToken) request.headers.set('Authorization', `Bearer ${accessToken}`);
  return request;
}

/** The fetch under the staff API client: adds the bearer token, refreshes once on a 401. */
export async function authFetch(request: Request): Promise<Response> {
  const retry = request.clone();
  const sentWith = accessToken;
  const response = await globalThis.fetch(withBearer(request));
  if (response.status !== 401 || !getRefreshToken()) return response;
  // Another request may already have refreshed while this one was in flight.
  const fresh = (accessToken !== null && accessToken !== sentWith) || (await refreshSession());
  return fresh ? globalThis.fetch(withBearer(retry)) : response;
}
