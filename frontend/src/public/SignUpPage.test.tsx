import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { SignUpCreated } from '../api/types';
import { json, mockFetch, problem } from '../test/fetchMock';
import { created, EVENT } from '../test/fixtures';
import { renderApp } from '../test/render';

const EVENT_ROUTE = 'GET /api/v1/public/events/tok-1';
const SIGN_UP_ROUTE = 'POST /api/v1/public/events/tok-1';

function routes(response: () => Response) {
  return mockFetch({ [EVENT_ROUTE]: () => json(EVENT), [SIGN_UP_ROUTE]: response });
}

async function fillForm(user: ReturnType<typeof renderApp>['user']) {
  await user.type(await screen.findByLabelText('Full name'), 'Sam Jones');
  await user.type(screen.getByLabelText('Email address'), 'sam.jones@example.org');
  await user.type(screen.getByLabelText('Organisation'), 'Northtown Children’s Services');
  await user.type(screen.getByLabelText('Job title'), 'Social worker');
  await user.click(screen.getByLabelText('Frontline practitioner'));
  await user.click(within(group('Have you worked directly with the child or their family?')).getByLabelText('Yes'));
  await user.type(screen.getByLabelText('How have you been involved with the child or their family?'), 'Allocated social worker 2023 to 2024');
  await user.click(screen.getByLabelText('Online'));
  await user.click(screen.getByLabelText('Yes, after the event'));
}

function group(legend: string): HTMLElement {
  return screen.getByRole('group', { name: legend });
}

async function signUpWith(response: SignUpCreated) {
  const fetch = routes(() => json(response, 201));
  const view = renderApp('/sign-up/tok-1');
  await fillForm(view.user);
  await view.user.click(screen.getByRole('button', { name: 'Sign up' }));
  return { ...view, fetch };
}

describe('practitioner sign-up page', () => {
  it('shows the event, the questions in advance and the support note', async () => {
    routes(() => json(created(), 201));
    renderApp('/sign-up/tok-1');
    expect(await screen.findByRole('heading', { level: 1, name: EVENT.title })).toBeInTheDocument();
    expect(screen.getByText('Wednesday 12 March 2025')).toBeInTheDocument();
    expect(screen.getByText('9:30am to midday (UK time)')).toBeInTheDocument();
    expect(screen.getByText(EVENT.questions[1] ?? '')).toBeInTheDocument();
    expect(screen.getByText(EVENT.support_note)).toBeInTheDocument();
  });

  it('shows validation messages next to the fields and in the summary', async () => {
    const fetch = routes(() => json(created(), 201));
    const { user } = renderApp('/sign-up/tok-1');
    await user.click(await screen.findByRole('button', { name: 'Sign up' }));

    const summary = screen.getByRole('alert');
    for (const message of [
      'Enter your full name',
      'Enter your email address',
      'Enter the name of your organisation',
      'Enter your job title',
      'Select which best describes your role',
      'Select yes if you have worked directly with the child or their family',
      'Select how you will attend',
      'Select whether you would like support',
    ]) {
      expect(within(summary).getByRole('link', { name: message })).toBeInTheDocument();
    }
    expect(within(summary).getByRole('link', { name: 'Select how you will attend' })).toHaveAttribute('href', '#attendance');
    expect(within(group('How will you attend?')).getByText('Select how you will attend')).toBeInTheDocument();
    expect(fetch.calls(SIGN_UP_ROUTE)).toHaveLength(0);
  });

  it('sends the details and shows the confirmation with calendar and change links', async () => {
    const { fetch } = await signUpWith(created());

    expect(await screen.findByRole('heading', { level: 1, name: 'You are signed up' })).toBeInTheDocument();
    // The place they chose, not every venue the event has.
    const where = screen.getByText('Where you will attend').nextElementSibling;
    expect(where).toHaveTextContent('Online (we will send you the link)');
    expect(where).not.toHaveTextContent('Northtown Civic Centre');
    expect(screen.getByRole('link', { name: 'Add to calendar' })).toHaveAttribute(
      'href',
      '/api/v1/public/sign-ups/m-123/calendar.ics',
    );
    expect(screen.getByRole('link', { name: 'Change your details or cancel your place' })).toHaveAttribute(
      'href',
      '/sign-ups/m-123',
    );
    const body: unknown = await fetch.calls(SIGN_UP_ROUTE)[0]?.json();
    expect(body).toEqual({
      name: 'Sam Jones',
      email: 'sam.jones@example.org',
      agency_name: 'Northtown Children’s Services',
      job_title: 'Social worker',
      team: '',
      involvement: 'Allocated social worker 2023 to 2024',
      attendance: 'online',
      access_needs: '',
      support: 'after',
      seniority: 'frontline',
      directly_involved: true,
    });
  });

  it('says so when the practitioner is on the waiting list', async () => {
    await signUpWith(created({ status: 'waiting_list' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'You are on the waiting list' })).toBeInTheDocument();
    expect(screen.getByText(/If a place becomes available/)).toBeInTheDocument();
  });

  it('shows the reason the API gives when the sign-up is flagged', async () => {
    const reason = 'Senior managers who were not directly involved are asked not to attend. The business office will be in touch.';
    await signUpWith(created({ flagged: true, flag_reason: reason }));
    expect(await screen.findByText(reason)).toBeInTheDocument();
  });

  it('puts the API’s field errors next to the fields', async () => {
    routes(() =>
      problem(422, 'Your request has errors', { errors: [{ field: 'body.email', message: 'Use your work email address' }] }),
    );
    const { user } = renderApp('/sign-up/tok-1');
    await fillForm(user);
    await user.click(screen.getByRole('button', { name: 'Sign up' }));

    const summary = await screen.findByRole('alert');
    expect(within(summary).getByRole('link', { name: 'Use your work email address' })).toHaveAttribute('href', '#email');
    expect(screen.getByLabelText('Email address')).toHaveAccessibleDescription(
      'We will only use this to contact you about this event Error: Use your work email address',
    );
  });

  it('tells the practitioner when they are rate limited', async () => {
    routes(() => problem(429, 'Too many requests'));
    const { user } = renderApp('/sign-up/tok-1');
    await fillForm(user);
    await user.click(screen.getByRole('button', { name: 'Sign up' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('You have made too many requests');
  });

  it('offers the waiting list when the event is full', async () => {
    mockFetch({ [EVENT_ROUTE]: () => json({ ...EVENT, places_left: 0 }) });
    renderApp('/sign-up/tok-1');
    expect(await screen.findByRole('button', { name: 'Join the waiting list' })).toBeInTheDocument();
  });

  it('explains an unknown or expired link', async () => {
    mockFetch({ [EVENT_ROUTE]: () => problem(404, 'Not found') });
    renderApp('/sign-up/tok-1');
    expect(await screen.findByRole('heading', { level: 1, name: 'This link has expired or is not right' })).toBeInTheDocument();
  });
});
