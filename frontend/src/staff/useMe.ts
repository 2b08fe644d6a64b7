import { useQuery } from '@tanstack/react-query';
import { unwrap } from '../api/problem';
import { api } from './api';

export function useMe() {
  return useQuery({
    queryKey: ['me'],
    queryFn: async () => unwrap(await api.GET('/api/v1/me')),
    staleTime: 5 * 60 * 1000,
  });
}
