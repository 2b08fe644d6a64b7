import { Navigate, Route, Routes, useLocation } from 'react-router';
import { AuthProvider, SIGNED_OUT, useAuth } from '../auth/AuthProvider';
import { Header } from '../components/govuk';
import { Layout } from '../components/layout/Layout';
import { Loading } from '../components/layout/Loading';
import NotFoundPage from '../pages/NotFoundPage';
import { AnalysisReportRoutes } from './analysis-reports/routes';
import { CasePage } from './cases/CasePage';
import { ChronologyRoutes } from './chronologies/routes';
import { DashboardPage } from './DashboardPage';
import { FamilyPage } from './engagement/FamilyPage';
import { ParallelProcessesPage } from './engagement/ParallelProcessesPage';
import { PractitionersPage } from './engagement/PractitionersPage';
import { EventRoutes } from './events/routes';
import { LearningRoutes } from './learning/routes';
import { InformationRequestPage } from './rapid-reviews/InformationRequestPage';
import { NotificationListPage, NotificationPage, NewNotificationPage } from './notifications/NotificationPages';
import { OverviewReportRoutes } from './overview-report/routes';
import { RapidReviewListPage } from './rapid-reviews/RapidReviewListPage';
import { RapidReviewPage } from './rapid-reviews/RapidReviewPage';
import { RapidReviewReportPage } from './rapid-reviews/RapidReviewReport';
import { NewReferralFormPage, ReferralFormPage } from './referrals/ReferralFormPage';
import { ReferralListPage } from './referrals/ReferralListPage';
import { ReferralPage } from './referrals/ReferralPage';
import { ReviewRoutes } from './reviews/routes';
import { SignInPage } from './SignInPage';
import { StaffHeader } from './StaffHeader';

/** Everything behind sign-in, plus the sign-in and not-found pages. Loaded on demand. */
export default function StaffApp() {
  return (
    <AuthProvider>
      <Routes>
        <Route element={<Layout header={<Header />} />}>
          <Route path="/sign-in" element={<SignInPage />} />
        </Route>
        <Route element={<RequireAuth />}>
          <Route index element={<DashboardPage />} />
          <Route path="/referrals" element={<ReferralListPage />} />
          <Route path="/referrals/new" element={<NewReferralFormPage />} />
          <Route path="/referrals/:id" element={<ReferralPage />} />
          <Route path="/referrals/:id/edit" element={<ReferralFormPage />} />
          <Route path="/incident-notifications" element={<NotificationListPage />} />
          <Route path="/incident-notifications/new" element={<NewNotificationPage />} />
          <Route path="/incident-notifications/:id" element={<NotificationPage />} />
          <Route path="/rapid-reviews" element={<RapidReviewListPage />} />
          <Route path="/rapid-reviews/:id" element={<RapidReviewPage />} />
          <Route path="/rapid-reviews/:id/report" element={<RapidReviewReportPage />} />
          <Route path="/information-requests/:id" element={<InformationRequestPage />} />
          {ReviewRoutes()}
          <Route path="/reviews/:reviewId/chronologies/*" element={<ChronologyRoutes />} />
          <Route path="/reviews/:reviewId/analysis-reports/*" element={<AnalysisReportRoutes />} />
          <Route path="/reviews/:reviewId/practitioners" element={<PractitionersPage />} />
          <Route path="/reviews/:reviewId/family" element={<FamilyPage />} />
          <Route path="/reviews/:reviewId/parallel-processes" element={<ParallelProcessesPage />} />
          <Route path="/cases/:id" element={<CasePage />} />
          {EventRoutes()}
          {OverviewReportRoutes()}
          {LearningRoutes()}
        </Route>
        <Route element={<Layout header={<Header />} />}>
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Routes>
    </AuthProvider>
  );
}

function RequireAuth() {
  const { status, notice } = useAuth();
  const location = useLocation();
  if (status === 'checking') return <Loading what="your account" />;
  if (status === 'signed-out') {
    // After an expired session or a link followed while signed out, come back here after signing in;
    // after signing out on purpose, start afresh (the next person on this computer gets their dashboard).
    const from = notice === SIGNED_OUT ? undefined : `${location.pathname}${location.search}`;
    return <Navigate to="/sign-in" replace state={from ? { from } : null} />;
  }
  return <Layout header={<StaffHeader />} />;
}
