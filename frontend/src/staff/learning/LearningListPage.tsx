import { Link, useSearchParams } from 'react-router';
import { errorMessage } from '../../api/problem';
import { Button, Select, Table } from '../../components/govuk';
import { Loading } from '../../components/layout/Loading';
import { formatDate } from '../../lib/format';
import { usePageTitle } from '../../lib/usePageTitle';
import { useMe } from '../useMe';
import { LEARNING_KINDS } from './labels';
import { useRecommendations, useThemes, type Recommendation } from './learningApi';

function sourceLink(r: Recommendation) {
  if (r.review_id) return `/reviews/${r.review_id}/learning`;
  if (r.rapid_review_id) return `/rapid-reviews/${r.rapid_review_id}/learning`;
  return `/recommendations/${r.id}`;
}

/** Every recommendation the caller may see, newest source first, filtered by theme in the URL. */
export function LearningListPage() {
  usePageTitle('Learning and recommendations');
  const [params, setParams] = useSearchParams();
  const themeId = params.get('theme_id') || undefined;
  const { data: themes } = useThemes(true);
  const { data: me } = useMe();
  const { data, error, isPending } = useRecommendations({ theme_id: themeId, limit: 200, offset: 0 });
  return (
    <>
      <h1 className="govuk-heading-l">Learning and recommendations</h1>
      <p className="govuk-body">
        What the partnership’s reviews, rapid reviews and other sources found, and the partnership’s response. The <Link className="govuk-link" to="/actions">action tracker</Link> follows the
        agencies’ actions.
      </p>
      {me?.permissions.includes('themes:manage') && (
        <p className="govuk-body">
          <Link className="govuk-link" to="/themes">
            Manage the list of themes
          </Link>
        </p>
      )}
      <form
        role="search"
        aria-label="Filter by theme"
        onSubmit={(e) => {
          e.preventDefault();
          const value = new FormData(e.currentTarget).get('theme_id');
          setParams(value ? { theme_id: String(value) } : {});
        }}
      >
        {themes && (
          <Select id="theme_id" name="theme_id" label="Theme" defaultValue={themeId ?? ''} options={[{ value: '', label: 'Every theme' }, ...themes.map((t) => ({ value: t.id, label: t.name }))]} />
        )}
        <Button variant="secondary">Show</Button>
      </form>
      {isPending && <Loading what="recommendations" />}
      {error && <p className="govuk-body">{errorMessage(error)}</p>}
      {data && data.items.length === 0 && <p className="govuk-body">No learning matches.</p>}
      {data && data.items.length > 0 && (
        <Table
          wide
          caption={`${data.total} recorded`}
          columns={[{ header: 'Learning' }, { header: 'From' }, { header: 'Made' }, { header: 'Themes' }]}
          rows={data.items.map((r) => ({
            key: r.id,
            cells: [
              <Link className="govuk-link" to={`/recommendations/${r.id}`}>
                {LEARNING_KINDS[r.kind].one} {r.label}
                {r.parts.length > 0 && ` (${r.parts.map((p) => p.label).join(', ')})`}
              </Link>,
              <Link className="govuk-link" to={sourceLink(r)}>
                {r.child_reference || r.source_title}
              </Link>,
              formatDate(r.made_on, false),
              [...r.themes, ...r.parts.flatMap((p) => p.themes)].map((t) => t.name).filter((n, i, all) => all.indexOf(n) === i).join(', ') || 'None',
            ],
          }))}
        />
      )}
    </>
  );
}
