import { useEffect, useState } from 'react';
import type { UseFormRegisterReturn } from 'react-hook-form';
import { Checkboxes } from '../../components/govuk';
import { formatDate } from '../../lib/format';
import { useSimilar } from './reportsApi';

function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/** While a recommendation is written: earlier ones that resemble it, to tick as repeated ("improvements previously
 * identified"). Announced politely as they change. */
export function Suggestions({ text, excludeId, registration, error }: { text: string; excludeId?: string; registration: UseFormRegisterReturn; error?: string }) {
  const settled = useDebounced(text, 400);
  const { data } = useSimilar(settled, excludeId);
  const found = data ?? [];
  return (
    <div aria-live="polite">
      {found.length > 0 && (
        <Checkboxes
          id="repeats_ids"
          legend="Earlier recommendations like this one"
          legendSize="s"
          hint="Tick any this recommendation repeats: the repeats report will show whether their actions were completed"
          error={error}
          items={found.map((s) => ({
            value: s.id,
            label: `${s.source}, ${s.label} (${formatDate(s.made_on, false)}): ${s.text}`,
          }))}
          registration={registration}
        />
      )}
    </div>
  );
}
