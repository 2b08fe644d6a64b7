import { useAuth } from '../auth/AuthProvider';
import { Header, type NavItem } from '../components/govuk';
import { ROLE_LABELS } from './roles';
import { useMe } from './useMe';

/** Each list is in the navigation for those who may read it. */
const NAVIGATION: (NavItem & { permission?: string })[] = [
  { to: '/', text: 'Dashboard' },
  { to: '/referrals', text: 'Referrals', permission: 'referrals:read' },
  { to: '/incident-notifications', text: 'Incident notifications', permission: 'incident_notifications:read' },
  { to: '/rapid-reviews', text: 'Rapid reviews', permission: 'rapid_reviews:read' },
  { to: '/reviews', text: 'Reviews', permission: 'reviews:read' },
  { to: '/events', text: 'Events', permission: 'events:read' },
  { to: '/recommendations', text: 'Learning', permission: 'recommendations:read' },
  { to: '/actions', text: 'Actions', permission: 'actions:read' },
  { to: '/learning', text: 'Reports', permission: 'recommendations:read' },
];

/** The header for signed-in staff: navigation, who is signed in, and sign out. */
export function StaffHeader() {
  const { signOut } = useAuth();
  const { data: me } = useMe();
  return (
    <Header
      navigation={NAVIGATION.filter((item) => !item.permission || me?.permissions.includes(item.permission)).map(({ to, text }) => ({ to, text }))}
      end={
        <p className="govuk-body-s">
          {me && (
            <>
              <span className="govuk-!-font-weight-bold">{me.name}</span>
              {me.role && `, ${ROLE_LABELS[me.role]}`}
              {me.agency && `, ${me.agency.name}`}{' '}
            </>
          )}
          <button type="button" className="app-link-button" onClick={() => void signOut()}>
            Sign out
          </button>
        </p>
      }
    />
  );
}
