import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { unwrap } from '../../api/problem';
import { versioned } from '../../api/versioned';
import { api } from '../api';

export const rapidKey = (id: string) => ['rapid-review', id] as const;

/** The rapid review and the version it was read at (its meeting is part of it). */
const rapidReviewQuery = (id: string) =>
  queryOptions({
    queryKey: rapidKey(id),
    queryFn: async () => versioned(await api.GET('/api/v1/rapid-reviews/{rapid_review_id}', { params: { path: { rapid_review_id: id } } })),
  });

export function useRapidReview(id: string) {
  return useQuery({ ...rapidReviewQuery(id), select: (read) => read.record });
}

/**
 * The ETag of the rapid review on screen: a correction to its meeting, the recommendation and the decision send it
 * back as If-Match. It reads the page's query and does not fetch it again when a form using it appears, so the
 * ETag stays the one of the version shown.
 */
export function useRapidReviewEtag(id: string): string | null {
  return useQuery({ ...rapidReviewQuery(id), select: (read) => read.etag, refetchOnMount: false }).data ?? null;
}

export function useRapidRequests(id: string) {
  return useQuery({
    queryKey: [...rapidKey(id), 'requests'],
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/rapid-reviews/{rapid_review_id}/information-requests', {
          params: { path: { rapid_review_id: id }, query: { limit: 100, offset: 0 } },
        }),
      ),
  });
}

/** A change to a rapid review: afterwards everything about it (and the dashboard) is read again. */
export function useRapidMutation<T>(id: string, fn: (input: T) => Promise<unknown>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: rapidKey(id) });
      void client.invalidateQueries({ queryKey: ['rapid-reviews'] });
      void client.invalidateQueries({ queryKey: ['deadlines'] });
    },
  });
}
