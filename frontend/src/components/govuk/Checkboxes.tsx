import type { UseFormRegisterReturn } from 'react-hook-form';
import { Fieldset, type FieldsetProps } from './Fieldset';
import { choiceId, type ChoiceItem } from './Radios';

type Props = Omit<FieldsetProps, 'children' | 'role'> & {
  items: ChoiceItem[];
  registration: UseFormRegisterReturn;
};

export function Checkboxes({ items, registration, ...fieldset }: Props) {
  return (
    <Fieldset {...fieldset}>
      <div className="govuk-checkboxes">
        {items.map((item, i) => {
          const itemId = choiceId(fieldset.id, i);
          return (
            <div className="govuk-checkboxes__item" key={item.value}>
              <input
                className="govuk-checkboxes__input"
                id={itemId}
                type="checkbox"
                value={item.value}
                aria-describedby={item.hint ? `${itemId}-item-hint` : undefined}
                {...registration}
              />
              <label className="govuk-label govuk-checkboxes__label" htmlFor={itemId}>
                {item.label}
              </label>
              {item.hint && (
                <div id={`${itemId}-item-hint`} className="govuk-hint govuk-checkboxes__hint">
                  {item.hint}
                </div>
              )}
            </div>
          );
        })}
      </div>
    </Fieldset>
  );
}
