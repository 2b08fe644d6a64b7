import { render, screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { describe, expect, it } from 'vitest';
import { emptyReferral } from '../../test/fixtures';
import { missingBoxes, SECTIONS, sectionStatus, toFormValues, toUpdate } from './referralForm';
import { ReferralTaskList } from './ReferralTaskList';

const section = (id: string) => SECTIONS.find((s) => s.id === id)!;

describe('referral sections', () => {
  it('follows the Appendix 1 form, section by section', () => {
    expect(SECTIONS.map((s) => s.title)).toEqual([
      'Referrer details',
      'Senior manager for safeguarding',
      'Type of review requested',
      'Other agencies known',
      'Brief chronology',
      'Child’s details',
      'Family details or genogram',
      'Background to the incident',
      'Areas of learning',
      'Themes and issues',
    ]);
  });

  it('counts a section complete only when every required box is filled, ignoring optional ones', () => {
    const values = toFormValues(emptyReferral());
    expect(sectionStatus(section('referrer'), values)).toBe('not_started');
    values.referrer = { name: 'Tom Okafor', designation: 'Safeguarding lead', contact: { phone: '', email: '', address: '' } } as never;
    expect(sectionStatus(section('referrer'), values)).toBe('in_progress');
    values.referrer = { name: 'Tom Okafor', designation: 'Safeguarding lead', contact: { phone: '01234', email: 't@example.org', address: '' } } as never;
    expect(sectionStatus(section('referrer'), values)).toBe('completed');
  });

  it('needs at least one complete row in a table; the chronology time is optional', () => {
    const values = toFormValues(emptyReferral());
    expect(sectionStatus(section('chronology'), values)).toBe('not_started');
    values.chronology = [{ occurred_on: '2025-02-01', time: '', event: '' }];
    expect(sectionStatus(section('chronology'), values)).toBe('in_progress');
    values.chronology = [{ occurred_on: '2025-02-01', time: '', event: 'Attended A&E' }];
    expect(sectionStatus(section('chronology'), values)).toBe('completed');
  });

  it('sends empty boxes as null and yes/no as booleans', () => {
    const values = toFormValues(emptyReferral({ child: { criminal_investigation_known: true } as never }));
    expect(values.child).toMatchObject({ criminal_investigation_known: 'yes' });
    const body = toUpdate(values);
    expect(body.child).toMatchObject({ criminal_investigation_known: true, name: null });
    expect(body.referrer?.contact).toEqual({ phone: null, email: null, address: null });
  });

  it('shows which sections are complete in a task list linking to each section', () => {
    const values = toFormValues(emptyReferral({ background: 'History of concerns', areas_of_learning: 'Information sharing' }));
    render(
      <MemoryRouter>
        <ReferralTaskList values={values} problemSections={['child']} />
      </MemoryRouter>,
    );
    expect(screen.getByText('You have completed 2 of 10 sections.')).toBeInTheDocument();
    const background = screen.getByRole('link', { name: /Background to the incident/ });
    expect(background).toHaveAttribute('href', '#section-background');
    expect(within(background.closest('li')!).getByText('Completed')).toBeInTheDocument();
    expect(within(screen.getByRole('link', { name: /Child’s details/ }).closest('li')!).getByText('There is a problem')).toBeInTheDocument();
    expect(within(screen.getByRole('link', { name: /Referrer details/ }).closest('li')!).getByText('Not yet started')).toBeInTheDocument();
  });
});

describe('missing boxes from the API', () => {
  it('names each box by its section and label, with the id of its field', () => {
    const boxes = missingBoxes([
      { field: 'child.name', message: 'must be completed before the request is submitted' },
      { field: 'body.referrer.contact.phone', message: 'must be completed before the request is submitted' },
      { field: 'family_members.1.relationship', message: 'must be completed before the request is submitted' },
      { field: 'other_agencies', message: 'add at least one row before the request is submitted' },
    ]);
    expect(boxes).toEqual([
      { name: 'child.name', fieldId: 'child-name', sectionId: 'child', message: 'Child’s details: Name must be completed before the request is submitted' },
      { name: 'referrer.contact.phone', fieldId: 'referrer-contact-phone', sectionId: 'referrer', message: 'Referrer details: Telephone must be completed before the request is submitted' },
      {
        name: 'family_members.1.relationship',
        fieldId: 'family_members-1-relationship',
        sectionId: 'family_members',
        message: 'Family details or genogram, family member 2: Relationship to the child must be completed before the request is submitted',
      },
      { name: 'other_agencies', fieldId: 'other_agencies', sectionId: 'other_agencies', message: 'Other agencies known: add at least one row before the request is submitted' },
    ]);
  });
});
