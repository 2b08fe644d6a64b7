import type { Notification, NotificationCreate } from '../../api/types';
import { DESCRIBED_ETHNICITIES, type Ethnicity, type LookedAfterStatus } from '../labels';

/** The identifying details, which only a new notification asks for: a correction changes the Panel's answers. */
export const IDENTIFYING_FIELDS: readonly ChildField[] = ['name', 'date_of_birth', 'address'];

/** The Panel's notification has room for four children. */
export const MAX_CHILDREN = 4;
const ADULTHOOD = 18;
const CARE_LEAVER_OLDEST = 24;

type ChildBody = NotificationCreate['children'][number];
type Characteristics = Omit<ChildBody, 'name' | 'date_of_birth' | 'address'>;
type CharacteristicsRead = Notification['children_characteristics'][number];

/** One child as the form holds it: every answer a string, "" when not given. */
export interface ChildValues {
  name: string;
  date_of_birth: string;
  address: string;
  age_at_incident: string;
  sex: string;
  ethnicity: string;
  ethnicity_description: string;
  disability: string;
  disability_description: string;
  looked_after_status: string;
  placement_type: string;
  placement_description: string;
  child_in_need_plan: string;
  child_protection_plan: string;
  known_to_agencies: string;
  known_agencies: string;
}
export type ChildField = keyof ChildValues;

export const EMPTY_CHILD: ChildValues = {
  name: '',
  date_of_birth: '',
  address: '',
  age_at_incident: '',
  sex: '',
  ethnicity: '',
  ethnicity_description: '',
  disability: '',
  disability_description: '',
  looked_after_status: '',
  placement_type: '',
  placement_description: '',
  child_in_need_plan: '',
  child_protection_plan: '',
  known_to_agencies: '',
  known_agencies: '',
};
export const CHILD_FIELDS = Object.keys(EMPTY_CHILD) as ChildField[];
export const CHARACTERISTIC_FIELDS = CHILD_FIELDS.filter((f) => !IDENTIFYING_FIELDS.includes(f));

const PLACEMENT_ASKED: readonly string[] = ['currently_looked_after', 'previously_looked_after', 'care_leaver'] satisfies LookedAfterStatus[];
const PLACEMENT_REQUIRED: readonly string[] = ['currently_looked_after', 'previously_looked_after'] satisfies LookedAfterStatus[];
const ISO = /^\d{4}-\d{2}-\d{2}$/;

/** Which follow-up questions the child's answers reveal. */
export function revealed(child: ChildValues) {
  return {
    ethnicityDescription: DESCRIBED_ETHNICITIES.includes(child.ethnicity as Ethnicity),
    disabilityDescription: child.disability === 'yes',
    placement: PLACEMENT_ASKED.includes(child.looked_after_status),
    placementDescription: PLACEMENT_ASKED.includes(child.looked_after_status) && child.placement_type === 'other',
    knownAgencies: child.known_to_agencies === 'yes',
  };
}

