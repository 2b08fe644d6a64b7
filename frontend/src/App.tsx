import { lazy, Suspense, useState } from 'react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { Route, Routes } from 'react-router';
import { ApiError } from './api/problem';
import { Header } from './components/govuk/Header';
import { Layout } from './components/layout/Layout';
import { Loading } from './components/layout/Loading';

// Route-level code splitting: the public practitioner pages never load the staff app.
const SignUpPage = lazy(() => import('./public/SignUpPage'));
const ManageSignUpPage = lazy(() => import('./public/ManageSignUpPage'));
const StaffApp = lazy(() => import('./staff/StaffApp'));

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // A 4xx will not change by asking again; network blips and 5xx get one more try.
        retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 1,
        refetchOnWindowFocus: false,
      },
    },
  });
}

export function App({ queryClient }: { queryClient?: QueryClient }) {
  const [client] = useState(() => queryClient ?? createQueryClient());
  return (
    <QueryClientProvider client={client}>
      <Routes>
        <Route element={<Layout header={<Header />} />}>
          <Route path="/sign-up/:token" element={<SignUpPage />} />
          <Route path="/sign-ups/:manageToken" element={<ManageSignUpPage />} />
        </Route>
        <Route
          path="*"
          element={
            <Suspense fallback={<Loading />}>
              <StaffApp />
            </Suspense>
          }
        />
      </Routes>
    </QueryClientProvider>
  );
}
