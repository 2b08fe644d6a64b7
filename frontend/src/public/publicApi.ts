import { publicApi } from '../api/client';
import { unwrap } from '../api/problem';
import type { SignUpCreate, SignUpUpdate } from '../api/types';

export async function fetchEvent(token: string) {
  return unwrap(await publicApi.GET('/api/v1/public/events/{token}', { params: { path: { token } } }));
}

export async function createSignUp(token: string, body: SignUpCreate) {
  return unwrap(await publicApi.POST('/api/v1/public/events/{token}', { params: { path: { token } }, body }));
}

export async function fetchSignUp(manageToken: string) {
  return unwrap(
    await publicApi.GET('/api/v1/public/sign-ups/{token}', { params: { path: { token: manageToken } } }),
  );
}

export async function updateSignUp(manageToken: string, body: SignUpUpdate) {
  return unwrap(
    await publicApi.PATCH('/api/v1/public/sign-ups/{token}', {
      params: { path: { token: manageToken } },
      body,
    }),
  );
}

export async function cancelSignUp(manageToken: string) {
  return unwrap(
    await publicApi.DELETE('/api/v1/public/sign-ups/{token}', { params: { path: { token: manageToken } } }),
  );
}

/** Where "Add to calendar" points: the API serves the .ics file. */
export function calendarHref(manageToken: string): string {
  return `/api/v1/public/sign-ups/${encodeURIComponent(manageToken)}/calendar.ics`;
}
