import type { ReactNode } from 'react';
import { Link, useMatch } from 'react-router';

export const PRODUCT_NAME = 'Safeguarding Reviews';

export interface NavItem {
  to: string;
  text: string;
}

interface Props {
  navigation?: NavItem[];
  /** Shown at the end of the navigation bar, e.g. who is signed in. */
  end?: ReactNode;
}

/**
 * The generic header with our product name (no crown: this service is not on GOV.UK),
 * followed by service navigation when there is any.
 */
export function Header({ navigation, end }: Props) {
  return (
    <header>
      <div className="govuk-generic-header">
        <div className="govuk-generic-header__container govuk-width-container">
          <div className="govuk-generic-header__logo">
            <Link to="/" className="govuk-generic-header__homepage-link">
              {PRODUCT_NAME}
            </Link>
          </div>
        </div>
      </div>
      {(navigation || end) && (
        <section aria-label="Service information" className="govuk-service-navigation">
          <div className="govuk-width-container govuk-service-navigation__inlining-container">
            <div className="govuk-service-navigation__container">
              {navigation && (
                <nav aria-label="Menu" className="govuk-service-navigation__wrapper">
                  <ul className="govuk-service-navigation__list">
                    {navigation.map((item) => (
                      <NavEntry key={item.to} item={item} />
                    ))}
                  </ul>
                </nav>
              )}
            </div>
            {end && <div className="app-service-navigation__end">{end}</div>}
          </div>
        </section>
      )}
    </header>
  );
}

function NavEntry({ item }: { item: NavItem }) {
  const active = useMatch({ path: item.to, end: true }) !== null;
  return (
    <li className={`govuk-service-navigation__item${active ? ' govuk-service-navigation__item--active' : ''}`}>
      <Link className="govuk-service-navigation__link" to={item.to} aria-current={active ? 'page' : undefined}>
        {active ? <strong className="govuk-service-navigation__active-fallback">{item.text}</strong> : item.text}
      </Link>
    </li>
  );
}
