import { Route } from 'react-router';
import { CommissioningPage } from './CommissioningPage';
import { ReviewGroupPage } from './ReviewGroupPage';
import { ReviewListPage } from './ReviewListPage';
import { ReviewPage } from './ReviewPage';
import { TermsOfReferencePage } from './TermsOfReferencePage';
import { TimescalesPage } from './TimescalesPage';

/** The review pages and the sections of a review (`/reviews/:id/<section>`, the names tasks link to). */
export function ReviewRoutes() {
  return (
    <>
      <Route path="/reviews" element={<ReviewListPage />} />
      <Route path="/reviews/:id" element={<ReviewPage />} />
      <Route path="/reviews/:id/commissioning" element={<CommissioningPage />} />
      <Route path="/reviews/:id/timescales" element={<TimescalesPage />} />
      <Route path="/reviews/:id/review-group" element={<ReviewGroupPage />} />
      <Route path="/reviews/:id/terms-of-reference" element={<TermsOfReferencePage />} />
    </>
  );
}
