import { Link } from 'react-router';

export function BackLink({ to, children = 'Back' }: { to: string; children?: React.ReactNode }) {
  return (
    <Link to={to} className="govuk-back-link">
      {children}
    </Link>
  );
}
