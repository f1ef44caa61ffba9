import {
  AuditOutlined,
  BarChartOutlined,
  CalendarOutlined,
  CheckSquareOutlined,
  CloudUploadOutlined,
  DashboardOutlined,
  EyeOutlined,
  FileTextOutlined,
  HomeOutlined,
  NotificationOutlined,
  TeamOutlined,
  CommentOutlined,
  UserSwitchOutlined,
  SafetyOutlined,
  SettingOutlined,
  ToolOutlined,
} from '@ant-design/icons';
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { Guarded } from '../access.ts';

/** The top-level menu entries; every route belongs to one of them, which is highlighted on its pages. */
export type MenuKey =
  | 'workbench'
  | 'reviews'
  | 'interviews'
  | 'notifications'
  | 'my'
  | 'plans'
  | 'imports'
  | 'units'
  | 'calendar'
  | 'audit'
  | 'users'
  | 'settings'
  | 'security'
  | 'dashboard'
  | 'rounds'
  | 'inspections'
  | 'rectifications';

export interface MenuEntry extends Guarded {
  key: MenuKey;
  label: string;
  /** Where the entry leads. */
  path: string;
  icon: ComponentType;
}

export interface AppRoute extends Guarded {
  path: string;
  /** Browser tab title (the page may refine it once its data is loaded). */
  title: string;
  menu: MenuKey;
  /** Lazy so that each page is its own chunk and the first page stays small. */
  component: LazyExoticComponent<ComponentType>;
}

/** The one route table: paths, titles, menu entries, who may open them, and page modules. */
export const ROUTES: AppRoute[] = [
  {
    path: '/workbench',
    title: '工作台',
    menu: 'workbench',
    access: 'task.unit.write',
    needsUnit: true,
    component: lazy(() => import('../pages/workbench/index.tsx')),
  },
  { path: '/reviews', title: '审核队列', menu: 'reviews', access: 'report.review', component: lazy(() => import('../pages/reviews/index.tsx')) },
  { path: '/interviews', title: '约谈建议', menu: 'interviews', access: 'report.review', component: lazy(() => import('../pages/interviews/index.tsx')) },
  { path: '/notifications', title: '通知中心', menu: 'notifications', access: 'plan.read', component: lazy(() => import('../pages/notifications/index.tsx')) },
  { path: '/my', title: '我的单位', menu: 'my', access: 'plan.read', component: lazy(() => import('../pages/my/index.tsx')) },
  { path: '/dashboard', title: '看板', menu: 'dashboard', access: 'plan.read', component: lazy(() => import('../pages/dashboard/index.tsx')) },
  { path: '/plans', title: '方案列表', menu: 'plans', access: 'plan.read', component: lazy(() => import('../pages/plans/list/index.tsx')) },
  { path: '/plans/:id', title: '方案概览', menu: 'plans', access: 'plan.read', component: lazy(() => import('../pages/plans/overview/index.tsx')) },
  { path: '/plans/:id/tasks', title: '任务列表', menu: 'plans', access: 'plan.read', component: lazy(() => import('../pages/tasks/list/index.tsx')) },
  { path: '/tasks/:id', title: '任务详情', menu: 'plans', access: 'plan.read', component: lazy(() => import('../pages/tasks/detail/index.tsx')) },
  { path: '/plans/:id/calendar', title: '截止日历', menu: 'calendar', access: 'plan.read', component: lazy(() => import('../pages/calendar/index.tsx')) },
  { path: '/calendar', title: '截止日历', menu: 'calendar', access: 'plan.read', component: lazy(() => import('../pages/calendar/index.tsx')) },
  { path: '/units', title: '单位', menu: 'units', access: 'plan.read', component: lazy(() => import('../pages/units/list/index.tsx')) },
  { path: '/units/:id', title: '单位详情', menu: 'units', access: 'plan.read', component: lazy(() => import('../pages/units/detail/index.tsx')) },
  { path: '/imports/new', title: '导入方案', menu: 'imports', access: 'plan.manage', component: lazy(() => import('../pages/imports/upload/index.tsx')) },
  { path: '/imports/:id', title: '导入草稿', menu: 'imports', access: 'plan.manage', component: lazy(() => import('../pages/imports/draft/index.tsx')) },
  { path: '/rounds', title: '调度通报', menu: 'rounds', access: 'plan.read', component: lazy(() => import('../pages/rounds/list/index.tsx')) },
  { path: '/rounds/:id', title: '调度详情', menu: 'rounds', access: 'plan.read', component: lazy(() => import('../pages/rounds/detail/index.tsx')) },
  { path: '/circulars', title: '通报归档', menu: 'rounds', access: 'plan.read', component: lazy(() => import('../pages/circulars/list/index.tsx')) },
  { path: '/circulars/:id', title: '通报', menu: 'rounds', access: 'plan.read', component: lazy(() => import('../pages/circulars/editor/index.tsx')) },
  // Inspections (督查): who sees which plan is decided per row by the server (a unit never sees an 暗访 before release).
  {
    path: '/inspections',
    title: '督查计划',
    menu: 'inspections',
    access: 'inspection.read',
    component: lazy(() => import('../pages/inspections/list/index.tsx')),
  },
  {
    path: '/inspections/new',
    title: '新建督查计划',
    menu: 'inspections',
    access: 'inspection.manage',
    component: lazy(() => import('../pages/inspections/form/index.tsx')),
  },
  {
    path: '/inspections/:id',
    title: '督查计划详情',
    menu: 'inspections',
    access: 'inspection.read',
    component: lazy(() => import('../pages/inspections/detail/index.tsx')),
  },
  {
    path: '/inspections/:id/edit',
    title: '编辑督查计划',
    menu: 'inspections',
    access: 'inspection.manage',
    component: lazy(() => import('../pages/inspections/form/index.tsx')),
  },
  {
    path: '/inspections/:id/findings/new',
    title: '记录问题',
    menu: 'inspections',
    access: 'inspection.record',
    component: lazy(() => import('../pages/inspections/finding/index.tsx')),
  },
  {
    path: '/inspections/settings',
    title: '督查设置',
    menu: 'inspections',
    access: 'inspection.manage',
    component: lazy(() => import('../pages/inspections/settings/index.tsx')),
  },
  {
    path: '/findings',
    title: '问题清单',
    menu: 'inspections',
    access: 'inspection.read',
    component: lazy(() => import('../pages/inspections/findings/index.tsx')),
  },
  {
    path: '/findings/:id',
    title: '问题详情',
    menu: 'inspections',
    access: 'inspection.read',
    component: lazy(() => import('../pages/inspections/finding/detail.tsx')),
  },
  // Rectification (整改): a unit sees only its own notices and findings, an inspector those of plans assigned to them.
  {
    path: '/rectifications',
    title: '整改',
    menu: 'rectifications',
    access: 'inspection.read',
    component: lazy(() => import('../pages/rectifications/index.tsx')),
  },
  {
    path: '/rectifications/notices/:id',
    title: '整改通知',
    menu: 'rectifications',
    access: 'inspection.read',
    component: lazy(() => import('../pages/rectifications/notice/index.tsx')),
  },
  // Issued typical-case circulars are for every signed-in reader; drafts the server shows the coordinator only.
  {
    path: '/case-circulars',
    title: '典型案例通报',
    menu: 'rectifications',
    access: 'plan.read',
    component: lazy(() => import('../pages/rectifications/cases/list.tsx')),
  },
  {
    path: '/case-circulars/:id',
    title: '典型案例通报',
    menu: 'rectifications',
    access: 'plan.read',
    component: lazy(() => import('../pages/rectifications/cases/editor.tsx')),
  },
  { path: '/admin/users', title: '账号管理', menu: 'users', access: 'account.read', component: lazy(() => import('../pages/admin/users/index.tsx')) },
  { path: '/admin/audit', title: '审计日志', menu: 'audit', access: 'audit.read', component: lazy(() => import('../pages/admin/audit/index.tsx')) },
  {
    path: '/admin/settings',
    title: '系统设置',
    menu: 'settings',
    access: 'settings.manage',
    component: lazy(() => import('../pages/admin/settings/index.tsx')),
  },
  {
    path: '/admin/security',
    title: '安全设置',
    menu: 'security',
    access: 'security.manage',
    component: lazy(() => import('../pages/admin/security/index.tsx')),
  },
];