/** Whole years from a date of birth to a day (both YYYY-MM-DD), or null when either is not a date. */
export function ageOn(born: string, day: string): number | null {
  if (!ISO.test(born) || !ISO.test(day) || born > day) return null;
  const [by, bm, bd] = born.split('-').map(Number) as [number, number, number];
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/**
 * Every rule one child's answers break, as the API checks them, keyed by the child's field: the questions the
 * Panel asks, the age against the date of birth (when the form has it), and what the nature of the incident asks
 * of the child. `identifying` false: a correction, which asks for no name or address.
 */
export function childProblems(child: ChildValues, index: number, category: string, incidentDate: string, identifying = true): Partial<Record<ChildField, string>> {
  const who = `child ${index + 1}`;
  const problems: Partial<Record<ChildField, string>> = {};
  const show = revealed(child);
  if (identifying && !child.name.trim()) problems.name = `Enter ${who}’s full name`;
  if (identifying && !child.address.trim()) problems.address = `Enter ${who}’s address`;
  const required: [ChildField, string][] = [
    ['sex', `Select the sex of ${who}`],
    ['ethnicity', `Select the ethnicity of ${who}`],
    ['disability', `Select whether ${who} has a disability`],
    ['looked_after_status', `Select the looked-after status of ${who}`],
    ['child_in_need_plan', `Select whether ${who} has had a child in need plan`],
    ['child_protection_plan', `Select whether ${who} has had a child protection plan`],
    ['known_to_agencies', `Select whether ${who} was known to any agency`],
  ];
  for (const [field, message] of required) if (!child[field]) problems[field] = message;

  const typed = child.age_at_incident.trim();
  let age: number | null = null;
  if (typed) {
    if (!/^\d{1,3}$/.test(typed)) problems.age_at_incident = `Age at the incident of ${who} must be a whole number of years, like 7`;
    else age = Number(typed);
  }
  const derived = ageOn(child.date_of_birth, incidentDate);
  if (derived !== null) {
    if (age !== null && age !== derived) {
      const message = `The age at the incident of ${who} (${age}) does not match their date of birth, which makes them ${derived} on the day of the incident: correct the age or the date of birth`;
      problems.age_at_incident = message;
      problems.date_of_birth = message;
    }
    age = derived;
  }
  const careLeaverDeath = category === 'death_of_care_leaver_under_25';
  if (age !== null && !problems.age_at_incident) {
    if (careLeaverDeath && age > CARE_LEAVER_OLDEST) problems.age_at_incident = `The death of a care leaver is notified up to and including age ${CARE_LEAVER_OLDEST}: ${who} was ${age} at the incident`;
    else if (!careLeaverDeath && age >= ADULTHOOD) problems.age_at_incident = `A notification is about a child under ${ADULTHOOD}: ${who} was ${age} at the incident. For a care leaver up to 24 choose ‘death of a care leaver’ as the nature of the incident`;
  }
  if (careLeaverDeath && child.looked_after_status && child.looked_after_status !== 'care_leaver') {
    problems.looked_after_status = `The death of a care leaver is notified for a care leaver: choose ‘care leaver’ as the looked-after status of ${who}, or choose another nature of incident`;
  }
  if (category === 'death_of_looked_after_child' && child.looked_after_status && child.looked_after_status !== 'currently_looked_after') {
    problems.looked_after_status = `The death of a looked-after child is notified for a child who is currently looked after: choose ‘currently looked after’ for ${who}, or choose another nature of incident`;
  }
  if (PLACEMENT_REQUIRED.includes(child.looked_after_status) && !child.placement_type) problems.placement_type = `Select the placement type of ${who}, who is or was looked after`;
  if (show.placementDescription && !child.placement_description.trim()) problems.placement_description = `Describe the placement of ${who}`;
  return problems;
}

const text = (value: string, shown: boolean) => (shown && value.trim() ? value.trim() : null);

/** What the API receives for one child: follow-up answers only while their question is shown. */
export function childBody(child: ChildValues): ChildBody {
  return { name: child.name, date_of_birth: child.date_of_birth, address: child.address, ...characteristicsBody(child) };
}

/** The Panel's answers about one child, as a correction sends them: follow-up answers only while their question is shown. */
export function characteristicsBody(child: ChildValues): Characteristics {
  const show = revealed(child);
  return {
    age_at_incident: child.age_at_incident.trim() ? Number(child.age_at_incident) : null,
    sex: child.sex as ChildBody['sex'],
    ethnicity: child.ethnicity as ChildBody['ethnicity'],
    ethnicity_description: text(child.ethnicity_description, show.ethnicityDescription),
    disability: child.disability as ChildBody['disability'],
    disability_description: text(child.disability_description, show.disabilityDescription),
    looked_after_status: child.looked_after_status as ChildBody['looked_after_status'],
    placement_type: show.placement && child.placement_type ? (child.placement_type as ChildBody['placement_type']) : null,
    placement_description: text(child.placement_description, show.placementDescription),
    child_in_need_plan: child.child_in_need_plan as ChildBody['child_in_need_plan'],
    child_protection_plan: child.child_protection_plan as ChildBody['child_protection_plan'],
    known_to_agencies: child.known_to_agencies as ChildBody['known_to_agencies'],
    known_agencies: text(child.known_agencies, show.knownAgencies),
  };
}

/** A child's recorded answers as the form holds them, to be corrected; the date of birth, when the reader may see
 * it, so the form can check the age against it as the API will. */
export function childValues(c: CharacteristicsRead, dateOfBirth = ''): ChildValues {
  return {
    ...EMPTY_CHILD,
    date_of_birth: dateOfBirth,
    age_at_incident: String(c.age_at_incident),
    sex: c.sex,
    ethnicity: c.ethnicity,
    ethnicity_description: c.ethnicity_description ?? '',
    disability: c.disability,
    disability_description: c.disability_description ?? '',
    looked_after_status: c.looked_after_status,
    placement_type: c.placement_type ?? '',
    placement_description: c.placement_description ?? '',
    child_in_need_plan: c.child_in_need_plan,
    child_protection_plan: c.child_protection_plan,
    known_to_agencies: c.known_to_agencies,
    known_agencies: c.known_agencies ?? '',
  };
}
