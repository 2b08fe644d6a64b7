import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { errorMessage } from '../../api/problem';
import { Button, ButtonGroup, Input, Select, Table } from '../../components/govuk';
import { Loading } from '../../components/layout/Loading';
import { usePageTitle } from '../../lib/usePageTitle';
import { useAgencies } from '../notifications/useAgencies';
import { useMe } from '../useMe';
import { ActionDue, ActionStatusTag, answersLabel } from './ActionParts';
import { ACTION_STATUSES, SORTS } from './labels';
import { downloadExport, exportSearch, queryFromParams, useActions, useThemes, type ActionStatus } from './learningApi';

const PAGE = 50;
const SCOPES = ['review_id', 'rapid_review_id', 'recommendation_id'] as const;

/** The action tracker: every action the caller may see, filtered and sorted from the URL, so a view can be shared. */
export function ActionTrackerPage() {
  usePageTitle('Action tracker');
  const [params, setParams] = useSearchParams();
  const offset = Math.max(0, Number(params.get('offset')) || 0);
  const query = queryFromParams(params);
  const { data, error, isPending } = useActions({ ...query, limit: PAGE, offset });
  const { data: me } = useMe();
  const [exportError, setExportError] = useState<string>();

  function apply(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const next = new URLSearchParams();
    for (const [name, value] of new FormData(event.currentTarget)) {
      if (typeof value === 'string' && value.trim()) next.append(name, value.trim());
    }
    setParams(next);
  }

  async function download(format: 'xlsx' | 'csv') {
    setExportError(undefined);
    try {
      await downloadExport(format, exportSearch(params));
    } catch (e) {
      setExportError(errorMessage(e));
    }
  }

  const page = (to: number) => {
    const next = new URLSearchParams(params);
    if (to > 0) next.set('offset', String(to));
    else next.delete('offset');
    return `/actions?${next}`;
  };
  const scoped = SCOPES.filter((name) => params.get(name));
  return (
    <>
      <h1 className="govuk-heading-l">Action tracker</h1>
      <p className="govuk-body">
        What each agency is doing in answer to the partnership’s recommendations and the rapid reviews’ immediate actions. An action closes when the business office accepts the evidence
        that frontline practice changed.
      </p>
      {scoped.length > 0 && (
        <p className="govuk-body">
          Showing the actions of one {scoped[0] === 'recommendation_id' ? 'recommendation' : scoped[0] === 'review_id' ? 'review' : 'rapid review'}.{' '}
          <Link className="govuk-link" to="/actions">
            Show every action
          </Link>
        </p>
      )}
      <Filters key={params.toString()} params={params} onApply={apply} crossAgency={!me?.agency} myId={me?.id} />
      <h2 className="govuk-heading-m">Download</h2>
      {exportError && (
        <p className="govuk-error-message" role="alert">
          <span className="govuk-visually-hidden">Error:</span> {exportError}
        </p>
      )}
      <ButtonGroup>
        <Button type="button" variant="secondary" onClick={() => void download('xlsx')}>
          Download these actions as a spreadsheet (XLSX)
        </Button>
        <Button type="button" variant="secondary" onClick={() => void download('csv')}>
          Download as CSV
        </Button>
      </ButtonGroup>
      {isPending && <Loading what="actions" />}
      {error && <p className="govuk-body">{errorMessage(error)}</p>}
      {data && data.items.length === 0 && <p className="govuk-body">No actions match these filters.</p>}
      {data && data.items.length > 0 && (
        <>
          <Table
            wide
            caption={`${data.total} action${data.total === 1 ? '' : 's'}${data.total > PAGE ? `, ${offset + 1} to ${offset + data.items.length} shown` : ''}`}
            columns={[{ header: 'Action' }, { header: 'Answers' }, { header: 'Agency' }, { header: 'Owner' }, { header: 'Due' }, { header: 'Status' }]}
            rows={data.items.map((action) => ({
              key: action.id,
              cells: [
                <Link className="govuk-link" to={`/actions/${action.id}`}>
                  {action.description}
                </Link>,
                <>
                  {action.child_reference || action.answers.source_title}
                  <span className="govuk-!-display-block govuk-body-s govuk-!-margin-bottom-0">{answersLabel(action)}</span>
                </>,
                action.agency.name,
                action.owner?.name ?? 'Not named',
                <ActionDue action={action} />,
                <ActionStatusTag status={action.status} />,
              ],
            }))}
          />
          {data.total > PAGE && (
            <nav className="govuk-pagination govuk-pagination--block" aria-label="Pages of actions">
              {offset > 0 && (
                <div className="govuk-pagination__prev">
                  <Link className="govuk-link govuk-pagination__link" to={page(Math.max(0, offset - PAGE))} rel="prev">
                    <span className="govuk-pagination__link-title">Previous page</span>
                  </Link>
                </div>
              )}
              {offset + PAGE < data.total && (
                <div className="govuk-pagination__next">
                  <Link className="govuk-link govuk-pagination__link" to={page(offset + PAGE)} rel="next">
                    <span className="govuk-pagination__link-title">Next page</span>
                  </Link>
                </div>
              )}
            </nav>
          )}
        </>
      )}
    </>
  );
}

