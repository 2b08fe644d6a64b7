import { useEffect, useId, useRef, type ReactNode } from 'react';

interface Props {
  type?: 'success';
  title?: string;
  heading: ReactNode;
  children?: ReactNode;
  /** Move focus to the banner when it appears (default for success banners, as govuk-frontend does). */
  focusOnShow?: boolean;
}

/** Important information; the success type is announced as it appears. */
export function NotificationBanner({ type, title, heading, children, focusOnShow = type === 'success' }: Props) {
  const titleId = useId();
  const banner = useRef<HTMLDivElement>(null);
  const success = type === 'success';
  useEffect(() => {
    if (focusOnShow) banner.current?.focus();
  }, [focusOnShow]);
  return (
    <div
      ref={banner}
      tabIndex={focusOnShow ? -1 : undefined}
      className={`govuk-notification-banner${success ? ' govuk-notification-banner--success' : ''}`}
      role={success ? 'alert' : 'region'}
      aria-labelledby={titleId}
    >
      <div className="govuk-notification-banner__header">
        <h2 className="govuk-notification-banner__title" id={titleId}>
          {title ?? (success ? 'Success' : 'Important')}
        </h2>
      </div>
      <div className="govuk-notification-banner__content">
        <p className="govuk-notification-banner__heading">{heading}</p>
        {children}
      </div>
    </div>
  );
}
