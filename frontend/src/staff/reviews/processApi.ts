import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { paths } from '../../api/schema';
import { unwrap } from '../../api/problem';
import { api } from '../api';
import { reviewKey } from './reviewApi';

type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never;
type Get<P extends keyof paths> = paths[P] extends { get: { responses: { 200: infer R } } } ? Json<R> : never;

export type Commissioning = Get<'/api/v1/reviews/{review_id}/commissioning'>;
export type Timescales = Get<'/api/v1/reviews/{review_id}/timescales'>;
export type Delay = Timescales['delays'][number];
export type ReviewGroup = Get<'/api/v1/reviews/{review_id}/review-group'>;
export type GroupMeeting = ReviewGroup['meetings'][number];
export type Member = ReviewGroup['members'][number];
export type TermsOfReference = Get<'/api/v1/reviews/{review_id}/terms-of-reference'>;
export type TermsVersion = TermsOfReference['versions'][number];

const path = (id: string) => ({ params: { path: { review_id: id } } });

export const sectionKey = (id: string, section: string) => [...reviewKey(id), section] as const;

export function useCommissioning(id: string) {
  return useQuery({ queryKey: sectionKey(id, 'commissioning'), queryFn: async () => unwrap(await api.GET('/api/v1/reviews/{review_id}/commissioning', path(id))) });
}

export function useTimescales(id: string) {
  return useQuery({ queryKey: sectionKey(id, 'timescales'), queryFn: async () => unwrap(await api.GET('/api/v1/reviews/{review_id}/timescales', path(id))) });
}

export function useReviewGroup(id: string) {
  return useQuery({ queryKey: sectionKey(id, 'review-group'), queryFn: async () => unwrap(await api.GET('/api/v1/reviews/{review_id}/review-group', path(id))) });
}

export function useTermsOfReference(id: string) {
  return useQuery({ queryKey: sectionKey(id, 'terms-of-reference'), queryFn: async () => unwrap(await api.GET('/api/v1/reviews/{review_id}/terms-of-reference', path(id))) });
}

/**
 * A change to one of the review's sections: afterwards the review (its task list and stage buttons), every
 * section and the review's timeline are read again, since one section's work can open another's steps.
 */
export function useReviewChange<V, R>(id: string, fn: (values: V) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: reviewKey(id) });
      void client.invalidateQueries({ queryKey: ['reviews'] });
      void client.invalidateQueries({ queryKey: ['deadlines'] });
    },
  });
}
