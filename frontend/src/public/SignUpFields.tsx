import type { UseFormReturn } from 'react-hook-form';
import type { PublicEvent } from '../api/types';
import { Input, Radios, Textarea } from '../components/govuk';
import { attendanceChoices, SENIORITY, SUPPORT, type SignUpValues } from './signUpForm';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const YES_NO = [
  { value: 'yes', label: 'Yes' },
  { value: 'no', label: 'No' },
];

interface Props {
  form: UseFormReturn<SignUpValues>;
  event: PublicEvent;
  /** 'edit' leaves out the questions that cannot be changed after signing up. */
  mode: 'create' | 'edit';
}

/** The practitioner's details: shared by the sign-up and the change-details forms. */
export function SignUpFields({ form, event, mode }: Props) {
  const {
    register,
    formState: { errors },
  } = form;
  const attendance = attendanceChoices(event);
  const required = (message: string) => ({ validate: (v: string) => v.trim() !== '' || message });

  return (
    <>
      <Input id="name" label="Full name" autoComplete="name" spellCheck={false} error={errors.name?.message}
        {...register('name', required('Enter your full name'))} />
      {mode === 'create' ? (
        <Input id="email" label="Email address" type="email" autoComplete="email" spellCheck={false}
          hint="We will only use this to contact you about this event" error={errors.email?.message}
          {...register('email', {
            validate: (v) =>
              v.trim() === '' ? 'Enter your email address'
                : EMAIL.test(v.trim()) || 'Enter an email address in the correct format, like name@example.com',
          })} />
      ) : (
        <p className="govuk-body">
          Email address: <strong>{form.getValues('email')}</strong>. To use another address, cancel your place and sign up again.
        </p>
      )}
      <Input id="agency_name" label="Organisation" hint="For example, Northtown Children’s Services or St Mary’s Primary School"
        autoComplete="organization" error={errors.agency_name?.message}
        {...register('agency_name', required('Enter the name of your organisation'))} />
      <Input id="job_title" label="Job title" autoComplete="organization-title" error={errors.job_title?.message}
        {...register('job_title', required('Enter your job title'))} />
      <Input id="team" label="Team (optional)" error={errors.team?.message} {...register('team')} />

      <Radios id="seniority" legend="Which best describes your role?" legendSize="m" items={SENIORITY}
        hint="Senior managers who have not been directly involved with the child or family are asked not to attend"
        error={errors.seniority?.message}
        registration={register('seniority', { required: 'Select which best describes your role' })} />
      <Radios id="directly_involved" legend="Have you worked directly with the child or their family?" legendSize="m"
        items={YES_NO} inline error={errors.directly_involved?.message}
        registration={register('directly_involved', {
          required: 'Select yes if you have worked directly with the child or their family',
        })} />

      <Textarea id="involvement" label="How have you been involved with the child or their family?"
        hint="For example, the dates you worked with them and what your role was. Do not include their names."
        error={errors.involvement?.message}
        {...register('involvement', {
          validate: (v, values) =>
            values.directly_involved !== 'yes' || v.trim() !== '' ||
            'Enter how you have been involved with the child or their family',
        })} />

      {attendance.length > 1 ? (
        <Radios id="attendance" legend="How will you attend?" legendSize="m" items={attendance}
          error={errors.attendance?.message}
          registration={register('attendance', { required: 'Select how you will attend' })} />
      ) : (
        <input type="hidden" {...register('attendance')} />
      )}

      <Textarea id="access_needs" label="Access needs or adjustments (optional)" rows={3}
        hint="For example, step-free access, a hearing loop or breaks" error={errors.access_needs?.message}
        {...register('access_needs')} />
      <Radios id="support" legend="Would you like support from your agency before or after the event?" legendSize="m"
        hint="Your agency can arrange for someone to talk to you about the case" items={SUPPORT} error={errors.support?.message}
        registration={register('support', { required: 'Select whether you would like support' })} />
    </>
  );
}
