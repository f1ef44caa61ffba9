import { Grid, Layout, Menu } from 'antd';
import { createElement, useEffect } from 'react';
import { Link, Outlet, useMatches } from 'react-router';
import { homePath, visibleMenu } from '../access.ts';
import { useMe } from '../auth/auth-context.tsx';
import { PRODUCT_NAME } from '../config/product.ts';
import { MENU, type MenuKey } from '../config/routes.ts';
import { NotificationBell } from './notification-bell.tsx';
import { UserMenu } from './user-menu.tsx';

/** What each route tells the layout: which menu entry to highlight and the tab title. */
export interface RouteHandle {
  menu: MenuKey;
  title: string;
}

function isRouteHandle(value: unknown): value is RouteHandle {
  return typeof value === 'object' && value !== null && 'menu' in value && 'title' in value;
}

/** The frame of every page: a dark top bar with the product name, the user's menu and account, then the page. */
export function AppLayout() {
  const me = useMe();
  const matches = useMatches();
  // On a phone the menu needs the width: the bar keeps the mark only and tighter gaps.
  const compact = !Grid.useBreakpoint().md;
  const handle = [...matches]
    .reverse()
    .map((m) => m.handle)
    .find(isRouteHandle);

  useEffect(() => {
    document.title = handle ? `${handle.title} - ${PRODUCT_NAME}` : PRODUCT_NAME;
  }, [handle]);

  return (
    <Layout style={{ flex: 1 }}>
      <Layout.Header
        style={{
          display: 'flex',
          alignItems: 'center',
          gap: compact ? 8 : 24,
          padding: compact ? '0 12px' : undefined,
          position: 'sticky',
          top: 0,
          zIndex: 10,
        }}
      >
        <Link
          to={homePath(me)}
          aria-label={PRODUCT_NAME}
          style={{ display: 'flex', alignItems: 'center', gap: 8, color: '#fff', whiteSpace: 'nowrap', lineHeight: '48px' }}
        >
          <span
            aria-hidden
            style={{ width: 26, height: 26, lineHeight: '26px', textAlign: 'center', borderRadius: 4, background: '#b3261e', fontWeight: 700, fontSize: 15 }}
          >
            推
          </span>
          {compact ? null : <span style={{ fontSize: 16, fontWeight: 600, letterSpacing: 1 }}>{PRODUCT_NAME}</span>}
        </Link>
        <Menu
          theme="dark"
          mode="horizontal"
          selectedKeys={handle ? [handle.menu] : []}
          style={{ flex: 1, minWidth: 0, lineHeight: '48px' }}
          data-testid="main-menu"
          items={visibleMenu(me, MENU).map((entry) => ({
            key: entry.key,
            icon: createElement(entry.icon),
            label: (
              <Link to={entry.path} data-testid={`menu-${entry.key}`}>
                {entry.label}
              </Link>
            ),
          }))}
        />
        <NotificationBell />
        <UserMenu compact={compact} />
      </Layout.Header>
      <Layout.Content style={{ padding: 16 }}>
        <Outlet />
      </Layout.Content>
      <Layout.Footer style={{ textAlign: 'center', padding: '8px 16px 12px', color: '#8c8c8c', fontSize: 12, background: 'transparent' }}>
        {PRODUCT_NAME}
      </Layout.Footer>
    </Layout>
  );
}
