import type { Referral, ReferralUpdate } from '../../api/types';
import type { FieldError } from '../../api/problem';
import { fieldId } from '../../forms/summary';
import { toFieldName } from '../../forms/problemToForm';

/** One box of the Appendix 1 form: its path in the form values, its label, how it is entered. */
export interface Box {
  name: string;
  label: string;
  hint?: string;
  kind?: 'text' | 'textarea' | 'date' | 'time' | 'email' | 'tel' | 'yesno' | 'reviewType';
  optional?: boolean;
}

/** A repeating table of the form ("Other agencies known", the chronology, the family). */
export interface Table {
  name: 'other_agencies' | 'chronology' | 'family_members';
  rowLabel: string;
  columns: Box[];
}

export interface Section {
  id: string;
  title: string;
  hint?: string;
  boxes: Box[];
  table?: Table;
}

const person = (prefix: 'referrer' | 'senior_manager'): Box[] => [
  { name: `${prefix}.name`, label: 'Name' },
  { name: `${prefix}.designation`, label: 'Agency and designation' },
  { name: `${prefix}.contact.phone`, label: 'Telephone', kind: 'tel' },
  { name: `${prefix}.contact.email`, label: 'Email address', kind: 'email' },
  { name: `${prefix}.contact.address`, label: 'Postal address (optional)', kind: 'textarea', optional: true },
];

/** The sections of "Request for consideration of a review" (seed 003, Appendix 1), in the form's order. */
export const SECTIONS: Section[] = [
  { id: 'referrer', title: 'Referrer details', boxes: person('referrer') },
  {
    id: 'senior_manager',
    title: 'Senior manager for safeguarding',
    hint: 'They sign off the request ("I agree with this request") once you submit it.',
    boxes: person('senior_manager'),
  },
  {
    id: 'review_type',
    title: 'Type of review requested',
    boxes: [
      { name: 'review_type_requested', label: 'Which type of review are you requesting?', kind: 'reviewType' },
      { name: 'rationale', label: 'Rationale against the criteria for the review', kind: 'textarea' },
    ],
  },
  {
    id: 'other_agencies',
    title: 'Other agencies known',
    boxes: [],
    table: {
      name: 'other_agencies',
      rowLabel: 'Agency',
      columns: [
        { name: 'agency', label: 'Agency' },
        { name: 'contact_details', label: 'Contact details', kind: 'textarea' },
        { name: 'reason_for_involvement', label: 'Reason for involvement', kind: 'textarea' },
      ],
    },
  },
  {
    id: 'chronology',
    title: 'Brief chronology',
    hint: 'Key events around the time of the incident; a full chronology is not needed at this stage.',
    boxes: [],
    table: {
      name: 'chronology',
      rowLabel: 'Event',
      columns: [
        { name: 'occurred_on', label: 'Date', kind: 'date' },
        { name: 'time', label: 'Time (optional)', kind: 'time', optional: true },
        { name: 'event', label: 'Event', kind: 'textarea' },
      ],
    },
  },
  {
    id: 'child',
    title: 'Child’s details',
    boxes: [
      { name: 'child.name', label: 'Name' },
      { name: 'child.date_of_birth', label: 'Date of birth', kind: 'date' },
      { name: 'child.date_of_death_or_serious_incident', label: 'Date of death or serious incident', kind: 'date' },
      { name: 'child.home_address', label: 'Home address', kind: 'textarea' },
      { name: 'child.ethnic_origin', label: 'Ethnic origin' },
      { name: 'child.faith', label: 'Faith' },
      { name: 'child.disability', label: 'Disability', kind: 'textarea' },
      {
        name: 'child.child_protection_plan',
        label: 'Child protection plan',
        hint: 'Subject to a plan now or before? If so when, for what and for how long.',
        kind: 'textarea',
      },
      { name: 'child.incident_location', label: 'Address of the location of the incident(s)', kind: 'textarea' },
      { name: 'child.carer_at_time_of_incident', label: 'Who was caring for the child at the time of the incident?' },
      { name: 'child.criminal_investigation_known', label: 'Is the case known to be the subject of a criminal investigation?', kind: 'yesno' },
    ],
  },
  {
    id: 'family_members',
    title: 'Family details or genogram',
    boxes: [],
    table: {
      name: 'family_members',
      rowLabel: 'Family member',
      columns: [
        { name: 'name', label: 'Name' },
        { name: 'date_of_birth', label: 'Date of birth', kind: 'date' },
        { name: 'address', label: 'Address', kind: 'textarea' },
        { name: 'relationship', label: 'Relationship to the child' },
      ],
    },
  },
  {
    id: 'background',
    title: 'Background to the incident',
    boxes: [{ name: 'background', label: 'History of concerns and the incident itself', kind: 'textarea' }],
  },
  {
    id: 'areas_of_learning',
    title: 'Areas of learning',
    boxes: [{ name: 'areas_of_learning', label: 'Areas of learning identified', kind: 'textarea' }],
  },
  {
    id: 'themes',
    title: 'Themes and issues',
    boxes: [
      { name: 'themes.actions_taken', label: 'Any actions taken as a result of learning', kind: 'textarea' },
      { name: 'themes.good_practice', label: 'Good practice', kind: 'textarea' },
    ],
  },
];

