import { useForm } from 'react-hook-form';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { ApiError, errorMessage } from '../api/problem';
import { useAuth } from '../auth/AuthProvider';
import { Button, ErrorSummary, Input, NotificationBanner } from '../components/govuk';
import { applyProblemToForm, SERVER_ERROR } from '../forms/problemToForm';
import { summaryErrors } from '../forms/summary';
import { usePageTitle } from '../lib/usePageTitle';

interface SignInValues {
  username: string;
  password: string;
}

const FIELDS = ['username', 'password'] as const;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function destination(state: unknown): string {
  if (typeof state === 'object' && state !== null && 'from' in state && typeof state.from === 'string') {
    return state.from.startsWith('/') && !state.from.startsWith('//') ? state.from : '/';
  }
  return '/';
}

export function SignInPage() {
  const { status, notice, signIn } = useAuth();
  const location = useLocation();
  const navigate = useNavigate();
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting, submitCount },
  } = useForm<SignInValues>({ defaultValues: { username: '', password: '' }, shouldFocusError: false });
  const summary = summaryErrors(errors, FIELDS);
  usePageTitle('Sign in', summary.length > 0);

  if (status === 'signed-in' && !isSubmitting) return <Navigate to={destination(location.state)} replace />;

  const onSubmit = async ({ username, password }: SignInValues) => {
    try {
      await signIn(username.trim(), password);
      void navigate(destination(location.state), { replace: true });
    } catch (error) {
      if (error instanceof ApiError) applyProblemToForm(error.problem, setError, FIELDS);
      else setError(SERVER_ERROR, { type: 'server', message: errorMessage(error) });
    }
  };

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={summary} focusKey={submitCount} />
        {notice && !summary.length && <NotificationBanner heading={notice} />}
        <h1 className="govuk-heading-l">Sign in</h1>
        <p className="govuk-body">Sign in with the email address your safeguarding partnership registered for you.</p>
        <form noValidate onSubmit={(e) => void handleSubmit(onSubmit)(e)}>
          <Input
            id="username"
            label="Email address"
            type="email"
            autoComplete="username"
            spellCheck={false}
            error={errors.username?.message}
            {...register('username', {
              required: 'Enter your email address',
              pattern: { value: EMAIL, message: 'Enter an email address in the correct format, like name@example.com' },
            })}
          />
          <Input
            id="password"
            label="Password"
            type="password"
            autoComplete="current-password"
            error={errors.password?.message}
            {...register('password', { required: 'Enter your password' })}
          />
          <Button disabled={isSubmitting}>Sign in</Button>
        </form>
      </div>
    </div>
  );
}
