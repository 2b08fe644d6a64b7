import type { PublicEvent, SignUp, SignUpCreate, SignUpUpdate } from '../api/types';
import type { ChoiceItem } from '../components/govuk';

/** One shape for both the sign-up and the change-details forms; radios hold strings. */
export interface SignUpValues {
  name: string;
  email: string;
  agency_name: string;
  job_title: string;
  team: string;
  seniority: string;
  directly_involved: string;
  involvement: string;
  attendance: string;
  access_needs: string;
  support: string;
}

export const EMPTY_VALUES: SignUpValues = {
  name: '',
  email: '',
  agency_name: '',
  job_title: '',
  team: '',
  seniority: '',
  directly_involved: '',
  involvement: '',
  attendance: '',
  access_needs: '',
  support: '',
};

/** The fields in page order (the error summary lists errors in this order). */
export const SIGN_UP_FIELDS = [
  'name',
  'email',
  'agency_name',
  'job_title',
  'team',
  'seniority',
  'directly_involved',
  'involvement',
  'attendance',
  'access_needs',
  'support',
] as const satisfies readonly (keyof SignUpValues)[];

// Everything but the e-mail address, which the private link was sent to.
export const EDITABLE_FIELDS = SIGN_UP_FIELDS.filter((f): f is Exclude<(typeof SIGN_UP_FIELDS)[number], 'email'> => f !== 'email');

type Attendance = SignUpCreate['attendance'];
type Support = SignUpCreate['support'];
type Seniority = SignUpCreate['seniority'];

export const SENIORITY: (ChoiceItem & { value: Seniority })[] = [
  { value: 'frontline', label: 'Frontline practitioner', hint: 'For example, a social worker, teacher, nurse, health visitor or police officer' },
  { value: 'first_line_manager', label: 'First line manager', hint: 'For example, a team manager or practice supervisor' },
  { value: 'senior_service_manager', label: 'Senior or service manager', hint: 'For example, a head of service or director' },
];

export const SUPPORT: (ChoiceItem & { value: Support })[] = [
  { value: 'none', label: 'No, I do not need support' },
  { value: 'before', label: 'Yes, before the event' },
  { value: 'after', label: 'Yes, after the event' },
  { value: 'both', label: 'Yes, before and after the event' },
];

export function attendanceChoices(event: PublicEvent): (ChoiceItem & { value: Attendance })[] {
  const choices: (ChoiceItem & { value: Attendance })[] = [];
  if (event.location) choices.push({ value: 'in_person', label: 'In person', hint: event.location });
  if (event.virtual_link) choices.push({ value: 'online', label: 'Online', hint: 'We will send you the link' });
  return choices;
}

function oneOf<T extends string>(value: string, items: readonly { value: T }[]): T {
  const found = items.find((item) => item.value === value);
  if (!found) throw new Error(`Unexpected choice: ${value}`);
  return found.value;
}

const ATTENDANCE: { value: Attendance }[] = [{ value: 'in_person' }, { value: 'online' }];

type Editable = (typeof EDITABLE_FIELDS)[number];

/** The fields a practitioner can change later, as the API wants them. */
function editableBody(v: SignUpValues): Pick<SignUpCreate, Editable> {
  return {
    name: v.name.trim(),
    agency_name: v.agency_name.trim(),
    job_title: v.job_title.trim(),
    team: v.team.trim(),
    involvement: v.involvement.trim(),
    attendance: oneOf(v.attendance, ATTENDANCE),
    access_needs: v.access_needs.trim(),
    support: oneOf(v.support, SUPPORT),
    seniority: oneOf(v.seniority, SENIORITY),
    directly_involved: v.directly_involved === 'yes',
  };
}

/** Form values (already validated) → the API's sign-up body. */
export function toSignUpCreate(v: SignUpValues): SignUpCreate {
  return { ...editableBody(v), email: v.email.trim() };
}

/** The changed fields only → the API's PATCH body. */
export function toSignUpUpdate(v: SignUpValues, dirty: Partial<Record<keyof SignUpValues, boolean>>): SignUpUpdate {
  const body = editableBody(v);
  const changed = EDITABLE_FIELDS.filter((field) => dirty[field]);
  return Object.fromEntries(changed.map((field) => [field, body[field]])) as SignUpUpdate;
}

/** A stored sign-up → form values for changing it. */
export function fromSignUp(s: SignUp): SignUpValues {
  return {
    ...EMPTY_VALUES,
    name: s.name,
    email: s.email,
    agency_name: s.agency_name,
    job_title: s.job_title,
    team: s.team,
    involvement: s.involvement,
    attendance: s.attendance,
    access_needs: s.access_needs,
    support: s.support,
    seniority: s.seniority,
    directly_involved: s.directly_involved ? 'yes' : 'no',
  };
}
