import { Route, Routes } from 'react-router';
import NotFoundPage from '../../pages/NotFoundPage';
import { ReportPage } from './ReportPage';
import { ReportsPage } from './ReportsPage';

/** A review's key event analysis reports, under /reviews/:reviewId/analysis-reports. */
export function AnalysisReportRoutes() {
  return (
    <Routes>
      <Route index element={<ReportsPage />} />
      <Route path=":reportId" element={<ReportPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
