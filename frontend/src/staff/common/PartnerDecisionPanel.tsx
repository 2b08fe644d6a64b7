import { Radios, SummaryList, Tag, Textarea } from '../../components/govuk';
import { IsoDateField } from '../../forms/IsoDateField';
import { isoFromParts, todayParts } from '../../forms/dates';
import type { PartnerPosition, ReviewType } from '../../api/types';
import { formatDate } from '../../lib/format';
import { SimpleForm } from '../rapid-reviews/SimpleForm';
import { REFERRAL_OUTCOMES } from '../labels';
import { useMe } from '../useMe';

/** What a partner puts forward: for a review or not, the review (a referral's), reasons, the day it was reached. */
export interface PositionInput {
  forReview: boolean;
  reviewType: ReviewType | null;
  reasons: string;
  recordedOn: string;
}

interface Values {
  for_review: string;
  review_type: string;
  reasons: string;
  recorded_on: string;
}
const FIELDS = ['for_review', 'review_type', 'reasons', 'recorded_on'] as const;

interface Props {
  /** A rapid review's partners decide whether to hold a local CSPR; a referral's whether (and which) review. */
  subject: 'rapid_review' | 'referral';
  positions: PartnerPosition[];
  outstanding: string[];
  /** Whether the recommendation (the meeting's, or the business office's) is for a review, and which (referral). */
  recommendedForReview: boolean;
  recommendedType?: ReviewType | null;
  /** The API's `allowed_actions` has `record_partner_position`. */
  canRecord: boolean;
  onRecord: (input: PositionInput) => Promise<unknown>;
}

const WORDS = {
  rapid_review: {
    question: 'Should a local Child Safeguarding Practice Review be held?',
    yes: 'Hold a local Child Safeguarding Practice Review',
    no: 'No local review',
  },
  referral: {
    question: 'Should the case go further?',
    yes: 'A review goes ahead',
    no: 'Not taken further',
  },
};

function listed(labels: string[]): string {
  return labels.length <= 1 ? (labels[0] ?? '') : `${labels.slice(0, -1).join(', ')} and ${labels[labels.length - 1]}`;
}

function capitalised(label: string): string {
  return label.charAt(0).toUpperCase() + label.slice(1);
}

/**
 * The safeguarding partners' decision (Working Together 2023): the three partners (the local authority, the
 * integrated care board and the police) each record their position through their own lead or delegate; the
 * decision stands when all three have, and is the majority of the three. Until then a partner may change theirs.
 * A position that differs from the recommendation needs reasons. Shows each partner's position (or that it is not
 * yet recorded) to everyone who sees the record, and the form to a partner who may record now.
 */
export function PartnerDecisionPanel({ subject, positions, outstanding, recommendedForReview, recommendedType = null, canRecord, onRecord }: Props) {
  const { data: me } = useMe();
  const words = WORDS[subject];
  const mine = positions.find((p) => p.agency && p.agency.id === me?.agency?.id);
  const waitingFor = positions.filter((p) => outstanding.includes(p.partner)).map((p) => p.label);
  const describe = (p: NonNullable<PartnerPosition['position']>) =>
    p.for_review ? (subject === 'referral' && p.review_type ? REFERRAL_OUTCOMES[p.review_type as ReviewType].choice : words.yes) : words.no;
  const disagrees = (v: Values) => {
    const forReview = v.for_review === 'yes';
    if (forReview !== recommendedForReview) return true;
    return subject === 'referral' && forReview && (v.review_type || recommendedType) !== recommendedType;
  };
  return (
    <section aria-labelledby="partners-decision-heading" className="govuk-!-margin-bottom-8">
      <h2 className="govuk-heading-m" id="partners-decision-heading">
        Safeguarding partners’ decision
      </h2>
      <p className="govuk-body">
        The three safeguarding partners decide jointly: each partner’s lead or delegate records their position. The decision stands when all three have recorded theirs, and is the
        majority of the three; until then a partner may change theirs. A position that differs from the recommendation must give reasons.
      </p>
      {waitingFor.length > 0 && <p className="govuk-body govuk-!-font-weight-bold">Waiting for {listed(waitingFor)}.</p>}
      <SummaryList
        rows={positions.map((p) => ({
          key: capitalised(p.label),
          value: p.position ? (
            <>
              <p className="govuk-body govuk-!-margin-bottom-1">
                {describe(p.position)}{' '}
                {p.position.agrees_with_recommendation ? <Tag colour="green">Agrees with the recommendation</Tag> : <Tag colour="orange">Disagrees with the recommendation</Tag>}
              </p>
              <p className="govuk-body-s govuk-!-margin-bottom-1">
                Recorded by {p.position.recorded_by_name}
                {p.position.recorded_by_job_title ? `, ${p.position.recorded_by_job_title}` : ''}, {formatDate(p.position.recorded_on)}
              </p>
              {p.position.reasons && <p className="govuk-body app-pre-line govuk-!-margin-bottom-0">{p.position.reasons}</p>}
            </>
          ) : (
            'Not yet recorded'
          ),
        }))}
      />
      {canRecord && mine && (
        <PositionForm key={mine.position?.recorded_at ?? 'new'} mine={mine} subject={subject} disagrees={disagrees} recommendedType={recommendedType} onRecord={onRecord} />
      )}
    </section>
  );
}