function Filters({ params, onApply, crossAgency, myId }: { params: URLSearchParams; onApply: (e: FormEvent<HTMLFormElement>) => void; crossAgency: boolean; myId?: string }) {
  const { data: agencies } = useAgencies();
  const { data: themes } = useThemes(true);
  const statuses = params.getAll('status');
  const value = (name: string) => params.get(name) ?? '';
  return (
    <form role="search" aria-label="Filter actions" onSubmit={onApply} className="govuk-!-margin-bottom-6">
      <h2 className="govuk-heading-m">Filter actions</h2>
      {SCOPES.map((name) => params.get(name) && <input key={name} type="hidden" name={name} value={value(name)} />)}
      <Input id="q" name="q" label="Search" hint="Words in the action, its outcome or evidence, the recommendation, or the child’s reference" defaultValue={value('q')} maxLength={200} />
      {crossAgency && agencies && (
        <Select id="agency_id" name="agency_id" label="Agency" defaultValue={value('agency_id')} options={[{ value: '', label: 'Every agency' }, ...agencies.map((a) => ({ value: a.id, label: a.name }))]} />
      )}
      <div className="govuk-form-group">
        <fieldset className="govuk-fieldset">
          <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Status</legend>
          <div className="govuk-checkboxes govuk-checkboxes--small">
            {(Object.keys(ACTION_STATUSES) as ActionStatus[]).map((status) => (
              <div className="govuk-checkboxes__item" key={status}>
                <input className="govuk-checkboxes__input" id={`status-${status}`} type="checkbox" name="status" value={status} defaultChecked={statuses.includes(status)} />
                <label className="govuk-label govuk-checkboxes__label" htmlFor={`status-${status}`}>
                  {ACTION_STATUSES[status].label}
                </label>
              </div>
            ))}
          </div>
        </fieldset>
      </div>
      <Select
        id="overdue"
        name="overdue"
        label="Overdue"
        defaultValue={value('overdue')}
        options={[
          { value: '', label: 'Overdue or not' },
          { value: 'true', label: 'Overdue only' },
          { value: 'false', label: 'Not overdue' },
        ]}
      />
      {themes && <Select id="theme_id" name="theme_id" label="Theme" defaultValue={value('theme_id')} options={[{ value: '', label: 'Every theme' }, ...themes.map((t) => ({ value: t.id, label: t.retired ? `${t.name} (retired)` : t.name }))]} />}
      {myId && (
        <div className="govuk-form-group">
          <div className="govuk-checkboxes govuk-checkboxes--small">
            <div className="govuk-checkboxes__item">
              <input className="govuk-checkboxes__input" id="owner_id" type="checkbox" name="owner_id" value={myId} defaultChecked={value('owner_id') === myId} />
              <label className="govuk-label govuk-checkboxes__label" htmlFor="owner_id">
                Only actions I own
              </label>
            </div>
          </div>
        </div>
      )}
      <Input id="due_from" name="due_from" type="date" label="Due on or after" hint="For example, 2027-01-31" defaultValue={value('due_from')} widthClass="govuk-input--width-10" />
      <Input id="due_to" name="due_to" type="date" label="Due on or before" hint="For example, 2027-03-31" defaultValue={value('due_to')} widthClass="govuk-input--width-10" />
      <Select id="sort" name="sort" label="Sort by" defaultValue={value('sort') || 'due_date'} options={SORTS} />
      <ButtonGroup>
        <Button>Apply filters</Button>
        <Link className="govuk-link" to="/actions">
          Clear filters
        </Link>
      </ButtonGroup>
    </form>
  );
}
