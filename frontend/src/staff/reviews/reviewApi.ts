import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { versioned, versionedChange, type Versioned, ifMatchParam } from '../../api/versioned';
import { unwrap } from '../../api/problem';
import type { Review, ReviewUpdate } from '../../api/types';
import { api } from '../api';

export const reviewKey = (id: string) => ['review', id] as const;

export function useReviews() {
  return useQuery({
    queryKey: ['reviews'],
    queryFn: async () => unwrap(await api.GET('/api/v1/reviews', { params: { query: { limit: 100, offset: 0 } } })),
  });
}

export function useReview(id: string) {
  return useQuery({
    queryKey: reviewKey(id),
    queryFn: async () => versioned(await api.GET('/api/v1/reviews/{review_id}', { params: { path: { review_id: id } } })),
  });
}

/** Saves with the ETag the review was read with; a 412 says someone else saved first. */
export function useSaveReview(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async ({ body, etag }: { body: ReviewUpdate; etag: string | null }): Promise<Versioned<Review>> =>
      versionedChange(await api.PATCH('/api/v1/reviews/{review_id}', { params: { path: { review_id: id }, header: ifMatchParam(etag) }, body }), 'review'),
    onSuccess: (saved) => {
      client.setQueryData(reviewKey(id), saved);
      void client.invalidateQueries({ queryKey: [...reviewKey(id), 'timeline'] });
      void client.invalidateQueries({ queryKey: ['reviews'] });
    },
  });
}

/** Active lead reviewers, to commission one (the user list is the business office's). */
export function useLeadReviewers(enabled: boolean) {
  return useQuery({
    queryKey: ['users', 'lead_reviewer'],
    enabled,
    staleTime: 10 * 60 * 1000,
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/users', { params: { query: { role: 'lead_reviewer', limit: 200, offset: 0 } } })).items.filter((u) => u.active),
  });
}

/**
 * Working days left to the review's completion deadline, from the deadlines the person can see
 * (the business office's); undefined when they cannot see it.
 */
export function useWorkingDaysLeft(review: Review, enabled: boolean) {
  const due = review.due?.status === 'open' ? review.due.due_date : undefined;
  const query = { kind: 'review_completion' as const, due_after: due, due_before: due, limit: 50, offset: 0 };
  return useQuery({
    queryKey: ['deadlines', query],
    enabled: enabled && due !== undefined,
    queryFn: async () => unwrap(await api.GET('/api/v1/deadlines', { params: { query } })),
    select: (page) => page.items.find((d) => d.subject_id === review.id)?.working_days_left,
  });
}
