import type { TModule } from '@atensi/contracts';
import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import { type CSSVariablesResolver, createTheme, MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { lazy, type ReactNode } from 'react';
import { createBrowserRouter, Navigate, RouterProvider } from 'react-router';
import { ApiError } from './api-client.ts';
import { RequireAuth, RequireModule } from './auth.tsx';
import { Layout } from './Layout.tsx';
import { RouteError } from './RouteError.tsx';

const LoginPage = lazy(() => import('../features/auth/LoginPage.tsx'));
const HomePage = lazy(() => import('../features/home/HomePage.tsx'));
const AuditPage = lazy(() => import('../features/audit/AuditPage.tsx'));
const PeoplePage = lazy(() => import('../features/people/PeoplePage.tsx'));
const PersonPage = lazy(() => import('../features/people/PersonPage.tsx'));
const MergeQueuePage = lazy(() => import('../features/people/MergeQueuePage.tsx'));
const ImportPage = lazy(() => import('../features/people/ImportPage.tsx'));
const PersonFormPage = lazy(() => import('../features/people/PersonForm.tsx'));
const CaseloadPage = lazy(() => import('../features/cases/CaseloadPage.tsx'));
const ReferralsPage = lazy(() => import('../features/cases/ReferralsPage.tsx'));
const NewCaseForm = lazy(() => import('../features/cases/NewCaseForm.tsx'));
const CasePage = lazy(() => import('../features/cases/CasePage.tsx'));
const FollowupPage = lazy(() => import('../features/followup/FollowupPage.tsx'));
const SurveyFormPage = lazy(() => import('../features/followup/SurveyForm.tsx'));
const FollowupReferencePage = lazy(() => import('../features/followup/FollowupReferencePage.tsx'));
const OutcomesPage = lazy(() => import('../features/outcomes/OutcomesPage.tsx'));
const TrainingPage = lazy(() => import('../features/training/TrainingPage.tsx'));
const CohortPage = lazy(() => import('../features/training/CohortPage.tsx'));
const VerifyPage = lazy(() => import('../features/training/VerifyPage.tsx'));
const UnitsPage = lazy(() => import('../features/units/UnitsPage.tsx'));
const UnitPage = lazy(() => import('../features/units/UnitPage.tsx'));
const NearestPage = lazy(() => import('../features/units/NearestPage.tsx'));
const ReferencePage = lazy(() => import('../features/reference/ReferencePage.tsx'));
const UsersPage = lazy(() => import('../features/users/UsersPage.tsx'));
const AccountPage = lazy(() => import('../features/account/AccountPage.tsx'));
const NotFoundPage = lazy(() => import('../features/errors/NotFoundPage.tsx'));
const ForbiddenPage = lazy(() => import('../features/errors/ForbiddenPage.tsx'));

const theme = createTheme({
  primaryColor: 'blue',
  primaryShade: 8,
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif',
  defaultRadius: 'md',
});

/**
 * WCAG AA contrast (4.5:1) for small text: Mantine's default dimmed grey and light-variant text colours are
 * lighter than that on white and on their tinted backgrounds, so darken them.
 */
const LIGHT_VARIANT_COLORS = ['blue', 'green', 'red', 'grape', 'teal', 'orange', 'indigo', 'yellow', 'gray'];
const contrastResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    // Field error messages are small red text: the default red-6 is too light on white.
    '--mantine-color-error': 'var(--mantine-color-red-9)',
    ...Object.fromEntries(
      LIGHT_VARIANT_COLORS.map((c) => [`--mantine-color-${c}-light-color`, `var(--mantine-color-${c}-9)`]),
    ),
  },
  dark: {},
});

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // Do not hammer the server with retries for answers that will not change.
      retry: (count, err) => !(err instanceof ApiError && err.status >= 400 && err.status < 500) && count < 2,
      refetchOnWindowFocus: false,
    },
  },
});

function only(module: TModule, page: ReactNode) {
  return (
    <RequireModule module={module} fallback={<ForbiddenPage />}>
      {page}
    </RequireModule>
  );
}

const router = createBrowserRouter([
  { path: '/login', element: <LoginPage />, errorElement: <RouteError /> },
  // Public check of a training certificate's code (printed on the certificate).
  { path: '/verifikasi', element: <VerifyPage />, errorElement: <RouteError /> },
  { path: '/verifikasi/:code', element: <VerifyPage />, errorElement: <RouteError /> },
  {
    element: (
      <RequireAuth>
        <Layout />
      </RequireAuth>
    ),
    errorElement: <RouteError />,
    children: [
      { index: true, element: <HomePage /> },
      { path: 'pm', element: only('people', <PeoplePage />) },
      { path: 'pm/baru', element: only('people', <PersonFormPage />) },
      { path: 'pm/duplikat', element: only('people', <MergeQueuePage />) },
      { path: 'pm/impor', element: only('people', <ImportPage />) },
      { path: 'pm/:id', element: only('people', <PersonPage />) },
      { path: 'pm/:id/ubah', element: only('people', <PersonFormPage />) },
      { path: 'kasus', element: only('cases', <CaseloadPage />) },
      { path: 'kasus/baru', element: only('cases', <NewCaseForm />) },
      { path: 'kasus/:id', element: only('cases', <CasePage />) },
      { path: 'rujukan', element: only('referrals', <ReferralsPage />) },
      { path: 'tindak-lanjut', element: only('followup', <FollowupPage />) },
      { path: 'kasus/:id/survei/baru', element: only('followup', <SurveyFormPage />) },
      { path: 'kasus/:id/survei/:surveyId/ubah', element: only('followup', <SurveyFormPage />) },
      { path: 'referensi/upah-minimum', element: only('reference', <FollowupReferencePage />) },
      { path: 'capaian', element: only('outcomes', <OutcomesPage />) },
      { path: 'pelatihan', element: only('training', <TrainingPage />) },
      { path: 'pelatihan/kelas/:id', element: only('training', <CohortPage />) },
      { path: 'unit', element: only('units', <UnitsPage />) },
      { path: 'unit/terdekat', element: only('units', <NearestPage />) },
      { path: 'unit/:id', element: only('units', <UnitPage />) },
      { path: 'referensi', element: only('reference', <ReferencePage />) },
      { path: 'pengguna', element: only('users', <UsersPage />) },
      { path: 'audit', element: only('audit', <AuditPage />) },
      { path: 'akun', element: <AccountPage /> },
      // The password form lives on the account page; keep the address people were given working.
      { path: 'akun/kata-sandi', element: <Navigate to="/akun" replace /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);

export function App() {
  return (
    <MantineProvider theme={theme} cssVariablesResolver={contrastResolver}>
      <Notifications position="top-right" />
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </MantineProvider>
  );
}
