import { useQuery, useQueryClient } from '@tanstack/react-query';
import { unwrap } from '../../api/problem';
import { versioned } from '../../api/versioned';
import { api } from '../api';

export const reportsKey = (reviewId: string) => ['review', reviewId, 'analysis-reports'] as const;
export const reportKey = (id: string) => ['analysis-report', id] as const;

export function useReports(reviewId: string) {
  return useQuery({
    queryKey: reportsKey(reviewId),
    queryFn: async () => unwrap(await api.GET('/api/v1/reviews/{review_id}/analysis-reports', { params: { path: { review_id: reviewId } } })),
  });
}

export function useReport(id: string) {
  return useQuery({
    queryKey: reportKey(id),
    queryFn: async () => versioned(await api.GET('/api/v1/analysis-reports/{report_id}', { params: { path: { report_id: id } } })),
  });
}

export function useRefreshReport(id: string, reviewId: string) {
  const client = useQueryClient();
  return () => {
    void client.invalidateQueries({ queryKey: reportKey(id) });
    void client.invalidateQueries({ queryKey: reportsKey(reviewId) });
    void client.invalidateQueries({ queryKey: ['deadlines'] });
  };
}
