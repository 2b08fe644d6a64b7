import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { clearSession, REFRESH_TOKEN_KEY } from '../../auth/session';
import { json, mockFetch } from '../../test/fetchMock';
import { me, OFFICE_PERMISSIONS, page, POLICE, tokens, TRUST } from '../../test/fixtures';
import { renderApp } from '../../test/render';
import { childProblems, EMPTY_CHILD, type ChildValues } from './childRules';

afterEach(() => clearSession());

const CHILD: ChildValues = {
  ...EMPTY_CHILD,
  name: 'Rowan Ashby-Kerr',
  date_of_birth: '2025-03-14',
  address: '7 Lantern Court',
  sex: 'female',
  ethnicity: 'white_british',
  disability: 'no',
  looked_after_status: 'not_looked_after',
  child_in_need_plan: 'never',
  child_protection_plan: 'never',
  known_to_agencies: 'yes',
};
const INCIDENT = '2026-11-16';

describe('the rules of one notified child', () => {
  it('accepts a complete child and works the age out from the date of birth', () => {
    expect(childProblems(CHILD, 0, 'serious_harm', INCIDENT)).toEqual({});
    expect(childProblems({ ...CHILD, age_at_incident: '1' }, 0, 'serious_harm', INCIDENT)).toEqual({});
  });

  it('refuses an age that contradicts the date of birth, naming both', () => {
    const problems = childProblems({ ...CHILD, age_at_incident: '7' }, 1, 'serious_harm', INCIDENT);
    expect(problems.age_at_incident).toContain('The age at the incident of child 2 (7) does not match their date of birth');
    expect(problems.date_of_birth).toBe(problems.age_at_incident);
    expect(childProblems({ ...CHILD, age_at_incident: '-1' }, 0, 'serious_harm', INCIDENT).age_at_incident).toContain('whole number');
  });

  it('notifies a care leaver’s death up to and including age 24, and only for a care leaver', () => {
    const leaver = { ...CHILD, looked_after_status: 'care_leaver' };
    expect(childProblems({ ...leaver, date_of_birth: '2001-11-17' }, 0, 'death_of_care_leaver_under_25', INCIDENT)).toEqual({});
    expect(childProblems({ ...leaver, date_of_birth: '2001-11-16' }, 0, 'death_of_care_leaver_under_25', INCIDENT).age_at_incident).toBe(
      'The death of a care leaver is notified up to and including age 24: child 1 was 25 at the incident',
    );
    expect(childProblems({ ...CHILD, date_of_birth: '2005-01-01' }, 0, 'death_of_care_leaver_under_25', INCIDENT).looked_after_status).toContain('choose ‘care leaver’');
    expect(childProblems({ ...CHILD, date_of_birth: '2005-01-01' }, 0, 'serious_harm', INCIDENT).age_at_incident).toContain('under 18');
  });

  it('asks the placement of a child who is or was looked after, and the looked-after child’s death needs one looked after now', () => {
    expect(childProblems({ ...CHILD, looked_after_status: 'previously_looked_after' }, 0, 'serious_harm', INCIDENT).placement_type).toBe(
      'Select the placement type of child 1, who is or was looked after',
    );
    expect(childProblems({ ...CHILD, looked_after_status: 'currently_looked_after', placement_type: 'other' }, 0, 'death', INCIDENT).placement_description).toBe('Describe the placement of child 1');
    expect(childProblems(CHILD, 0, 'death_of_looked_after_child', INCIDENT).looked_after_status).toContain('currently looked after');
  });
});

function open() {
  sessionStorage.setItem(REFRESH_TOKEN_KEY, 'refresh-0');
  mockFetch({
    'POST /api/v1/auth/token': () => json(tokens(1)),
    'GET /api/v1/me': () => json(me('business_office', OFFICE_PERMISSIONS)),
    'GET /api/v1/agencies': () => json(page([TRUST, POLICE])),
  });
  return renderApp('/incident-notifications/new');
}

describe('recording a serious incident notification', () => {
  it('lists every unanswered question of the Panel in the error summary, each linking to its field', async () => {
    const { user } = open();
    await user.click(await screen.findByRole('button', { name: 'Record notification' }));

    const summary = within(await screen.findByRole('alert'));
    for (const [message, id] of [
      ['Enter the council where the incident happened', 'incident_council'],
      ['Select the sex of child 1', 'children-0-sex'],
      ['Select the ethnicity of child 1', 'children-0-ethnicity'],
      ['Select the looked-after status of child 1', 'children-0-looked_after_status'],
      ['Select whether child 1 was known to any agency', 'children-0-known_to_agencies'],
    ] as const) {
      expect(summary.getByRole('link', { name: message })).toHaveAttribute('href', `#${id}`);
    }
  });

  it('reveals the placement for a child who is looked after, and the description for an "other" placement', async () => {
    const { user } = open();
    expect(await screen.findByRole('group', { name: 'Looked-after status' })).toBeInTheDocument();
    expect(screen.queryByRole('group', { name: 'Placement type' })).not.toBeInTheDocument();
    await user.click(screen.getByLabelText('Currently looked after'));
    const placement = within(screen.getByRole('group', { name: 'Placement type' }));
    expect(screen.getByLabelText('Describe the placement')).not.toBeVisible();
    await user.click(placement.getByLabelText('Other'));
    expect(screen.getByLabelText('Describe the placement')).toBeVisible();
  });

  it('adds another child up to four, the most one notification holds', async () => {
    const { user } = open();
    for (let added = 2; added <= 4; added += 1) {
      await user.click(await screen.findByRole('button', { name: 'Add another child' }));
      expect(screen.getByRole('group', { name: `Child ${added}` })).toBeInTheDocument();
    }
    expect(screen.queryByRole('button', { name: 'Add another child' })).not.toBeInTheDocument();
    expect(screen.getByText('You have named 4 children, the most one notification holds.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Remove child 4' }));
    expect(screen.getByRole('button', { name: 'Add another child' })).toBeInTheDocument();
  });
});
