import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Referral, ReferralPartnerPosition, ReferralRecommendation, ReferralUpdate } from '../../api/types';
import { editing, ifMatch, ifMatchParam, staleMessage, versioned, versionedChange, type Versioned } from '../../api/versioned';
import { unwrap } from '../../api/problem';
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
  | { kind: 'submit'; id?: string }
  | { kind: 'sign-off'; designation?: string }
  | { kind: 'decline-sign-off'; reasons: string }
  | { kind: 'start-consideration' }
  | { kind: 'return'; reasons: string }
  | { kind: 'recommendation'; body: ReferralRecommendation }
  | { kind: 'partner-position'; body: ReferralPartnerPosition };

/**
 * A step; the answer is the referral as it now is, with its new ETag. A sign-off, recommendation, partner's position or
 * return goes with the ETag of the referral on screen, so it is made on what the person read: if someone changed
 * the referral since, the API refuses it (412) and this throws `explainStale`'s message.
 */
async function act(id: string, action: Action, etag: string | null): Promise<Versioned<Referral>> {
  const path = { referral_id: id };
  const onWhatWasRead = { params: { path }, headers: ifMatch(etag) };
  switch (action.kind) {
    case 'submit':
      return versioned(await api.POST('/api/v1/referrals/{referral_id}/submit', { params: { path: { referral_id: action.id ?? id } } }));
    case 'sign-off':
      return versionedChange(
        await api.POST('/api/v1/referrals/{referral_id}/sign-off', {
          ...onWhatWasRead,
          body: { agree: true, ...(action.designation ? { designation: action.designation } : {}) },
        }),
        'referral',
      );
    case 'decline-sign-off':
      return versionedChange(await api.POST('/api/v1/referrals/{referral_id}/decline-sign-off', { ...onWhatWasRead, body: { reasons: action.reasons } }), 'referral');
    case 'start-consideration':
      return versioned(await api.POST('/api/v1/referrals/{referral_id}/start-consideration', { params: { path }, body: {} }));
    case 'return':
      return versionedChange(await api.POST('/api/v1/referrals/{referral_id}/return', { ...onWhatWasRead, body: { reasons: action.reasons } }), 'referral');
    case 'recommendation':
      return versionedChange(await api.POST('/api/v1/referrals/{referral_id}/recommendation', { ...onWhatWasRead, body: action.body }), 'referral');
    case 'partner-position':
      return versionedChange(await api.POST('/api/v1/referrals/{referral_id}/partner-positions', { ...onWhatWasRead, body: action.body }), 'referral');
  }
}

/**
 * Every state change, made on the version of the referral read (`etag`): the answer replaces the cached
 * referral, and lists and the dashboard refresh.
 */
export function useReferralAction(id: string, etag: string | null) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (action: Action) => act(id, action, etag),
    onSuccess: (answer) => {
      client.setQueryData<Versioned<Referral>>(referralKey(answer.record.id), answer);
      void client.invalidateQueries({ queryKey: referralKey(answer.record.id) });
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
        versioned(await api.PATCH('/api/v1/referrals/{referral_id}', { params: { path: { referral_id: id }, header: ifMatchParam(etag) }, body })),
      ),
    onSuccess: (saved) => {
      client.setQueryData(referralKey(id), saved);
      void client.invalidateQueries({ queryKey: ['referrals'] });
    },
  });
}

/** The first save of a new referral creates it: nothing exists on the server before. */
export function useCreateReferral() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (body: ReferralUpdate): Promise<Versioned<Referral>> => versioned(await api.POST('/api/v1/referrals', { body })),
    onSuccess: (created) => {
      client.setQueryData(referralKey(created.record.id), created);
      void client.invalidateQueries({ queryKey: ['referrals'] });
    },
  });
}

/** Deletes a draft the agency no longer wants, on the version read. */
export function useDeleteDraft(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (etag: string | null) => {
      const { error, response } = await api.DELETE('/api/v1/referrals/{referral_id}', { params: { path: { referral_id: id }, header: ifMatchParam(etag) } });
      unwrap({ error, response });
    },
    onSuccess: () => {
      client.removeQueries({ queryKey: referralKey(id) });
      void client.invalidateQueries({ queryKey: ['referrals'] });
      void client.invalidateQueries({ queryKey: ['deadlines'] });
    },
  });
}
