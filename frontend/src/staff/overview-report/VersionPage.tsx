import { Fragment, useState, type ReactNode } from 'react';
import { useParams } from 'react-router';
import { Button, Checkboxes, Input, NotificationBanner, Select, Tag, Textarea } from '../../components/govuk';
import { Loading } from '../../components/layout/Loading';
import { LoadProblem } from '../../components/layout/LoadProblem';
import { formatDateTime } from '../../lib/format';
import { usePageTitle } from '../../lib/usePageTitle';
import { SimpleForm } from '../rapid-reviews/SimpleForm';
import { DOCUMENTS, useAcceptFinding, useAddComment, useComments, useCommentStep, useVersion, type Comment, type Finding, type ReportVersion } from './reportApi';
import { ReportHeader } from './ReportHeader';

const KINDS: Record<Finding['kind'], string> = {
  name: 'Name',
  date: 'Date',
  address: 'Address',
  postcode: 'Postcode',
  school: 'School',
  nhs_number: 'NHS number',
  national_insurance_number: 'National Insurance number',
  phone_number: 'Telephone number',
  email_address: 'E-mail address',
  exact_date: 'Exact date',
  age_beside_place: 'Age beside a place',
  named_place: 'Named place',
  rare_combination: 'Rare combination',
};

/** One version: the text with its anonymisation findings marked, the findings listed (linking to each), and comments. */
export function VersionPage() {
  const { reviewId = '', versionId = '' } = useParams();
  const { data, error, isPending } = useVersion(reviewId, versionId);
  const [banner, setBanner] = useState<string>();
  const title = data ? `${DOCUMENTS[data.document]}, version ${data.number}` : 'Report version';
  usePageTitle(title);
  if (isPending) return <Loading what="the version" />;
  if (error) return <LoadProblem error={error} what="version" />;
  return (
    <>
      <ReportHeader reviewId={reviewId} title={title} />
      {banner && <NotificationBanner type="success" heading={banner} />}
      <p className="govuk-body">
        Shared {formatDateTime(data.shared_at)}
        {data.shared_by ? ` by ${data.shared_by.name}` : ''}. {data.words} words.
        {data.note ? ` What changed: ${data.note}` : ''}
      </p>
      <Findings version={data} reviewId={reviewId} onAccepted={setBanner} />
      <h2 className="govuk-heading-m">The text</h2>
      <MarkedText version={data} />
      <Comments reviewId={reviewId} version={data} onDone={setBanner} />
    </>
  );
}

function findingLabel(finding: Finding): string {
  return `${KINDS[finding.kind]}${finding.severity === 'identifier' ? ' (identifier)' : ' (jigsaw risk)'}`;
}

function Findings({ version, reviewId, onAccepted }: { version: ReportVersion; reviewId: string; onAccepted: (m: string) => void }) {
  const unresolved = version.findings.filter((f) => !f.accepted);
  const canAccept = version.allowed_actions.includes('accept_finding');
  return (
    <section aria-labelledby="findings-heading" className="govuk-!-margin-bottom-8">
      <h2 className="govuk-heading-m" id="findings-heading">
        Anonymisation check
      </h2>
      {version.findings.length === 0 ? (
        <p className="govuk-body">Nothing in this version identifies the child or the family.</p>
      ) : (
        <>
          <p className="govuk-body">
            {unresolved.length === 0
              ? 'Every finding has been accepted by the business office.'
              : `${unresolved.length} of ${version.findings.length} findings to resolve before sign-off and publication: share a version without them, or the business office accepts each with a reason.`}
          </p>
          <ol className="govuk-list govuk-list--number">
            {version.findings.map((finding, index) => (
              <li key={`${finding.start}-${finding.key}`}>
                <a className="govuk-link" href={`#finding-${index + 1}`}>
                  {findingLabel(finding)}: “{finding.text}”, paragraph {finding.paragraph}
                </a>{' '}
                — {finding.reason}.{' '}
                {finding.accepted ? (
                  <Tag colour="green">{`Accepted: ${finding.accepted.reason}`}</Tag>
                ) : (
                  <Tag colour={finding.severity === 'identifier' ? 'red' : 'yellow'}>To resolve</Tag>
                )}
              </li>
            ))}
          </ol>
          {canAccept && unresolved.length > 0 && <AcceptForm reviewId={reviewId} findings={unresolved} onAccepted={onAccepted} />}
        </>
      )}
    </section>
  );
}

function AcceptForm({ reviewId, findings, onAccepted }: { reviewId: string; findings: Finding[]; onAccepted: (m: string) => void }) {
  const accept = useAcceptFinding(reviewId);
  const options = [...new Map(findings.map((f) => [f.key, { value: f.key, label: `${findingLabel(f)}: “${f.text}”` }])).values()];
  return (
    <details className="govuk-details">
      <summary className="govuk-details__summary">
        <span className="govuk-details__summary-text">Accept a finding (business office)</span>
      </summary>
      <div className="govuk-details__text">
        <SimpleForm<{ key: string; reason: string }>
          fields={['key', 'reason']}
          defaultValues={{ key: options[0]?.value ?? '', reason: '' }}
          button="Accept the finding"
          onSubmit={async (values) => {
            await accept.mutateAsync(values);
            onAccepted('The finding has been accepted: the same words no longer block sign-off or publication.');
          }}
        >
          {({ register }, error) => (
            <>
              <Select id="key" label="Finding" options={options} error={error('key')} {...register('key')} />
              <Textarea id="reason" label="Why these words may stand in the published report" rows={3} error={error('reason')} {...register('reason', { required: 'Enter why these words may stand' })} />
            </>
          )}
        </SimpleForm>
      </div>
    </details>
  );
}