/** The form's values: every box a string ('' when empty), yes/no as 'yes' | 'no' | ''. */
export type Row = Record<string, string>;
export interface FormValues {
  child_reference: string;
  [key: string]: string | Row | Row[];
}

type Tree = Record<string, unknown>;

const read = (tree: unknown, path: string): unknown =>
  path.split('.').reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Tree)[part] : undefined), tree);

function write(tree: Tree, path: string, value: unknown): void {
  const parts = path.split('.');
  let node = tree;
  for (const part of parts.slice(0, -1)) node = (node[part] ??= {}) as Tree;
  node[parts[parts.length - 1] as string] = value;
}

const asText = (value: unknown, kind?: Box['kind']): string => {
  if (kind === 'yesno') return value === true ? 'yes' : value === false ? 'no' : '';
  if (kind === 'time' && typeof value === 'string') return value.slice(0, 5);
  return value === null || value === undefined ? '' : String(value);
};

const fromText = (text: string, kind?: Box['kind']): unknown => {
  const trimmed = text.trim();
  if (kind === 'yesno') return trimmed === 'yes' ? true : trimmed === 'no' ? false : null;
  return trimmed === '' ? null : trimmed;
};

/** A new referral's empty form. */
export const EMPTY_FORM: FormValues = (() => {
  const values: Tree = { child_reference: '' };
  for (const section of SECTIONS) {
    for (const box of section.boxes) write(values, box.name, '');
    if (section.table) values[section.table.name] = [];
  }
  return values as FormValues;
})();

/**
 * The body without the answers at the API's error paths ("body.referrer.contact.email"), so what is valid can be
 * saved; undefined when an error is about the body as a whole (nothing can be left out).
 */
export function withoutFields(body: ReferralUpdate, fields: string[]): ReferralUpdate | undefined {
  const copy = structuredClone(body) as Tree;
  for (const field of fields) {
    const parts = field.replace(/^body\.?/, '').split('.').filter(Boolean);
    if (parts.length === 0) return undefined;
    let node: unknown = copy;
    for (const part of parts.slice(0, -1)) node = node && typeof node === 'object' ? (node as Tree)[part] : undefined;
    const last = parts[parts.length - 1] as string;
    if (!node || typeof node !== 'object' || !(last in (node as Tree))) return undefined;
    delete (node as Tree)[last];
  }
  return copy as ReferralUpdate;
}

export const emptyRow = (table: Table): Row => Object.fromEntries(table.columns.map((c) => [c.name, '']));

