import { useQuery } from '@tanstack/react-query';
import { ApiError, isProblem, unwrap, type Problem } from '../../api/problem';
import type { paths } from '../../api/schema';
import { authFetch } from '../../auth/session';
import { api } from '../api';

type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never;
type Get<P extends keyof paths> = paths[P] extends { get: { responses: { 200: infer R } } } ? Json<R> : never;

export type RecurrentThemes = Get<'/api/v1/learning/recurrent-themes'>;
export type RepeatedRecommendation = Get<'/api/v1/learning/repeats'>[number];
export type Figures = Get<'/api/v1/figures'>;
export type SimilarRecommendation = Get<'/api/v1/recommendations/similar'>[number];
export type DisseminationPage = Get<'/api/v1/learning/disseminations'>;
export type Dissemination = DisseminationPage['items'][number];
export type ImportResult = paths['/api/v1/learning/history']['post']['responses'][201]['content']['application/json'];

export interface Period {
  made_from?: string;
  made_to?: string;
}

export function useRecurrentThemes(period: Period) {
  return useQuery({
    queryKey: ['recurrent-themes', period],
    queryFn: async () => unwrap(await api.GET('/api/v1/learning/recurrent-themes', { params: { query: period } })),
  });
}

export function useRepeats(period: Period) {
  return useQuery({
    queryKey: ['repeats', period],
    queryFn: async () => unwrap(await api.GET('/api/v1/learning/repeats', { params: { query: period } })),
  });
}

export function useFigures(period: { period_from?: string; period_to?: string }) {
  return useQuery({
    queryKey: ['figures', period],
    queryFn: async () => unwrap(await api.GET('/api/v1/figures', { params: { query: period } })),
  });
}

/** Earlier recommendations like the text being written (nothing until it has a few words). */
export function useSimilar(text: string, excludeId?: string) {
  const trimmed = text.trim();
  return useQuery({
    queryKey: ['similar', trimmed, excludeId],
    queryFn: async () => unwrap(await api.GET('/api/v1/recommendations/similar', { params: { query: { text: trimmed, exclude_id: excludeId } } })),
    enabled: trimmed.split(/\s+/).length >= 3,
    staleTime: 60 * 1000,
  });
}

export function useDisseminations(query: { review_id?: string; rapid_review_id?: string }) {
  return useQuery({
    queryKey: ['disseminations', query],
    queryFn: async () => unwrap(await api.GET('/api/v1/learning/disseminations', { params: { query: { ...query, limit: 200, offset: 0 } } })),
  });
}

/** Saves a download from an API path that needs the bearer token (so not a plain link). */
export async function download(path: string, filename: string): Promise<void> {
  const response = await authFetch(new Request(new URL(path, globalThis.location.origin)));
  if (!response.ok) throw new ApiError(await problemOf(response));
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(url);
}

async function problemOf(response: Response): Promise<Problem> {
  const body: unknown = await response.json().catch(() => undefined);
  return isProblem(body) ? body : { title: response.statusText || 'Request failed', status: response.status };
}

/** Uploads a filled-in history template; a problem (every bad row) is thrown as an ApiError. */
export async function uploadHistory(file: File): Promise<ImportResult> {
  const form = new FormData();
  form.append('file', file);
  const response = await authFetch(new Request(new URL('/api/v1/learning/history', globalThis.location.origin), { method: 'POST', body: form }));
  if (!response.ok) throw new ApiError(await problemOf(response));
  return (await response.json()) as ImportResult;
}
