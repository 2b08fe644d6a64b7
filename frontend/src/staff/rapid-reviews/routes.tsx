import { Route } from 'react-router';
import { RapidReviewListPage } from './RapidReviewListPage';
import { RapidReviewPage } from './RapidReviewPage';
import { RapidReviewReportPage } from './RapidReviewReport';
import { RapidReviewSectionPage } from './RapidReviewSection';
import { RAPID_REVIEW_SECTIONS } from './sections';

/** The rapid review pages: the list, each rapid review's overview and its sections (`/rapid-reviews/:id/<section>`). */
export function RapidReviewRoutes() {
  return (
    <>
      <Route path="/rapid-reviews" element={<RapidReviewListPage />} />
      <Route path="/rapid-reviews/:id" element={<RapidReviewPage />} />
      <Route path="/rapid-reviews/:id/report" element={<RapidReviewReportPage />} />
      {RAPID_REVIEW_SECTIONS.filter((s) => s.section && s.content).map(({ section }) => (
        <Route key={section} path={`/rapid-reviews/:id/${section}`} element={<RapidReviewSectionPage section={section} />} />
      ))}
    </>
  );
}
