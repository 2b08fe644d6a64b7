import { Route } from 'react-router';
import { ActionPage } from './ActionPage';
import { ActionTrackerPage } from './ActionTrackerPage';
import { FiguresPage } from './FiguresPage';
import { ImportHistoryPage } from './ImportHistoryPage';
import { LearningReportsPage } from './LearningReportsPage';
import { RecurrentThemesPage } from './RecurrentThemesPage';
import { RepeatsPage } from './RepeatsPage';
import { LearningListPage } from './LearningListPage';
import { RecommendationPage } from './RecommendationPage';
import { SourceLearningPage } from './SourceLearningPage';
import { ThemesPage } from './ThemesPage';

/** The learning tracker's pages, for StaffApp's signed-in routes (a function, as <Routes> takes only <Route> children). */
export function LearningRoutes() {
  return (
    <>
      <Route path="/actions" element={<ActionTrackerPage />} />
      <Route path="/actions/:id" element={<ActionPage />} />
      <Route path="/recommendations" element={<LearningListPage />} />
      <Route path="/recommendations/:id" element={<RecommendationPage />} />
      <Route path="/reviews/:id/learning" element={<SourceLearningPage source="review" />} />
      <Route path="/rapid-reviews/:id/learning" element={<SourceLearningPage source="rapid_review" />} />
      <Route path="/themes" element={<ThemesPage />} />
      <Route path="/learning" element={<LearningReportsPage />} />
      <Route path="/learning/figures" element={<FiguresPage />} />
      <Route path="/learning/recurrent-themes" element={<RecurrentThemesPage />} />
      <Route path="/learning/repeats" element={<RepeatsPage />} />
      <Route path="/learning/import" element={<ImportHistoryPage />} />
    </>
  );
}
