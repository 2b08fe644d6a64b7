import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { errorMessage, unwrap } from '../../api/problem';
import { Button, ButtonGroup } from '../../components/govuk';
import { Loading } from '../../components/layout/Loading';
import { usePageTitle } from '../../lib/usePageTitle';
import { api } from '../api';
import { SectionNav } from '../common/SectionNav';
import { RapidReviewSectionNav } from '../rapid-reviews/RapidReviewSection';
import { REVIEW_SECTIONS } from '../reviews/sections';
import { useMe } from '../useMe';
import { LEARNING_KINDS } from './labels';
import { useLearningMutation, useRecommendations, type LearningKind, type Recommendation } from './learningApi';
import { DisseminationSection } from './Dissemination';
import { RecommendationBlock } from './RecommendationParts';
import { download } from './reportsApi';
import { recommendationBody, RecommendationForm } from './RecommendationForm';

type Source = 'review' | 'rapid_review';

/** A review's (or rapid review's) learning: its learning points, recommendations with sub-parts, questions for the
 * partnership and single-agency recommendations, by number, with themes and the partnership's responses. */
export function SourceLearningPage({ source }: { source: Source }) {
  const { id = '' } = useParams();
  const key = source === 'review' ? 'review_id' : 'rapid_review_id';
  const { data: me } = useMe();
  const { data: reference } = useQuery({
    queryKey: ['learning-source', source, id],
    queryFn: async () =>
      source === 'review'
        ? unwrap(await api.GET('/api/v1/reviews/{review_id}', { params: { path: { review_id: id } } })).child_reference
        : unwrap(await api.GET('/api/v1/rapid-reviews/{rapid_review_id}', { params: { path: { rapid_review_id: id } } })).child_reference,
  });
  const { data, error, isPending } = useRecommendations({ [key]: id, limit: 200, offset: 0 });
  const what = source === 'review' ? 'review' : 'rapid review';
  usePageTitle(`Learning and recommendations${reference ? ` – ${reference}` : ''}`);
  const create = useLearningMutation(async (body: ReturnType<typeof recommendationBody>) =>
    unwrap(await api.POST('/api/v1/recommendations', { body: { ...body, [key]: id } })),
  );
  const items = data?.items ?? [];
  const [downloadError, setDownloadError] = useState<string>();
  async function responseDocument(format: 'docx' | 'pdf') {
    setDownloadError(undefined);
    try {
      const slug = (reference ?? 'review').replace(/[^A-Za-z0-9]+/g, '-');
      await download(`/api/v1/recommendations/response-document.${format}?${key}=${id}`, `response-${slug}.${format}`);
    } catch (e) {
      setDownloadError(errorMessage(e));
    }
  }
  const byKind = (kind: LearningKind) => items.filter((r) => r.kind === kind);
  const nextNumber = (kind: LearningKind) => Math.max(0, ...byKind(kind).map((r) => r.number)) + 1;
  return (
    <>
      <span className="govuk-caption-l">{reference}</span>
      <h1 className="govuk-heading-l">Learning and recommendations</h1>
      {source === 'review' ? (
        <SectionNav label="Sections of this review" base={`/reviews/${id}`} sections={REVIEW_SECTIONS} current="learning" />
      ) : (
        <RapidReviewSectionNav id={id} current="learning" />
      )}
      <p className="govuk-body">
        <Link className="govuk-link" to={source === 'review' ? `/reviews/${id}` : `/rapid-reviews/${id}`}>
          Back to the {what}
        </Link>
        {me?.permissions.includes('actions:read') && (
          <>
            {' · '}
            <Link className="govuk-link" to={`/actions?${key}=${id}`}>
              The actions answering this {what}
            </Link>
          </>
        )}
      </p>
      {items.length > 0 && (
        <section aria-labelledby="response-heading">
          <h2 className="govuk-heading-m" id="response-heading">
            The partnership’s response
          </h2>
          <p className="govuk-body">Each recommendation with its sub-parts, the partnership’s response and the agencies’ actions with their evidence of impact, generated from these records.</p>
          {downloadError && (
            <p className="govuk-error-message" role="alert">
              <span className="govuk-visually-hidden">Error:</span> {downloadError}
            </p>
          )}
          <ButtonGroup>
            <Button type="button" variant="secondary" onClick={() => void responseDocument('docx')}>
              Download the response document (Word)
            </Button>
            <Button type="button" variant="secondary" onClick={() => void responseDocument('pdf')}>
              Download as PDF
            </Button>
          </ButtonGroup>
        </section>
      )}
      {isPending && <Loading what="the learning" />}
      {error && <p className="govuk-body">{errorMessage(error)}</p>}
      {data && items.length === 0 && <p className="govuk-body">No learning has been recorded for this {what} yet.</p>}
      {(Object.keys(LEARNING_KINDS) as LearningKind[]).map(
        (kind) =>
          byKind(kind).length > 0 && (
            <section key={kind} aria-labelledby={`${kind}-heading`}>
              <h2 className="govuk-heading-m" id={`${kind}-heading`}>
                {LEARNING_KINDS[kind].many}
              </h2>
              {byKind(kind).map((r: Recommendation) => (
                <RecommendationBlock key={r.id} recommendation={r} />
              ))}
            </section>
          ),
      )}
      <DisseminationSection source={source} id={id} canRecord={Boolean(me?.permissions.includes('learning:disseminate'))} />
      {data && me?.permissions.includes('recommendations:manage') && (
        <section aria-labelledby="record-heading">
          <h2 className="govuk-heading-m" id="record-heading">
            Record learning from this {what}
          </h2>
          <RecommendationForm nextNumber={nextNumber} onSubmit={async (values) => create.mutateAsync(recommendationBody(values))} />
        </section>
      )}
    </>
  );
}