/** The text paragraph by paragraph, each finding a <mark> that says, for screen readers, where it starts and ends. */
function MarkedText({ version }: { version: ReportVersion }) {
  const text = version.text;
  const pieces: ReactNode[] = [];
  let at = 0;
  version.findings.forEach((finding, index) => {
    if (finding.start < at) return;
    pieces.push(text.slice(at, finding.start));
    const state = finding.accepted ? 'accepted' : finding.severity;
    pieces.push(
      <mark key={index} id={`finding-${index + 1}`} tabIndex={-1} className={`app-finding app-finding--${state}`}>
        <span className="govuk-visually-hidden">{`Finding ${index + 1}, ${findingLabel(finding)}${finding.accepted ? ', accepted' : ''}: `}</span>
        {text.slice(finding.start, finding.end)}
        <span className="govuk-visually-hidden"> (end of finding)</span>
      </mark>,
    );
    at = finding.end;
  });
  pieces.push(text.slice(at));
  return (
    <div className="app-report-text govuk-body app-pre-line" data-testid="report-text">
      {pieces.map((piece, i) => (
        <Fragment key={i}>{piece}</Fragment>
      ))}
    </div>
  );
}

function Comments({ reviewId, version, onDone }: { reviewId: string; version: ReportVersion; onDone: (m: string) => void }) {
  const { data: threads = [] } = useComments(reviewId, version.id);
  const add = useAddComment(reviewId, version.id);
  const canComment = version.allowed_actions.includes('comment');
  const scrutineer = version.allowed_actions.includes('scrutineer_review');
  return (
    <section aria-labelledby="comments-heading" className="govuk-!-margin-top-8">
      <h2 className="govuk-heading-m" id="comments-heading">
        Comments
      </h2>
      {threads.length === 0 && <p className="govuk-body">No comments yet.</p>}
      {threads.map((thread) => (
        <Thread key={thread.id} reviewId={reviewId} comment={thread} onDone={onDone} />
      ))}
      {canComment && (
        <SimpleForm<{ body: string; paragraph: string; scrutineer_review: string[] }>
          fields={['body', 'paragraph', 'scrutineer_review']}
          defaultValues={{ body: '', paragraph: '', scrutineer_review: [] }}
          button="Add the comment"
          onDone={(form) => form.reset()}
          onSubmit={async ({ body, paragraph, scrutineer_review }) => {
            await add.mutateAsync({ body, paragraph: paragraph ? Number(paragraph) : null, scrutineer_review: scrutineer_review.includes('yes') });
            onDone('Your comment has been added.');
          }}
        >
          {({ register }, error) => (
            <>
              <Textarea id="body" label="Your comment" rows={4} error={error('body')} {...register('body', { required: 'Enter your comment' })} />
              <Input id="paragraph" label="Paragraph it is about (optional)" hint={`A number from 1 to ${version.paragraphs.length}`} inputMode="numeric" widthClass="govuk-input--width-3" error={error('paragraph')} {...register('paragraph')} />
              {scrutineer && (
                <Checkboxes id="scrutineer_review" legend="The scrutineer’s review" items={[{ value: 'yes', label: 'This is my review of the first draft' }]} registration={register('scrutineer_review')} error={error('scrutineer_review')} />
              )}
            </>
          )}
        </SimpleForm>
      )}
    </section>
  );
}

function Thread({ reviewId, comment, onDone }: { reviewId: string; comment: Comment; onDone: (m: string) => void }) {
  const step = useCommentStep(reviewId);
  const [answer, setAnswer] = useState('');
  return (
    <div className="app-comment">
      <p className="govuk-body-s govuk-!-margin-bottom-1">
        <strong>{comment.author.name}</strong>, {formatDateTime(comment.created_at)}
        {comment.paragraph ? `, on paragraph ${comment.paragraph}` : ''}{' '}
        {comment.scrutineer_review && <Tag colour="purple">Scrutineer’s review of the first draft</Tag>}{' '}
        <Tag colour={comment.state === 'resolved' ? 'green' : comment.state === 'answered' ? 'blue' : 'grey'}>{comment.state === 'resolved' ? 'Resolved' : comment.state === 'answered' ? 'Answered' : 'Open'}</Tag>
      </p>
      <p className="govuk-body app-pre-line">{comment.body}</p>
      {comment.answers.map((a) => (
        <div key={a.id} className="app-comment app-comment--answer">
          <p className="govuk-body-s govuk-!-margin-bottom-1">
            <strong>{a.author.name}</strong> answered, {formatDateTime(a.created_at)}
          </p>
          <p className="govuk-body app-pre-line">{a.body}</p>
        </div>
      ))}
      {comment.allowed_actions.includes('answer') && (
        <form
          onSubmit={async (e) => {
            e.preventDefault();
            if (!answer.trim()) return;
            await step.mutateAsync({ commentId: comment.id, answer });
            setAnswer('');
            onDone('Your answer has been added.');
          }}
        >
          <Textarea id={`answer-${comment.id}`} label="Answer" rows={2} value={answer} onChange={(e) => setAnswer(e.target.value)} />
          <Button variant="secondary">Answer</Button>
        </form>
      )}
      {comment.allowed_actions.includes('resolve') && (
        <Button
          variant="secondary"
          type="button"
          onClick={async () => {
            await step.mutateAsync({ commentId: comment.id });
            onDone('The comment has been resolved.');
          }}
        >
          Resolve the comment
        </Button>
      )}
    </div>
  );
}
