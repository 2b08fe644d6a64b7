import { Route, Routes } from 'react-router';
import NotFoundPage from '../../pages/NotFoundPage';
import { AgencyChronologyPage } from './AgencyChronologyPage';
import { ChronologiesPage } from './ChronologiesPage';
import { IntegratedChronologyPage } from './IntegratedChronologyPage';

/** A review's chronologies, under /reviews/:reviewId/chronologies. */
export function ChronologyRoutes() {
  return (
    <Routes>
      <Route index element={<ChronologiesPage />} />
      <Route path="integrated" element={<IntegratedChronologyPage />} />
      <Route path=":chronologyId" element={<AgencyChronologyPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
