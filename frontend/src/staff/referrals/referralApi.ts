import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, unwrap } from '../../api/problem';
import type { Referral, ReferralDecision, ReferralRecommendation, ReferralUpdate } from '../../api/types';
import { api } from '../api';

export interface Versioned<T> {
  record: T;
  /** The ETag the GET answered with, sent back as If-Match on an edit; null when the API sends none. */
  etag: string | null;
}

export const referralKey = (id: string) => ['referral', id] as const;

export function useReferral(id: string) {
  return useQuery({
    queryKey: referralKey(id),
    queryFn: async (): Promise<Versioned<Referral>> => {
      const result = await api.GET('/api/v1/referrals/{referral_id}', { params: { path: { referral_id: id } } });
      return { record: unwrap(result), etag: result.response.headers.get('ETag') };
    },
  });
}

export const STALE_MESSAGE = 'Someone else changed this referral since you opened it. Reload the page to see their changes, then make yours again.';

/** A 412 (stale If-Match) as a message a person can act on; other errors unchanged. */
export function explainStale(error: unknown): unknown {
  if (error instanceof ApiError && error.status === 412) {
    return new ApiError({ ...error.problem, detail: STALE_MESSAGE });
  }
  return error;
}

type Action =
  | { kind: 'submit' }
  | { kind: 'sign-off'; designation?: string }
  | { kind: 'decline-sign-off'; reasons: string }
  | { kind: 'start-consideration' }
  | { kind: 'return'; reasons: string }
  | { kind: 'recommendation'; body: ReferralRecommendation }
  | { kind: 'decision'; body: ReferralDecision };

async function act(id: string, action: Action): Promise<Referral> {
  const path = { referral_id: id };
  switch (action.kind) {
    case 'submit':
      return unwrap(await api.POST('/api/v1/referrals/{referral_id}/submit', { params: { path } }));
    case 'sign-off':
      return unwrap(
        await api.POST('/api/v1/referrals/{referral_id}/sign-off', {
          params: { path },
          body: { agree: true, ...(action.designation ? { designation: action.designation } : {}) },
        }),
      );
    case 'decline-sign-off':
      return unwrap(await api.POST('/api/v1/referrals/{referral_id}/decline-sign-off', { params: { path }, body: { reasons: action.reasons } }));
    case 'start-consideration':
      return unwrap(await api.POST('/api/v1/referrals/{referral_id}/start-consideration', { params: { path }, body: {} }));
    case 'return':
      return unwrap(await api.POST('/api/v1/referrals/{referral_id}/return', { params: { path }, body: { reasons: action.reasons } }));
    case 'recommendation':
      return unwrap(await api.POST('/api/v1/referrals/{referral_id}/recommendation', { params: { path }, body: action.body }));
    case 'decision':
      return unwrap(await api.POST('/api/v1/referrals/{referral_id}/decision', { params: { path }, body: action.body }));
  }
}

/** Every state change: the answer replaces the cached referral, and lists and the dashboard refresh. */
export function useReferralAction(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (action: Action) => act(id, action),
    onSuccess: (record) => {
      client.setQueryData<Versioned<Referral>>(referralKey(id), { record, etag: null });
      void client.invalidateQueries({ queryKey: referralKey(id) });
      void client.invalidateQueries({ queryKey: ['referrals'] });
      void client.invalidateQueries({ queryKey: ['deadlines'] });
    },
  });
}

/** Saves the form with the ETag it was read with; a 412 means someone else saved first. */
export function useSaveReferral(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async ({ body, etag }: { body: ReferralUpdate; etag: string | null }): Promise<Versioned<Referral>> => {
      const result = await api.PATCH('/api/v1/referrals/{referral_id}', {
        params: { path: { referral_id: id } },
        body,
        headers: etag ? { 'If-Match': etag } : {},
      });
      try {
        return { record: unwrap(result), etag: result.response.headers.get('ETag') };
      } catch (error) {
        throw explainStale(error);
      }
    },
    onSuccess: (saved) => {
      client.setQueryData(referralKey(id), saved);
      void client.invalidateQueries({ queryKey: ['referrals'] });
    },
  });
}
