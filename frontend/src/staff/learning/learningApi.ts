import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { unwrap } from '../../api/problem';
import type { paths } from '../../api/schema';
import { versioned } from '../../api/versioned';
import { api } from '../api';

type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never;
type Get<P extends keyof paths> = paths[P] extends { get: { responses: { 200: infer R } } } ? Json<R> : never;

export type ActionPage = Get<'/api/v1/actions'>;
export type Action = ActionPage['items'][number];
export type ActionDetail = Get<'/api/v1/actions/{action_id}'>;
export type ActionStatus = Action['status'];
export type ActionUpdate = ActionDetail['updates'][number];
export type ActionQuery = NonNullable<paths['/api/v1/actions']['get']['parameters']['query']>;
export type RecommendationPage = Get<'/api/v1/recommendations'>;
export type Recommendation = Get<'/api/v1/recommendations/{recommendation_id}'>;
export type LearningKind = Recommendation['kind'];
export type Theme = Get<'/api/v1/themes'>[number];

/** The tracker's filters as the URL holds them, so a filtered view can be shared. */
export const FILTER_NAMES = ['agency_id', 'status', 'overdue', 'theme_id', 'review_id', 'rapid_review_id', 'recommendation_id', 'owner_id', 'due_from', 'due_to', 'q', 'sort'] as const;

export function queryFromParams(params: URLSearchParams): ActionQuery {
  const one = (name: string) => params.get(name) || undefined;
  const overdue = one('overdue');
  return {
    agency_id: one('agency_id'),
    status: params.getAll('status').filter(Boolean) as ActionStatus[],
    overdue: overdue === 'true' ? true : overdue === 'false' ? false : undefined,
    theme_id: one('theme_id'),
    review_id: one('review_id'),
    rapid_review_id: one('rapid_review_id'),
    recommendation_id: one('recommendation_id'),
    owner_id: one('owner_id'),
    due_from: one('due_from'),
    due_to: one('due_to'),
    q: one('q'),
    sort: one('sort') as ActionQuery['sort'],
  };
}

/** The same filters for the export links (the list's own paging left out). */
export function exportSearch(params: URLSearchParams): string {
  const kept = new URLSearchParams();
  for (const name of FILTER_NAMES) for (const value of params.getAll(name)) if (value) kept.append(name, value);
  return kept.toString();
}

export function useActions(query: ActionQuery & { limit: number; offset: number }, enabled = true) {
  return useQuery({
    queryKey: ['actions', query],
    queryFn: async () => unwrap(await api.GET('/api/v1/actions', { params: { query } })),
    enabled,
  });
}

export const actionKey = (id: string) => ['action', id] as const;

export function useAction(id: string) {
  return useQuery(
    queryOptions({
      queryKey: actionKey(id),
      queryFn: async () => versioned(await api.GET('/api/v1/actions/{action_id}', { params: { path: { action_id: id } } })),
    }),
  );
}

export function useRecommendations(query: NonNullable<paths['/api/v1/recommendations']['get']['parameters']['query']>, enabled = true) {
  return useQuery({
    queryKey: ['recommendations', query],
    queryFn: async () => unwrap(await api.GET('/api/v1/recommendations', { params: { query } })),
    enabled,
  });
}

export const recommendationKey = (id: string) => ['recommendation', id] as const;

export function useRecommendation(id: string) {
  return useQuery({
    queryKey: recommendationKey(id),
    queryFn: async () => versioned(await api.GET('/api/v1/recommendations/{recommendation_id}', { params: { path: { recommendation_id: id } } })),
  });
}

export function useThemes(includeRetired = false) {
  return useQuery({
    queryKey: ['themes', includeRetired],
    queryFn: async () => unwrap(await api.GET('/api/v1/themes', { params: { query: { include_retired: includeRetired } } })),
    staleTime: 5 * 60 * 1000,
  });
}

/** People of one agency, for choosing an action's owner (the business office's list of users). */
export function useAgencyPeople(agencyId: string | undefined, enabled: boolean) {
  return useQuery({
    queryKey: ['users', agencyId],
    queryFn: async () => unwrap(await api.GET('/api/v1/users', { params: { query: { agency_id: agencyId, limit: 200, offset: 0 } } })).items,
    enabled: enabled && Boolean(agencyId),
  });
}

/** A change to the learning tracker: afterwards the lists, the record and the deadlines are read again. */
export function useLearningMutation<T, R = unknown>(fn: (input: T) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => {
      for (const key of ['actions', 'action', 'recommendations', 'recommendation', 'themes', 'deadlines']) {
        void client.invalidateQueries({ queryKey: [key] });
      }
    },
  });
}

/** Downloads the tracker's filtered actions (the API needs the bearer token, so not a plain link). */
export async function downloadExport(format: 'xlsx' | 'csv', search: string): Promise<void> {
  const path = format === 'xlsx' ? '/api/v1/actions/export.xlsx' : '/api/v1/actions/export.csv';
  const query = Object.fromEntries(new URLSearchParams(search));
  const statuses = new URLSearchParams(search).getAll('status');
  const result = await api.GET(path, { params: { query: { ...query, status: statuses } as ActionQuery }, parseAs: 'blob' });
  const blob = unwrap(result) as Blob;
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = `actions.${format}`;
  document.body.append(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(url);
}
