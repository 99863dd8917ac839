import type { TMe, TModule } from '@atensi/contracts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useEffect, useRef } from 'react';
import { Navigate, useLocation } from 'react-router';
import { LoadingState } from '../components/states.tsx';
import { ApiError, api, setUnauthorizedHandler } from './api-client.ts';

export const ME_KEY = ['auth', 'me'] as const;

/** The signed-in user, or null when nobody is signed in. */
export function useMe() {
  return useQuery({
    queryKey: ME_KEY,
    queryFn: async () => {
      try {
        return await api<TMe>('/auth/me');
      } catch (err) {
        if (err instanceof ApiError && err.status === 401) return null;
        throw err;
      }
    },
    staleTime: 60_000,
    retry: false,
  });
}

/** Pages behind sign-in: send the visitor to /login, and a user with an initial password to change it. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const me = useMe();
  const location = useLocation();
  const queryClient = useQueryClient();
  // Set when a signed-in request answers 401, so the login page can say the session ended.
  const expired = useRef(false);

  useEffect(() => {
    setUnauthorizedHandler(() => {
      expired.current = true;
      queryClient.setQueryData(ME_KEY, null);
    });
    return () => setUnauthorizedHandler(null);
  }, [queryClient]);

  if (me.isPending) return <LoadingState />;
  if (me.isError) throw me.error;
  if (!me.data) {
    const params = new URLSearchParams();
    if (expired.current) params.set('expired', '1');
    const next = location.pathname + location.search;
    if (next !== '/') params.set('next', next);
    const query = params.toString();
    return <Navigate to={`/login${query ? `?${query}` : ''}`} replace />;
  }
  if (me.data.mustChangePassword && location.pathname !== '/akun') return <Navigate to="/akun" replace />;
  return <>{children}</>;
}

/** A page of one module: shown only to users whose role opens it (the server's policy lists them in `modules`). */
export function RequireModule({
  module,
  children,
  fallback,
}: {
  module: TModule;
  children: ReactNode;
  fallback: ReactNode;
}) {
  const me = useMe().data;
  return <>{me?.modules.includes(module) ? children : fallback}</>;
}