function PositionForm({ mine, subject, disagrees, recommendedType, onRecord }: {
  mine: PartnerPosition;
  subject: Props['subject'];
  disagrees: (v: Values) => boolean;
  recommendedType: ReviewType | null;
  onRecord: Props['onRecord'];
}) {
  const words = WORDS[subject];
  const current = mine.position;
  const defaults: Values = {
    for_review: current ? (current.for_review ? 'yes' : 'no') : '',
    review_type: current?.review_type ?? recommendedType ?? '',
    reasons: current?.reasons ?? '',
    recorded_on: isoFromParts(todayParts()) ?? '',
  };
  return (
    <>
      <h3 className="govuk-heading-s">{current ? `Change ${mine.label}’s position` : `Record ${mine.label}’s position`}</h3>
      <SimpleForm<Values>
        fields={FIELDS}
        defaultValues={defaults}
        button={current ? 'Change position' : 'Record position'}
        onSubmit={(v) =>
          onRecord({
            forReview: v.for_review === 'yes',
            reviewType: subject === 'referral' && v.for_review === 'yes' ? ((v.review_type || recommendedType) as ReviewType | null) : null,
            reasons: v.reasons,
            recordedOn: v.recorded_on,
          })
        }
      >
        {({ register, control, watch }, error) => {
          const values = watch();
          const disagreeing = values.for_review !== '' && disagrees(values);
          return (
            <>
              <Radios
                id="for_review"
                legend={words.question}
                legendSize="s"
                inline
                error={error('for_review')}
                items={[
                  { value: 'yes', label: 'Yes' },
                  { value: 'no', label: 'No' },
                ]}
                registration={register('for_review', { required: 'Select your partner’s position' })}
              />
              {subject === 'referral' && values.for_review === 'yes' && (
                <Radios
                  id="review_type"
                  legend="Where does it go?"
                  legendSize="s"
                  error={error('review_type')}
                  items={Object.entries(REFERRAL_OUTCOMES).map(([value, o]) => ({ value, label: o.choice, hint: o.hint }))}
                  registration={register('review_type', { required: 'Select where the case goes' })}
                />
              )}
              <Textarea
                id="reasons"
                label={disagreeing ? 'Reasons for disagreeing with the recommendation' : 'Comments (optional)'}
                hint={disagreeing ? 'Your position differs from the recommendation, so give your reasons.' : undefined}
                error={error('reasons')}
                {...register('reasons', {
                  validate: (text, all) => all.for_review === '' || !disagrees(all) || text.trim() !== '' || 'Enter the reasons for disagreeing with the recommendation',
                })}
              />
              <IsoDateField control={control} name="recorded_on" legend="Date the position was reached" what="the date the position was reached" notFuture error={error('recorded_on')} />
            </>
          );
        }}
      </SimpleForm>
    </>
  );
}
