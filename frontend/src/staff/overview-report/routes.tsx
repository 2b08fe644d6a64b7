import { Route } from 'react-router';
import { ComparePage } from './ComparePage';
import { OverviewReportPage } from './OverviewReportPage';
import { PublicationPage } from './PublicationPage';
import { SignOffPage } from './SignOffPage';
import { VersionPage } from './VersionPage';

/** The overview report, its sign-off and publication, for StaffApp's signed-in routes. */
export function OverviewReportRoutes() {
  return (
    <>
      <Route path="/reviews/:reviewId/overview-report" element={<OverviewReportPage />} />
      <Route path="/reviews/:reviewId/overview-report/versions/:versionId" element={<VersionPage />} />
      <Route path="/reviews/:reviewId/overview-report/compare" element={<ComparePage />} />
      <Route path="/reviews/:reviewId/sign-off" element={<SignOffPage />} />
      <Route path="/reviews/:reviewId/publication" element={<PublicationPage />} />
    </>
  );
}
