import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { unwrap } from '../../api/problem';
import type { IdentifyingDetail } from '../../api/types';
import { SummaryList } from '../../components/govuk';
import { formatDate } from '../../lib/format';
import { api } from '../api';

const KIND_LABELS: Record<IdentifyingDetail['kind'], string> = {
  name: 'Name',
  date_of_birth: 'Date of birth',
  date_of_incident: 'Date of the incident',
  address: 'Address',
  school: 'School',
  place: 'Place',
  carer: 'Carer',
  sex: 'Sex',
  ethnicity: 'Ethnicity',
  faith: 'Faith',
  disability: 'Disability',
};

/** Who the child and family are, fetched only when the person opens it: each opening is one audited read. */
export function IdentifyingDetails({ caseId, reference }: { caseId: string; reference: string }) {
  const [open, setOpen] = useState(false);
  const { data, error, isPending } = useQuery({
    queryKey: ['case', caseId, 'identifying-details'],
    enabled: open,
    staleTime: Infinity,
    queryFn: async () => unwrap(await api.GET('/api/v1/cases/{case_id}/identifying-details', { params: { path: { case_id: caseId } } })),
  });
  const byPerson = new Map<string, IdentifyingDetail[]>();
  for (const detail of data?.details ?? []) byPerson.set(detail.about, [...(byPerson.get(detail.about) ?? []), detail]);
  return (
    <details className="govuk-details" onToggle={(event) => setOpen((event.target as HTMLDetailsElement).open)}>
      <summary className="govuk-details__summary">
        <span className="govuk-details__summary-text">Who {reference} is, to find them in your records</span>
      </summary>
      <div className="govuk-details__text">
        <p className="govuk-body">Opening this is recorded in the child’s access log.</p>
        {open && isPending && <p className="govuk-body">Loading the child’s details…</p>}
        {error && <p className="govuk-body">The child’s details could not be loaded. Try again later.</p>}
        {data && data.details.length === 0 && <p className="govuk-body">No identifying details have been recorded yet.</p>}
        {[...byPerson].map(([about, details]) => (
          <section key={about} aria-label={about}>
            <h3 className="govuk-heading-s">{about.charAt(0).toUpperCase() + about.slice(1)}</h3>
            <SummaryList
              rows={details.map((detail) => ({
                key: KIND_LABELS[detail.kind],
                value: detail.kind === 'date_of_birth' ? formatDate(detail.value, false) : detail.value,
              }))}
            />
          </section>
        ))}
      </div>
    </details>
  );
}
