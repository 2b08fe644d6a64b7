import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { versioned, versionedChange, ifMatchParam } from '../../api/versioned';
import type { NotificationUpdate } from '../../api/types';
import { api } from '../api';

export const notificationKey = (id: string) => ['incident-notification', id] as const;

export function useNotification(id: string) {
  return useQuery({
    queryKey: notificationKey(id),
    queryFn: async () => versioned(await api.GET('/api/v1/incident-notifications/{notification_id}', { params: { path: { notification_id: id } } })),
  });
}

/** PATCH with the ETag it was read with; afterwards the notification, its rapid review and deadlines are read again. */
export function useSaveNotification(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async ({ body, etag }: { body: NotificationUpdate; etag: string | null }) =>
      versionedChange(
        await api.PATCH('/api/v1/incident-notifications/{notification_id}', { params: { path: { notification_id: id }, header: ifMatchParam(etag) }, body }),
        'notification',
      ),
    onSuccess: (saved) => {
      client.setQueryData(notificationKey(id), saved);
      void client.invalidateQueries({ queryKey: [...notificationKey(id), 'timeline'] });
      void client.invalidateQueries({ queryKey: ['incident-notifications'] });
      void client.invalidateQueries({ queryKey: ['deadlines'] });
      if (saved.record.rapid_review_id) void client.invalidateQueries({ queryKey: ['rapid-review', saved.record.rapid_review_id] });
    },
  });
}
