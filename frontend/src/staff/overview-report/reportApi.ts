import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { unwrap } from '../../api/problem';
import type { paths } from '../../api/schema';
import { ifMatchParam, versioned, versionedChange } from '../../api/versioned';
import { api } from '../api';

type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never;
type Get<P extends keyof paths> = paths[P] extends { get: { responses: { 200: infer R } } } ? Json<R> : never;
type Body<P extends keyof paths, M extends 'post' | 'put' | 'patch'> = paths[P] extends Record<M, { requestBody?: infer B }> ? Json<NonNullable<B>> : never;

const REPORT = '/api/v1/reviews/{review_id}/overview-report' as const;
const VERSION = '/api/v1/reviews/{review_id}/overview-report/versions/{version_id}' as const;

export type OverviewReport = Get<typeof REPORT>;
export type ReportDocument = OverviewReport['documents'][number]['document'];
export type VersionSummary = OverviewReport['documents'][number]['versions'][number];
export type ReportVersion = Get<typeof VERSION>;
export type Finding = ReportVersion['findings'][number];
export type Draft = Get<'/api/v1/reviews/{review_id}/overview-report/drafts/{document}'>;
export type Comment = Get<'/api/v1/reviews/{review_id}/overview-report/versions/{version_id}/comments'>[number];
export type Diff = Get<'/api/v1/reviews/{review_id}/overview-report/diff'>;
export type SignOff = Get<'/api/v1/reviews/{review_id}/sign-off'>;
export type SignOffStepTake = Body<'/api/v1/reviews/{review_id}/sign-off/steps', 'post'>;
export type Publication = Get<'/api/v1/reviews/{review_id}/publication'>;
export type VersionShare = Body<'/api/v1/reviews/{review_id}/overview-report/versions', 'post'>;
export type PublicationPlan = Body<'/api/v1/reviews/{review_id}/publication', 'patch'>;

export const DOCUMENTS: Record<ReportDocument, string> = {
  overview_report: 'Overview report',
  executive_summary: 'Executive summary',
};

const key = (reviewId: string, ...rest: string[]) => ['overview-report', reviewId, ...rest] as const;

export function useOverviewReport(reviewId: string) {
  return useQuery({
    queryKey: key(reviewId),
    queryFn: async () => unwrap(await api.GET(REPORT, { params: { path: { review_id: reviewId } } })),
  });
}

export function useVersion(reviewId: string, versionId: string) {
  return useQuery({
    queryKey: key(reviewId, 'version', versionId),
    queryFn: async () => unwrap(await api.GET(VERSION, { params: { path: { review_id: reviewId, version_id: versionId } } })),
  });
}

export function useComments(reviewId: string, versionId: string) {
  return useQuery({
    queryKey: key(reviewId, 'comments', versionId),
    queryFn: async () => unwrap(await api.GET(`${VERSION}/comments`, { params: { path: { review_id: reviewId, version_id: versionId } } })),
  });
}

export function useDiff(reviewId: string, left: string, right: string) {
  return useQuery({
    queryKey: key(reviewId, 'diff', left, right),
    enabled: Boolean(left && right),
    queryFn: async () => unwrap(await api.GET(`${REPORT}/diff`, { params: { path: { review_id: reviewId }, query: { left, right } } })),
  });
}

export function useDraft(reviewId: string, document: ReportDocument, enabled: boolean) {
  return useQuery({
    queryKey: key(reviewId, 'draft', document),
    enabled,
    retry: false,
    queryFn: async () => {
      const result = await api.GET(`${REPORT}/drafts/{document}`, { params: { path: { review_id: reviewId, document } } });
      // No draft yet: the first save starts one.
      if (result.response.status === 404) return null;
      return versioned(result);
    },
  });
}

/** Everything about the report changes together: versions, findings, sign-off and publication. */
function useRefresh(reviewId: string) {
  const client = useQueryClient();
  return () => {
    void client.invalidateQueries({ queryKey: key(reviewId) });
    void client.invalidateQueries({ queryKey: ['sign-off', reviewId] });
    void client.invalidateQueries({ queryKey: ['publication', reviewId] });
  };
}

export function useSaveDraft(reviewId: string, document: ReportDocument) {
  const refresh = useRefresh(reviewId);
  return useMutation({
    mutationFn: async ({ text, etag }: { text: string; etag: string | null }) =>
      versionedChange(await api.PUT(`${REPORT}/drafts/{document}`, { params: { path: { review_id: reviewId, document }, header: ifMatchParam(etag) }, body: { text } }), 'draft'),
    onSuccess: refresh,
  });
}

