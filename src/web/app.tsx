import { App as AntApp, Button, ConfigProvider, Result, Spin, theme } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { Suspense, lazy, useCallback, useEffect, useMemo, useState } from 'react';
import { RouterProvider, createBrowserRouter } from 'react-router';
import { getMe } from './api/auth.ts';
import { setErrorNotifier, setLoginRedirect } from './api/request.ts';
import type { Me } from '#core/api/auth.ts';
import { AuthProvider } from './auth/auth-context.tsx';
import { HomeRedirect, RequireAuth, RouteGuard } from './auth/guards.tsx';
import { FULLSCREEN_ROUTES, PUBLIC_ROUTES, ROUTES } from './config/routes.ts';
import { AppLayout, type RouteHandle } from './layout/app-layout.tsx';
import { PageLoading } from './components/page-loading.tsx';
import { NotFound, RouteError } from './components/page-error.tsx';

dayjs.locale('zh-cn');

const LoginPage = lazy(() => import('./pages/login/index.tsx'));

const router = createBrowserRouter([
  {
    path: '/login',
    errorElement: <RouteError />,
    element: (
      <Suspense fallback={<PageLoading />}>
        <LoginPage />
      </Suspense>
    ),
  },
  // Public pages: no session needed, outside the signed-in frame.
  ...PUBLIC_ROUTES.map((route) => ({
    path: route.path,
    errorElement: <RouteError />,
    element: (
      <Suspense fallback={<PageLoading />}>
        <route.component />
      </Suspense>
    ),
  })),
  // Signed-in pages without the menu bar (the cockpit).
  ...FULLSCREEN_ROUTES.map((route) => ({
    path: route.path,
    errorElement: <RouteError />,
    element: (
      <RequireAuth>
        <RouteGuard route={route}>
          <Suspense fallback={<PageLoading />}>
            <route.component />
          </Suspense>
        </RouteGuard>
      </RequireAuth>
    ),
  })),
  {
    element: (
      <RequireAuth>
        <AppLayout />
      </RequireAuth>
    ),
    errorElement: <RouteError />,
    children: [
      { index: true, element: <HomeRedirect /> },
      ...ROUTES.map((route) => ({
        path: route.path,
        handle: { menu: route.menu, title: route.title } satisfies RouteHandle,
        element: (
          <RouteGuard route={route}>
            <Suspense fallback={<PageLoading />}>
              <route.component />
            </Suspense>
          </RouteGuard>
        ),
      })),
      { path: '*', element: <NotFound /> },
    ],
  },
]);

/** Sends request-policy errors through the App context so toasts use the theme and locale. */
function ErrorNotifierBridge() {
  const { message } = AntApp.useApp();
  useEffect(() => setErrorNotifier((text) => void message.error(text)), [message]);
  return null;
}

type Boot = { state: 'loading' } | { state: 'failed'; message: string } | { state: 'ready'; me: Me | null; signedOut?: boolean };

/** Asks the server who is signed in before the first page renders; pages then rely on `me`. */
function Session() {
  const [boot, setBoot] = useState<Boot>({ state: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    getMe(controller.signal).then(
      (me) => setBoot({ state: 'ready', me }),
      (err: unknown) => {
        if (!controller.signal.aborted) setBoot({ state: 'failed', message: err instanceof Error ? err.message : '无法连接服务器' });
      },
    );
    return () => controller.abort();
  }, [attempt]);

  const setMe = useCallback((me: Me | null) => setBoot({ state: 'ready', me }), []);
  const signOut = useCallback(() => setBoot({ state: 'ready', me: null, signedOut: true }), []);

  // A 401 anywhere: forget the user and go to the login page, which brings them back here.
  useEffect(() => {
    setLoginRedirect((url) => {
      setBoot({ state: 'ready', me: null });
      void router.navigate(url, { replace: true });
    });
  }, []);

  const auth = useMemo(
    () => ({ me: boot.state === 'ready' ? boot.me : null, signedOut: boot.state === 'ready' && boot.signedOut === true, setMe, signOut }),
    [boot, setMe, signOut],
  );

  if (boot.state === 'loading') {
    return (
      <div style={{ flex: 1, display: 'flex', alignItems: 'center', justifyContent: 'center' }}>
        <Spin size="large" description="正在加载…" />
      </div>
    );
  }
  if (boot.state === 'failed') {
    return (
      <Result
        status="warning"
        title="无法连接服务器"
        subTitle={boot.message}
        extra={<Button type="primary" onClick={() => { setBoot({ state: 'loading' }); setAttempt((n) => n + 1); }}>重试</Button>}
      />
    );
  }
  return (
    <AuthProvider value={auth}>
      <RouterProvider router={router} />
    </AuthProvider>
  );
}

export function App() {
  return (
    <ConfigProvider
      locale={zhCN}
      theme={{
        algorithm: theme.defaultAlgorithm,
        token: {
          colorPrimary: '#1d4f91',
          borderRadius: 4,
          fontSize: 13,
          fontFamily:
            "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Noto Sans SC', 'Source Han Sans SC', 'WenQuanYi Micro Hei', sans-serif",
        },
        components: {
          Layout: { headerBg: '#0f2c55', headerHeight: 48, headerPadding: '0 16px', bodyBg: '#f0f2f5' },
          Menu: { darkItemBg: '#0f2c55', darkItemSelectedBg: '#1d4f91', darkPopupBg: '#0f2c55', itemSelectedBg: '#e6eef8', itemHeight: 34 },
          Table: { cellPaddingBlockSM: 6 },
        },
      }}
    >
      <AntApp style={{ minHeight: '100%', display: 'flex', flexDirection: 'column' }}>
        <ErrorNotifierBridge />
        <Session />
      </AntApp>
    </ConfigProvider>
  );
}
