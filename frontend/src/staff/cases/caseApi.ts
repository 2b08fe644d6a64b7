import { useQuery } from '@tanstack/react-query';
import { unwrap } from '../../api/problem';
import { api } from '../api';

export const caseKey = (id: string) => ['case', id] as const;

/** The child's case: its reference and the records the person may see. */
export function useCase(id: string) {
  return useQuery({
    queryKey: caseKey(id),
    queryFn: async () => unwrap(await api.GET('/api/v1/cases/{case_id}', { params: { path: { case_id: id } } })),
  });
}

/** Who has looked at the case's records, newest first (the business office's). */
export function useAccessLog(id: string, enabled: boolean) {
  return useQuery({
    queryKey: [...caseKey(id), 'access-log'],
    enabled,
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/cases/{case_id}/access-log', { params: { path: { case_id: id }, query: { limit: 100, offset: 0 } } })),
  });
}
