import { useQuery, useQueryClient } from '@tanstack/react-query';
import { unwrap } from '../../api/problem';
import { versioned } from '../../api/versioned';
import { api } from '../api';

export const chronologiesKey = (reviewId: string) => ['review', reviewId, 'chronologies'] as const;
export const chronologyKey = (id: string) => ['chronology', id] as const;

export function useChronologies(reviewId: string) {
  return useQuery({
    queryKey: chronologiesKey(reviewId),
    queryFn: async () => unwrap(await api.GET('/api/v1/reviews/{review_id}/chronologies', { params: { path: { review_id: reviewId } } })),
  });
}

export function useChronology(id: string) {
  return useQuery({
    queryKey: chronologyKey(id),
    queryFn: async () => versioned(await api.GET('/api/v1/chronologies/{chronology_id}', { params: { path: { chronology_id: id } } })),
  });
}

/** After any change to a chronology: it, its review's list and the deadlines it may have met. */
export function useRefreshChronology(id: string, reviewId: string) {
  const client = useQueryClient();
  return () => {
    void client.invalidateQueries({ queryKey: chronologyKey(id) });
    void client.invalidateQueries({ queryKey: chronologiesKey(reviewId) });
    void client.invalidateQueries({ queryKey: ['deadlines'] });
  };
}

/** The filters of the integrated chronology, as the page keeps them in its URL. */
export interface Filters {
  agencyIds: string[];
  from?: string;
  to?: string;
  q?: string;
  gapDays: number;
}

export function filtersQuery(filters: Filters) {
  return {
    agency_id: filters.agencyIds.length ? filters.agencyIds : undefined,
    from: filters.from || undefined,
    to: filters.to || undefined,
    q: filters.q || undefined,
    gap_days: filters.gapDays,
  };
}

export function useIntegratedChronology(reviewId: string, filters: Filters) {
  const query = filtersQuery(filters);
  return useQuery({
    queryKey: ['review', reviewId, 'integrated-chronology', query],
    queryFn: async () => unwrap(await api.GET('/api/v1/reviews/{review_id}/integrated-chronology', { params: { path: { review_id: reviewId }, query } })),
  });
}

export type ExportFormat = 'csv' | 'xlsx' | 'docx';

/** The export needs the staff token, so it is fetched and handed to the browser as a file. */
export async function downloadExport(reviewId: string, filters: Filters, format: ExportFormat): Promise<void> {
  const result = await api.GET('/api/v1/reviews/{review_id}/integrated-chronology/export', {
    params: { path: { review_id: reviewId }, query: { ...filtersQuery(filters), format } },
    parseAs: 'blob',
  });
  const blob = unwrap(result) as unknown as Blob;
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = `integrated-chronology.${format}`;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
