import { useParams, useSearchParams } from 'react-router';
import { Loading } from '../../components/layout/Loading';
import { LoadProblem } from '../../components/layout/LoadProblem';
import { usePageTitle } from '../../lib/usePageTitle';
import { DOCUMENTS, useDiff, type Diff } from './reportApi';
import { ReportHeader } from './ReportHeader';

type Segment = Diff['paragraphs'][number]['left'][number];

/** A changed stretch as <ins> or <del>, saying so to screen readers too (they do not announce the elements). */
function Marked({ segment }: { segment: Segment }) {
  if (segment.change === 'inserted')
    return (
      <ins>
        <span className="govuk-visually-hidden">[inserted: </span>
        {segment.text}
        <span className="govuk-visually-hidden">]</span>
      </ins>
    );
  if (segment.change === 'deleted')
    return (
      <del>
        <span className="govuk-visually-hidden">[deleted: </span>
        {segment.text}
        <span className="govuk-visually-hidden">]</span>
      </del>
    );
  return <>{segment.text}</>;
}

/** Two versions side by side, paragraph by paragraph: the earlier with deletions marked, the later with insertions. */
export function ComparePage() {
  const { reviewId = '' } = useParams();
  const [params] = useSearchParams();
  const { data, error, isPending } = useDiff(reviewId, params.get('left') ?? '', params.get('right') ?? '');
  usePageTitle('Compare versions');
  if (isPending) return <Loading what="the comparison" />;
  if (error) return <LoadProblem error={error} what="comparison" />;
  const name = (v: Diff['left']) => `${DOCUMENTS[v.document]}, version ${v.number}`;
  return (
    <>
      <ReportHeader reviewId={reviewId} title="Compare versions" />
      <p className="govuk-body">
        {name(data.left)} compared with {name(data.right)}: {data.words_inserted} words inserted, {data.words_deleted} words deleted.
      </p>
      <div className="app-diff">
        <div className="govuk-grid-row" aria-hidden="true">
          <p className="govuk-grid-column-one-half govuk-heading-s">{name(data.left)}</p>
          <p className="govuk-grid-column-one-half govuk-heading-s">{name(data.right)}</p>
        </div>
        {data.paragraphs.map((p, i) => (
          <div key={i} className="govuk-grid-row app-diff__row">
            <div className="govuk-grid-column-one-half">
              <h2 className="govuk-visually-hidden">{p.left_number ? `${name(data.left)}, paragraph ${p.left_number}` : `Not in ${name(data.left)}`}</h2>
              <p className="govuk-body app-pre-line">{p.left.length ? p.left.map((s, j) => <Marked key={j} segment={s} />) : <span className="app-secondary-text">(not in this version)</span>}</p>
            </div>
            <div className="govuk-grid-column-one-half">
              <h2 className="govuk-visually-hidden">{p.right_number ? `${name(data.right)}, paragraph ${p.right_number}` : `Not in ${name(data.right)}`}</h2>
              <p className="govuk-body app-pre-line">{p.right.length ? p.right.map((s, j) => <Marked key={j} segment={s} />) : <span className="app-secondary-text">(not in this version)</span>}</p>
            </div>
          </div>
        ))}
      </div>
    </>
  );
}
