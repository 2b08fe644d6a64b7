import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { getAccessToken, getRefreshToken, onSessionChange, refreshSession, signIn, signOut } from './session';

export type AuthStatus = 'checking' | 'signed-in' | 'signed-out';

interface AuthValue {
  status: AuthStatus;
  /** A message for the sign-in page, e.g. why the session ended. */
  notice: string | null;
  signIn: (email: string, password: string) => Promise<void>;
  signOut: () => Promise<void>;
}

const AuthContext = createContext<AuthValue | null>(null);

export const SESSION_ENDED = 'Your session has ended, sign in again';
export const SIGNED_OUT = 'You have signed out';

function initialStatus(): AuthStatus {
  if (getAccessToken()) return 'signed-in';
  return getRefreshToken() ? 'checking' : 'signed-out';
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<AuthStatus>(initialStatus);
  const [notice, setNotice] = useState<string | null>(null);

  useEffect(() => {
    const unsubscribe = onSessionChange((event) => {
      if (event === 'signed-in') {
        setNotice(null);
        setStatus('signed-in');
        return;
      }
      queryClient.clear();
      setNotice(event === 'ended' ? SESSION_ENDED : SIGNED_OUT);
      setStatus('signed-out');
    });
    // After a reload only the refresh token survives: swap it for an access token.
    if (!getAccessToken() && getRefreshToken()) {
      void refreshSession().then((ok) => ok && setStatus('signed-in'));
    }
    return unsubscribe;
  }, [queryClient]);

  return <AuthContext.Provider value={{ status, notice, signIn, signOut }}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth must be used inside <AuthProvider>');
  return value;
}
