import { QueryClient } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { App } from '../App';

/** Renders the whole app at a path, with a fresh query cache that never retries. */
export function renderApp(path: string) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const user = userEvent.setup();
  const router = createMemoryRouter([{ path: '*', element: <App queryClient={queryClient} /> }], { initialEntries: [path] });
  const view = render(<RouterProvider router={router} />);
  return { ...view, user, queryClient, router };
}
