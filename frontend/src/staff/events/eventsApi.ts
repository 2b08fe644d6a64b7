import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { unwrap } from '../../api/problem';
import { versioned, versionedChange, type Versioned, ifMatchParam } from '../../api/versioned';
import { api } from '../api';
import type { Event, EventUpdate } from './types';

export const eventKey = (id: string) => ['event', id] as const;

/** An event with the `ETag` its GET answered with, for `If-Match`. */
export type VersionedEvent = Versioned<Event>;

export function useEvent(id: string) {
  return useQuery({
    queryKey: eventKey(id),
    queryFn: async (): Promise<VersionedEvent> => versioned(await api.GET('/api/v1/events/{event_id}', { params: { path: { event_id: id } } })),
  });
}

/** Saves changed fields with the version they were read at; a 412 means someone else saved first. */
export function useSaveEvent(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async ({ body, etag }: { body: EventUpdate; etag: string | null }): Promise<VersionedEvent> =>
      versionedChange(await api.PATCH('/api/v1/events/{event_id}', { params: { path: { event_id: id }, header: ifMatchParam(etag) }, body }), 'event'),
    onSuccess: (saved) => {
      client.setQueryData(eventKey(id), saved);
      void client.invalidateQueries({ queryKey: ['events'] });
    },
  });
}

export function useInvitations(id: string) {
  return useQuery({
    queryKey: [...eventKey(id), 'invitations'],
    queryFn: async () => unwrap(await api.GET('/api/v1/events/{event_id}/invitations', { params: { path: { event_id: id } } })),
  });
}

export function useAttendees(id: string) {
  return useQuery({
    queryKey: [...eventKey(id), 'attendees'],
    queryFn: async () => unwrap(await api.GET('/api/v1/events/{event_id}/attendees', { params: { path: { event_id: id } } })),
  });
}

export function useEventSummary(id: string) {
  return useQuery({
    queryKey: [...eventKey(id), 'summary'],
    queryFn: async () => unwrap(await api.GET('/api/v1/events/{event_id}/summary', { params: { path: { event_id: id } } })),
  });
}

/** A change to an event or its people: afterwards everything about it, the lists and the dashboard are read again. */
export function useEventMutation<T, R>(id: string, fn: (input: T) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: eventKey(id) });
      void client.invalidateQueries({ queryKey: ['events'] });
      void client.invalidateQueries({ queryKey: ['deadlines'] });
    },
  });
}

/** Reviews the caller may see, to choose which one an event belongs to. */
export function useReviews() {
  return useQuery({
    queryKey: ['reviews', 'all'],
    queryFn: async () => unwrap(await api.GET('/api/v1/reviews', { params: { query: { limit: 200, offset: 0 } } })).items,
    staleTime: 5 * 60 * 1000,
  });
}
