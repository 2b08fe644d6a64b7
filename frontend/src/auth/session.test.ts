import { afterEach, describe, expect, it, vi } from 'vitest';
import { json, mockFetch, problem } from '../test/fetchMock';
import { tokens } from '../test/fixtures';
import { clearSession, getAccessToken, onSessionChange, REFRESH_TOKEN_KEY, refreshDelaySeconds, signIn } from './session';

afterEach(() => clearSession());

describe('session', () => {
  it('refreshes a minute before expiry, or a quarter of a short lifetime', () => {
    expect(refreshDelaySeconds(900)).toBe(840);
    expect(refreshDelaySeconds(60)).toBe(45);
  });

  it('refreshes silently before the access token expires, rotating the refresh token', async () => {
    vi.useFakeTimers();
    const fetch = mockFetch({ 'POST /api/v1/auth/token': [() => json(tokens(1, 300)), () => json(tokens(2, 300))] });
    await signIn('priya.shah@example.org', 'pw');
    expect(getAccessToken()).toBe('access-1');

    await vi.advanceTimersByTimeAsync(239_000);
    expect(fetch.calls('POST /api/v1/auth/token')).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(fetch.calls('POST /api/v1/auth/token')).toHaveLength(2);
    expect(getAccessToken()).toBe('access-2');
    expect(sessionStorage.getItem(REFRESH_TOKEN_KEY)).toBe('refresh-2');
  });

  it('ends the session when the timed refresh is refused', async () => {
    vi.useFakeTimers();
    mockFetch({ 'POST /api/v1/auth/token': [() => json(tokens(1, 300)), () => problem(400, 'Invalid grant')] });
    const events: string[] = [];
    const stop = onSessionChange((event) => events.push(event));
    await signIn('priya.shah@example.org', 'pw');
    await vi.advanceTimersByTimeAsync(240_000);
    stop();
    expect(events).toEqual(['signed-in', 'ended']);
    expect(getAccessToken()).toBeNull();
    expect(sessionStorage.getItem(REFRESH_TOKEN_KEY)).toBeNull();
  });
});
