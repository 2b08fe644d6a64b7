import type { ReactNode } from 'react';
import type { UseFormRegisterReturn } from 'react-hook-form';
import { Fieldset, type FieldsetProps } from './Fieldset';

export interface ChoiceItem {
  value: string;
  label: ReactNode;
  hint?: ReactNode;
  /** The GOV.UK conditional reveal: a follow-up question shown beneath this choice while it is chosen. */
  conditional?: ReactNode;
  revealed?: boolean;
}

/** The id of the n-th choice: the first uses the group's id, so error summary links land on it. */
export function choiceId(id: string, index: number): string {
  return index === 0 ? id : `${id}-${index + 1}`;
}

type Props = Omit<FieldsetProps, 'children' | 'role'> & {
  items: ChoiceItem[];
  registration: UseFormRegisterReturn;
  inline?: boolean;
};

export function Radios({ items, registration, inline, ...fieldset }: Props) {
  return (
    <Fieldset {...fieldset}>
      <div className={`govuk-radios${inline ? ' govuk-radios--inline' : ''}`}>
        {items.map((item, i) => {
          const itemId = choiceId(fieldset.id, i);
          return (
            <div className="govuk-radios__item" key={item.value}>
              <input
                className="govuk-radios__input"
                id={itemId}
                type="radio"
                value={item.value}
                aria-describedby={item.hint ? `${itemId}-item-hint` : undefined}
                aria-controls={item.conditional ? `${itemId}-conditional` : undefined}
                {...registration}
              />
              <label className="govuk-label govuk-radios__label" htmlFor={itemId}>
                {item.label}
              </label>
              {item.hint && (
                <div id={`${itemId}-item-hint`} className="govuk-hint govuk-radios__hint">
                  {item.hint}
                </div>
              )}
              {item.conditional && (
                <div className="govuk-radios__conditional" id={`${itemId}-conditional`} hidden={!item.revealed}>
                  {item.conditional}
                </div>
              )}
            </div>
          );
        })}
      </div>
    </Fieldset>
  );
}
