import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Referral, ReferralDecision, ReferralRecommendation, ReferralUpdate } from '../../api/types';
import { editing, ifMatch, staleMessage, versioned, type Versioned } from '../../api/versioned';
import { api } from '../api';

export type { Versioned };

export const referralKey = (id: string) => ['referral', id] as const;

export function useReferral(id: string) {
  return useQuery({
    queryKey: referralKey(id),
    queryFn: async (): Promise<Versioned<Referral>> => versioned(await api.GET('/api/v1/referrals/{referral_id}', { params: { path: { referral_id: id } } })),
  });
}

export const STALE_MESSAGE = staleMessage('referral');

type Action =
  | { kind: 'submit' }
  | { kind: 'sign-off'; designation?: string }
  | { kind: 'decline-sign-off'; reasons: string }
  | { kind: 'start-consideration' }
  | { kind: 'return'; reasons: string }
  | { kind: 'recommendation'; body: ReferralRecommendation }
  | { kind: 'decision'; body: ReferralDecision };

/** A step; the answer is the referral as it now is, with its new ETag. */
async function act(id: string, action: Action): Promise<Versioned<Referral>> {
  const path = { referral_id: id };
  switch (action.kind) {
    case 'submit':
      return versioned(await api.POST('/api/v1/referrals/{referral_id}/submit', { params: { path } }));
    case 'sign-off':
      return versioned(
        await api.POST('/api/v1/referrals/{referral_id}/sign-off', {
          params: { path },
          body: { agree: true, ...(action.designation ? { designation: action.designation } : {}) },
        }),
      );
    case 'decline-sign-off':
      return versioned(await api.POST('/api/v1/referrals/{referral_id}/decline-sign-off', { params: { path }, body: { reasons: action.reasons } }));
    case 'start-consideration':
      return versioned(await api.POST('/api/v1/referrals/{referral_id}/start-consideration', { params: { path }, body: {} }));
    case 'return':
      return versioned(await api.POST('/api/v1/referrals/{referral_id}/return', { params: { path }, body: { reasons: action.reasons } }));
    case 'recommendation':
      return versioned(await api.POST('/api/v1/referrals/{referral_id}/recommendation', { params: { path }, body: action.body }));
    case 'decision':
      return versioned(await api.POST('/api/v1/referrals/{referral_id}/decision', { params: { path }, body: action.body }));
  }
}

/** Every state change: the answer replaces the cached referral, and lists and the dashboard refresh. */
export function useReferralAction(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (action: Action) => act(id, action),
    onSuccess: (answer) => {
      client.setQueryData<Versioned<Referral>>(referralKey(id), answer);
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
    mutationFn: ({ body, etag }: { body: ReferralUpdate; etag: string | null }): Promise<Versioned<Referral>> =>
      editing('referral', async () =>
        versioned(await api.PATCH('/api/v1/referrals/{referral_id}', { params: { path: { referral_id: id } }, body, headers: ifMatch(etag) })),
      ),
    onSuccess: (saved) => {
      client.setQueryData(referralKey(id), saved);
      void client.invalidateQueries({ queryKey: ['referrals'] });
    },
  });
}
