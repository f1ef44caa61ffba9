import { App as AntApp, ConfigProvider, theme } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { Suspense, useEffect } from 'react';
import { Navigate, RouterProvider, createBrowserRouter } from 'react-router';
import { setErrorNotifier } from './api/request.ts';
import { ROUTES } from './config/routes.ts';
import { AppLayout, type RouteHandle } from './layout/app-layout.tsx';
import { PageLoading } from './components/page-loading.tsx';
import { NotFound, RouteError } from './components/page-error.tsx';

dayjs.locale('zh-cn');

const router = createBrowserRouter([
  {
    element: <AppLayout />,
    errorElement: <RouteError />,
    children: [
      { index: true, element: <Navigate to="/plans" replace /> },
      ...ROUTES.map((route) => ({
        path: route.path,
        handle: { menu: route.menu, title: route.title } satisfies RouteHandle,
        element: (
          <Suspense fallback={<PageLoading />}>
            <route.component />
          </Suspense>
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
        <RouterProvider router={router} />
      </AntApp>
    </ConfigProvider>
  );
}
