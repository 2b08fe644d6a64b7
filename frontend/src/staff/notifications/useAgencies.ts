import { useQuery } from '@tanstack/react-query';
import { unwrap } from '../../api/problem';
import { api } from '../api';

/** Every partner agency, for choosing who is involved or asked. */
export function useAgencies() {
  return useQuery({
    queryKey: ['agencies'],
    queryFn: async () => unwrap(await api.GET('/api/v1/agencies', { params: { query: { limit: 200, offset: 0 } } })).items,
    staleTime: 10 * 60 * 1000,
  });
}
