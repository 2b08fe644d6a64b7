import { within } from '@testing-library/react';
import type { UserEvent } from '@testing-library/user-event';

/** Types a date into a GOV.UK date input (its Day, Month and Year boxes); an empty part leaves its box empty. */
export async function typeDate(user: UserEvent, group: HTMLElement, day: string, month: string, year: string) {
  for (const [label, value] of [['Day', day], ['Month', month], ['Year', year]] as const) {
    const box = within(group).getByLabelText(label);
    await user.clear(box);
    if (value) await user.type(box, value);
  }
}