export function useUploadDraft(reviewId: string, document: ReportDocument) {
  const refresh = useRefresh(reviewId);
  return useMutation({
    mutationFn: async ({ file, etag }: { file: File; etag: string | null }) =>
      versionedChange(
        await api.POST(`${REPORT}/drafts/{document}/upload`, {
          params: { path: { review_id: reviewId, document }, header: ifMatchParam(etag) },
          body: { file: file as unknown as string },
          bodySerializer: (body: { file: string }) => {
            const form = new FormData();
            form.append('file', body.file as unknown as Blob);
            return form;
          },
        }),
        'draft',
      ),
    onSuccess: refresh,
  });
}

export function useShareVersion(reviewId: string) {
  const refresh = useRefresh(reviewId);
  return useMutation({
    mutationFn: async (body: VersionShare) =>
      unwrap(await api.POST(`${REPORT}/versions`, { params: { path: { review_id: reviewId } }, body })),
    onSuccess: refresh,
  });
}

export function useAcceptFinding(reviewId: string) {
  const refresh = useRefresh(reviewId);
  return useMutation({
    mutationFn: async (body: { key: string; reason: string }) =>
      unwrap(await api.POST(`${REPORT}/findings/accept`, { params: { path: { review_id: reviewId } }, body })),
    onSuccess: refresh,
  });
}

export function useAddComment(reviewId: string, versionId: string) {
  const refresh = useRefresh(reviewId);
  return useMutation({
    mutationFn: async (body: { body: string; paragraph: number | null; scrutineer_review: boolean }) =>
      unwrap(await api.POST(`${VERSION}/comments`, { params: { path: { review_id: reviewId, version_id: versionId } }, body })),
    onSuccess: refresh,
  });
}

export function useCommentStep(reviewId: string) {
  const refresh = useRefresh(reviewId);
  return useMutation({
    mutationFn: async ({ commentId, answer }: { commentId: string; answer?: string }) => {
      const path = { review_id: reviewId, comment_id: commentId };
      return answer !== undefined
        ? unwrap(await api.POST(`${REPORT}/comments/{comment_id}/answers`, { params: { path }, body: { body: answer } }))
        : unwrap(await api.POST(`${REPORT}/comments/{comment_id}/resolve`, { params: { path } }));
    },
    onSuccess: refresh,
  });
}

export function useSignOff(reviewId: string) {
  return useQuery({
    queryKey: ['sign-off', reviewId],
    queryFn: async () => unwrap(await api.GET('/api/v1/reviews/{review_id}/sign-off', { params: { path: { review_id: reviewId } } })),
  });
}

export function useTakeSignOffStep(reviewId: string) {
  const refresh = useRefresh(reviewId);
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (body: SignOffStepTake) =>
      unwrap(await api.POST('/api/v1/reviews/{review_id}/sign-off/steps', { params: { path: { review_id: reviewId } }, body })),
    onSuccess: (saved) => {
      client.setQueryData(['sign-off', reviewId], saved);
      refresh();
    },
  });
}

export function usePublication(reviewId: string) {
  return useQuery({
    queryKey: ['publication', reviewId],
    queryFn: async () => versioned(await api.GET('/api/v1/reviews/{review_id}/publication', { params: { path: { review_id: reviewId } } })),
  });
}

export function usePlanPublication(reviewId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async ({ body, etag }: { body: PublicationPlan; etag: string | null }) =>
      versionedChange(await api.PATCH('/api/v1/reviews/{review_id}/publication', { params: { path: { review_id: reviewId }, header: ifMatchParam(etag) }, body }), 'publication plan'),
    onSuccess: (saved) => client.setQueryData(['publication', reviewId], saved),
  });
}

export function usePublish(reviewId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async () => versioned(await api.POST('/api/v1/reviews/{review_id}/publication/publish', { params: { path: { review_id: reviewId } } })),
    onSuccess: (saved) => {
      client.setQueryData(['publication', reviewId], saved);
      void client.invalidateQueries({ queryKey: ['review', reviewId] });
    },
  });
}

export function useRecordDelayNotice(reviewId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (told_on: string) => versioned(await api.POST('/api/v1/reviews/{review_id}/publication/delay-notice', { params: { path: { review_id: reviewId } }, body: { told_on } })),
    onSuccess: (saved) => client.setQueryData(['publication', reviewId], saved),
  });
}
