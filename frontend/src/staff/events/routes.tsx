import { Route } from 'react-router';
import { EditEventPage, NewEventPage } from './EventFormPage';
import { EventListPage } from './EventListPage';
import { EventPage } from './EventPage';

/** The practitioner events pages, for StaffApp's signed-in routes (a function, as <Routes> takes only <Route> children). */
export function EventRoutes() {
  return (
    <>
      <Route path="/events" element={<EventListPage />} />
      <Route path="/events/new" element={<NewEventPage />} />
      <Route path="/events/:id" element={<EventPage />} />
      <Route path="/events/:id/edit" element={<EditEventPage />} />
    </>
  );
}