/** A referral as form values. */
export function toFormValues(referral: Referral): FormValues {
  const values: Tree = { child_reference: referral.child_reference };
  for (const section of SECTIONS) {
    for (const box of section.boxes) write(values, box.name, asText(read(referral, box.name), box.kind));
    if (section.table) {
      const { table } = section;
      const rows = (read(referral, table.name) as Tree[] | undefined) ?? [];
      values[table.name] = rows.map((row) => Object.fromEntries(table.columns.map((c) => [c.name, asText(row[c.name], c.kind)])));
    }
  }
  return values as FormValues;
}

/** Form values as the PATCH body: empty boxes are sent as null, so clearing a box clears it. */
export function toUpdate(values: FormValues): ReferralUpdate {
  const body: Tree = {};
  const reference = String(values.child_reference ?? '').trim();
  if (reference) body.child_reference = reference;
  for (const section of SECTIONS) {
    for (const box of section.boxes) write(body, box.name, fromText(String(read(values, box.name) ?? ''), box.kind));
    if (section.table) {
      const { table } = section;
      const rows = (values[table.name] as Row[] | undefined) ?? [];
      body[table.name] = rows.map((row) => Object.fromEntries(table.columns.map((c) => [c.name, fromText(row[c.name] ?? '', c.kind)])));
    }
  }
  return body as ReferralUpdate;
}

export type SectionStatus = 'completed' | 'in_progress' | 'not_started';

/** Whether a section's required boxes are all filled (tables need at least one complete row). */
export function sectionStatus(section: Section, values: FormValues): SectionStatus {
  const filled: boolean[] = [];
  for (const box of section.boxes) {
    if (!box.optional) filled.push(String(read(values, box.name) ?? '').trim() !== '');
  }
  if (section.table) {
    const rows = (values[section.table.name] as Row[] | undefined) ?? [];
    if (rows.length === 0) filled.push(false);
    for (const row of rows) for (const c of section.table.columns) if (!c.optional) filled.push((row[c.name] ?? '').trim() !== '');
  }
  if (filled.every(Boolean)) return 'completed';
  return filled.some(Boolean) ? 'in_progress' : 'not_started';
}

/** The section a form path (`child.name`, `family_members.0.name`, `referrer.contact.phone`) belongs to. */
export function sectionOf(name: string): Section | undefined {
  const head = name.split('.')[0];
  return SECTIONS.find((s) => s.table?.name === head || s.boxes.some((b) => b.name === name || b.name.split('.')[0] === head));
}

/** The label a person sees for a form path, e.g. "Child’s details: Date of birth" or "Family member 2: Name". */
export function labelOf(name: string): string {
  const section = sectionOf(name);
  if (!section) return name;
  if (section.table && name.startsWith(`${section.table.name}`)) {
    const [, index, column] = name.split('.');
    if (index === undefined) return `${section.title}:`;
    const col = section.table.columns.find((c) => c.name === column);
    return `${section.title}, ${section.table.rowLabel.toLowerCase()} ${Number(index) + 1}: ${col?.label ?? column}`;
  }
  const box = section.boxes.find((b) => b.name === name);
  return `${section.title}: ${box?.label ?? name}`;
}

export interface MissingBox {
  name: string;
  fieldId: string;
  sectionId: string | undefined;
  message: string;
}

/**
 * The API's 422, one entry per box, each naming its box: "Child’s details: Name must be completed…", or for a
 * message that is a sentence of its own, "Referrer: Email address – Enter an email address in the correct format".
 */
export function missingBoxes(errors: FieldError[]): MissingBox[] {
  return errors.map(({ field, message }) => {
    const name = toFieldName(field) ?? field;
    const sentence = /^[A-Z]/.test(message);
    return { name, fieldId: fieldId(name), sectionId: sectionOf(name)?.id, message: sentence ? `${labelOf(name)} – ${message}` : `${labelOf(name)} ${message}` };
  });
}
