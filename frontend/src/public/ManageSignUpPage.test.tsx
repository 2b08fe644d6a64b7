import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { SignUp } from '../api/types';
import { json, mockFetch } from '../test/fetchMock';
import { EVENT } from '../test/fixtures';
import { renderApp } from '../test/render';

const ROUTE = '/api/v1/public/sign-ups/m-123';
const SIGN_UP: SignUp = {
  name: 'Sam Jones',
  email: 'sam.jones@example.org',
  agency_name: 'Northtown Children’s Services',
  job_title: 'Social worker',
  team: 'Assessment team',
  involvement: 'Allocated social worker',
  attendance: 'online',
  access_needs: '',
  support: 'none',
  seniority: 'frontline',
  directly_involved: true,
  status: 'confirmed',
  flagged: false,
  flag_reason: null,
  event: EVENT,
};

describe('manage sign-up page', () => {
  it('sends only the changed details', async () => {
    const fetch = mockFetch({
      [`GET ${ROUTE}`]: () => json(SIGN_UP),
      [`PATCH ${ROUTE}`]: () => json({ ...SIGN_UP, job_title: 'Senior social worker' }),
    });
    const { user } = renderApp('/sign-ups/m-123');
    const jobTitle = await screen.findByLabelText('Job title');
    await user.clear(jobTitle);
    await user.type(jobTitle, 'Senior social worker');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));

    expect(await screen.findByText('Your details have been saved')).toBeInTheDocument();
    expect(await fetch.calls(`PATCH ${ROUTE}`)[0]?.json()).toEqual({ job_title: 'Senior social worker' });
  });

  it('shows the place chosen, and lets the practitioner change their role and involvement', async () => {
    const fetch = mockFetch({
      [`GET ${ROUTE}`]: () => json(SIGN_UP),
      [`PATCH ${ROUTE}`]: () => json({ ...SIGN_UP, seniority: 'first_line_manager', directly_involved: false, involvement: '' }),
    });
    const { user } = renderApp('/sign-ups/m-123');
    const where = (await screen.findByText('Where you will attend')).nextElementSibling;
    expect(where).toHaveTextContent('Online (we will send you the link)');
    expect(where).not.toHaveTextContent('Northtown Civic Centre');
    await user.click(screen.getByLabelText('First line manager'));
    await user.click(within(screen.getByRole('group', { name: 'Have you worked directly with the child or their family?' })).getByLabelText('No'));
    await user.click(screen.getByRole('button', { name: 'Save changes' }));

    expect(await screen.findByText('Your details have been saved')).toBeInTheDocument();
    expect(await fetch.calls(`PATCH ${ROUTE}`)[0]?.json()).toEqual({ seniority: 'first_line_manager', directly_involved: false });
  });

  it('cancels after asking to confirm', async () => {
    const fetch = mockFetch({
      [`GET ${ROUTE}`]: () => json(SIGN_UP),
      [`DELETE ${ROUTE}`]: () => json({ status: 'cancelled' }),
    });
    const { user } = renderApp('/sign-ups/m-123');
    await user.click(await screen.findByRole('button', { name: 'Cancel my place' }));
    expect(fetch.calls(`DELETE ${ROUTE}`)).toHaveLength(0);
    await user.click(screen.getByRole('button', { name: 'Yes, cancel my place' }));

    expect(await screen.findByText('Your place has been cancelled')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Save changes' })).not.toBeInTheDocument();
  });
});
