import { useEffect } from 'react';
import { PRODUCT_NAME } from '../components/govuk/Header';

/** Sets the document title the GOV.UK way: "Error: Page – Service". */
export function usePageTitle(title: string, hasErrors = false): void {
  useEffect(() => {
    document.title = `${hasErrors ? 'Error: ' : ''}${title} – ${PRODUCT_NAME}`;
  }, [title, hasErrors]);
}
