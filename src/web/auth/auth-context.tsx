import { createContext, useCallback, useContext, type ReactNode } from 'react';
import { canDo, type Action } from '../access.ts';
import type { Me } from '#core/api/auth.ts';

export interface AuthState {
  /** The signed-in user, or null. */
  me: Me | null;
  /** After login, a profile change, or a session that ended (null). */
  setMe: (me: Me | null) => void;
  /** The user signed out on purpose: the login page then starts afresh, without a page to return to. */
  signedOut: boolean;
  signOut: () => void;
}

const AuthContext = createContext<AuthState | null>(null);

export function AuthProvider({ value, children }: { value: AuthState; children: ReactNode }) {
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const state = useContext(AuthContext);
  if (!state) throw new Error('useAuth outside AuthProvider');
  return state;
}

/** The signed-in user; only for pages behind the login guard. */
export function useMe(): Me {
  const { me } = useAuth();
  if (!me) throw new Error('useMe without a signed-in user');
  return me;
}

/** `can('unit.manage')`: whether to show a write the server would refuse otherwise. */
export function useCan(): (action: Action) => boolean {
  const { me } = useAuth();
  return useCallback((action: Action) => canDo(me, action), [me]);
}
