import type { paths } from '../../api/schema';

// The agencies' submissions to a review, derived from the API's paths like api/types.ts.
type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never;
type Get<P extends keyof paths> = paths[P] extends { get: { responses: { 200: infer R } } } ? Json<R> : never;
type Body<P extends keyof paths, M extends 'post' | 'put' | 'patch'> = paths[P] extends Record<M, { requestBody?: infer B }>
  ? Json<NonNullable<B>>
  : never;

export type ChronologySummary = Get<'/api/v1/reviews/{review_id}/chronologies'>[number];
export type Chronology = Get<'/api/v1/chronologies/{chronology_id}'>;
export type ChronologyEntry = Chronology['entries'][number];
export type ChronologyEntryCreate = Body<'/api/v1/chronologies/{chronology_id}/entries', 'post'>;
export type ChronologyRevision = Get<'/api/v1/chronologies/{chronology_id}/revisions'>[number];
export type IntegratedChronology = Get<'/api/v1/reviews/{review_id}/integrated-chronology'>;
export type DayGroup = IntegratedChronology['days'][number];
export type Gap = IntegratedChronology['gaps'][number];
export type SubmissionState = Chronology['state'];

export type AnalysisReport = Get<'/api/v1/analysis-reports/{report_id}'>;
export type AnalysisReportState = AnalysisReport['state'];
export type AnalysisReportContent = Body<'/api/v1/analysis-reports/{report_id}/draft', 'put'>;
export type KeyEvent = NonNullable<AnalysisReportContent['key_events']>[number];
export type AnalysisReportRevision = Get<'/api/v1/analysis-reports/{report_id}/revisions'>[number];
export type Signatures = NonNullable<AnalysisReport['signatures']>;
