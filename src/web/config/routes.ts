import { CalendarOutlined, CloudUploadOutlined, FileTextOutlined, TeamOutlined } from '@ant-design/icons';
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';

/** The top-level menu entries; every route belongs to one of them, which is highlighted on its pages. */
export type MenuKey = 'plans' | 'imports' | 'units' | 'calendar';

export interface MenuEntry {
  key: MenuKey;
  label: string;
  /** Where the entry leads. */
  path: string;
  icon: ComponentType;
}

export interface AppRoute {
  path: string;
  /** Browser tab title (the page may refine it once its data is loaded). */
  title: string;
  menu: MenuKey;
  /** Lazy so that each page is its own chunk and the first page stays small. */
  component: LazyExoticComponent<ComponentType>;
}

export const MENU: MenuEntry[] = [
  { key: 'plans', label: '方案', path: '/plans', icon: FileTextOutlined },
  { key: 'imports', label: '导入方案', path: '/imports/new', icon: CloudUploadOutlined },
  { key: 'units', label: '单位', path: '/units', icon: TeamOutlined },
  { key: 'calendar', label: '截止日历', path: '/calendar', icon: CalendarOutlined },
];

/** The one route table: paths, titles, menu entries and page modules. */
export const ROUTES: AppRoute[] = [
  { path: '/plans', title: '方案列表', menu: 'plans', component: lazy(() => import('../pages/plans/list/index.tsx')) },
  { path: '/plans/:id', title: '方案概览', menu: 'plans', component: lazy(() => import('../pages/plans/overview/index.tsx')) },
  { path: '/plans/:id/tasks', title: '任务列表', menu: 'plans', component: lazy(() => import('../pages/tasks/list/index.tsx')) },
  { path: '/tasks/:id', title: '任务详情', menu: 'plans', component: lazy(() => import('../pages/tasks/detail/index.tsx')) },
  { path: '/plans/:id/calendar', title: '截止日历', menu: 'calendar', component: lazy(() => import('../pages/calendar/index.tsx')) },
  { path: '/calendar', title: '截止日历', menu: 'calendar', component: lazy(() => import('../pages/calendar/index.tsx')) },
  { path: '/units', title: '单位', menu: 'units', component: lazy(() => import('../pages/units/list/index.tsx')) },
  { path: '/units/:id', title: '单位详情', menu: 'units', component: lazy(() => import('../pages/units/detail/index.tsx')) },
  { path: '/imports/new', title: '导入方案', menu: 'imports', component: lazy(() => import('../pages/imports/upload/index.tsx')) },
  { path: '/imports/:id', title: '导入草稿', menu: 'imports', component: lazy(() => import('../pages/imports/draft/index.tsx')) },
];

export const PRODUCT_NAME = '推进 · 方案落实平台';
