import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { unwrap } from '../../api/problem';
import type { paths } from '../../api/schema';
import { api } from '../api';

type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never;
type Get<P extends keyof paths> = paths[P] extends { get: { responses: { 200: infer R } } } ? Json<R> : never;
type Body<P extends keyof paths, M extends 'post' | 'patch'> = paths[P] extends Record<M, { requestBody?: infer B }> ? Json<NonNullable<B>> : never;

export type OneToOne = Get<'/api/v1/reviews/{review_id}/one-to-ones'>[number];
export type OneToOneCreate = Body<'/api/v1/reviews/{review_id}/one-to-ones', 'post'>;
export type FamilyLog = Get<'/api/v1/reviews/{review_id}/family'>;
export type FamilyContact = FamilyLog['contacts'][number];
export type FamilyContactCreate = Body<'/api/v1/reviews/{review_id}/family/contacts', 'post'>;
export type Genogram = Get<'/api/v1/reviews/{review_id}/family/genogram'>;
export type FamilyMember = Genogram['members'][number];
export type FamilyMemberCreate = Body<'/api/v1/reviews/{review_id}/family/members', 'post'>;
export type FamilyRelationship = Genogram['relationships'][number];
export type ParallelProcess = Get<'/api/v1/reviews/{review_id}/parallel-processes'>[number];
export type ParallelProcessCreate = Body<'/api/v1/reviews/{review_id}/parallel-processes', 'post'>;

export const engagementKey = (reviewId: string, part: string) => ['reviews', reviewId, part] as const;

export function useOneToOnes(reviewId: string) {
  return useQuery({
    queryKey: engagementKey(reviewId, 'one-to-ones'),
    queryFn: async () => unwrap(await api.GET('/api/v1/reviews/{review_id}/one-to-ones', { params: { path: { review_id: reviewId } } })),
  });
}

export function useReviewEvents(reviewId: string) {
  return useQuery({
    queryKey: ['events', 'review', reviewId],
    queryFn: async () => unwrap(await api.GET('/api/v1/events', { params: { query: { review_id: reviewId, limit: 100, offset: 0 } } })).items,
  });
}

export function useFamilyLog(reviewId: string) {
  return useQuery({
    queryKey: engagementKey(reviewId, 'family'),
    queryFn: async () => unwrap(await api.GET('/api/v1/reviews/{review_id}/family', { params: { path: { review_id: reviewId } } })),
  });
}

/** The genogram names the family: it is read (and the read audited) only when the person asks for it. */
export function useGenogram(reviewId: string, enabled: boolean) {
  return useQuery({
    queryKey: engagementKey(reviewId, 'genogram'),
    queryFn: async () => unwrap(await api.GET('/api/v1/reviews/{review_id}/family/genogram', { params: { path: { review_id: reviewId } } })),
    enabled,
  });
}

export function useParallelProcesses(reviewId: string) {
  return useQuery({
    queryKey: engagementKey(reviewId, 'parallel-processes'),
    queryFn: async () => unwrap(await api.GET('/api/v1/reviews/{review_id}/parallel-processes', { params: { path: { review_id: reviewId } } })),
  });
}

/** A change to one part of the review's engagement; that part (and the review's task list) is read again. */
export function useEngagementMutation<T>(reviewId: string, part: string, fn: (input: T) => Promise<unknown>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: engagementKey(reviewId, part) });
      void client.invalidateQueries({ queryKey: ['reviews', reviewId] });
      void client.invalidateQueries({ queryKey: ['review', reviewId] });
      void client.invalidateQueries({ queryKey: ['events'] });
    },
  });
}
