import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import type { SignUpCreated } from '../api/types';
import { Loading } from '../components/layout/Loading';
import { LinkProblem } from './LinkProblem';
import { fetchEvent } from './publicApi';
import { SignUpConfirmation } from './SignUpConfirmation';
import { SignUpForm } from './SignUpForm';

/** /sign-up/:token: a practitioner signs up for an event, usually from a phone. */
export default function SignUpPage() {
  const { token = '' } = useParams();
  const [created, setCreated] = useState<SignUpCreated | null>(null);
  const event = useQuery({ queryKey: ['public-event', token], queryFn: () => fetchEvent(token) });

  if (created) return <SignUpConfirmation created={created} />;
  if (event.isPending) return <Loading what="the event" />;
  if (event.isError) return <LinkProblem error={event.error} what="this event" />;
  return <SignUpForm token={token} event={event.data} onCreated={setCreated} />;
}
