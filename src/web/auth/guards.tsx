import { Button, Result } from 'antd';
import { Suspense, lazy, type ReactNode } from 'react';
import { Link, Navigate, useLocation } from 'react-router';
import { homePath, mayOpen, type Guarded } from '../access.ts';
import { loginPath } from '../utils/login-redirect.ts';
import { PageLoading } from '../components/page-loading.tsx';
import { useAuth } from './auth-context.tsx';

const TotpEnrolPage = lazy(() => import('../pages/security/totp-enrol.tsx'));
const PasswordGatePage = lazy(() => import('../pages/security/password-gate.tsx'));

/**
 * Everything but the login page: without a session, go sign in and come back here. A session that has
 * a gate to pass (the server refuses everything else meanwhile) shows that step instead of the page:
 * the code at /login, the second-factor enrolment, or the password change; then the page itself.
 */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { me, signedOut } = useAuth();
  const location = useLocation();
  const here = loginPath(`${location.pathname}${location.search}`);
  if (!me) return <Navigate to={signedOut ? '/login' : here} replace />;
  if (me.gate === 'code') return <Navigate to={here} replace />;
  if (me.gate === 'enrol' || me.gate === 'password') {
    return <Suspense fallback={<PageLoading />}>{me.gate === 'enrol' ? <TotpEnrolPage /> : <PasswordGatePage />}</Suspense>;
  }
  return children;
}

/** The page for a route the user may not open. */
export function Forbidden() {
  const { me } = useAuth();
  return (
    <Result
      status="403"
      title="无权访问此页面"
      subTitle="当前账号的角色不能打开此页面。如需开通权限，请联系系统管理员。"
      extra={
        <Link to={me ? homePath(me) : '/login'}>
          <Button type="primary">返回首页</Button>
        </Link>
      }
      data-testid="forbidden"
    />
  );
}

/** Renders a route's page only for users its `access` flag admits. */
export function RouteGuard({ route, children }: { route: Guarded; children: ReactNode }) {
  const { me } = useAuth();
  return mayOpen(me, route) ? children : <Forbidden />;
}

/** `/`: the user's home (their unit's tasks, or the plans). */
export function HomeRedirect() {
  const { me } = useAuth();
  return <Navigate to={me ? homePath(me) : '/login'} replace />;
}