/** The menu, in order: what each entry shows and where it leads. Who may open it is its route's. */
const MENU_ITEMS: (Omit<MenuEntry, keyof Guarded> & Pick<Guarded, 'needsUnit'>)[] = [
  { key: 'workbench', label: '工作台', path: '/workbench', icon: DashboardOutlined },
  // Its page explains to an account without a unit why it is empty; the menu does not offer it to them.
  { key: 'my', label: '我的单位', path: '/my', icon: HomeOutlined, needsUnit: true },
  { key: 'plans', label: '方案', path: '/plans', icon: FileTextOutlined },
  { key: 'dashboard', label: '看板', path: '/dashboard', icon: BarChartOutlined },
  { key: 'rounds', label: '调度通报', path: '/rounds', icon: NotificationOutlined },
  { key: 'inspections', label: '督查', path: '/inspections', icon: EyeOutlined },
  { key: 'rectifications', label: '整改', path: '/rectifications', icon: ToolOutlined },
  { key: 'reviews', label: '审核队列', path: '/reviews', icon: CheckSquareOutlined },
  { key: 'interviews', label: '约谈建议', path: '/interviews', icon: CommentOutlined },
  { key: 'imports', label: '导入方案', path: '/imports/new', icon: CloudUploadOutlined },
  { key: 'units', label: '单位', path: '/units', icon: TeamOutlined },
  { key: 'calendar', label: '截止日历', path: '/calendar', icon: CalendarOutlined },
  { key: 'audit', label: '审计日志', path: '/admin/audit', icon: AuditOutlined },
  { key: 'users', label: '账号管理', path: '/admin/users', icon: UserSwitchOutlined },
  { key: 'settings', label: '系统设置', path: '/admin/settings', icon: SettingOutlined },
  { key: 'security', label: '安全设置', path: '/admin/security', icon: SafetyOutlined },
];

/**
 * The menu with each entry's guard taken from the route it leads to, so the menu never offers a page
 * the route guard refuses; an entry may only hide itself further (needsUnit).
 */
export const MENU: MenuEntry[] = MENU_ITEMS.map((item) => {
  const route = ROUTES.find((r) => r.path === item.path);
  if (!route) throw new Error(`menu entry ${item.key} leads to ${item.path}, which is no route`);
  return { ...item, access: route.access, ...(route.needsUnit || item.needsUnit ? { needsUnit: true } : {}) };
});

/** Signed-in pages drawn full screen, without the menu bar (the leaders' cockpit on a meeting-room screen). */
export const FULLSCREEN_ROUTES: (Guarded & { path: string; component: LazyExoticComponent<ComponentType> })[] = [
  { path: '/cockpit', access: 'plan.read', component: lazy(() => import('../pages/cockpit/index.tsx')) },
];

/** Pages anyone may open without signing in (公开进展). */
export const PUBLIC_ROUTES: { path: string; component: LazyExoticComponent<ComponentType> }[] = [
  { path: '/public', component: lazy(() => import('../pages/public/index.tsx')) },
  { path: '/public/plans/:id', component: lazy(() => import('../pages/public/plan.tsx')) },
];
