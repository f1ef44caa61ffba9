import { ACTIONS, ROLE_LABELS, type Role } from '#core/auth/policy.ts';

/** What each recorded action means; refused requests are recorded under their policy action. */
export const AUDIT_ACTION_LABELS: Record<string, string> = {
  'auth.login': '登录',
  'auth.lock': '账号锁定',
  'auth.logout': '退出登录',
  'auth.logout_all': '退出所有设备',
  'auth.password': '修改密码',
  'user.create': '新建账号',
  'user.update': '修改账号',
  'user.reset_password': '重置密码',
  'user.unlock': '解锁账号',
  'user.import': '批量导入账号',
  'import.upload': '上传方案文件',
  'import.edit': '编辑导入草稿',
  'import.reread': '按所选结构重新识别草稿',
  'import.discard': '放弃导入草稿',
  'plan.import': '导入方案',
  'plan.update': '修改方案信息',
  'section.update': '修改章节指标',
  'task.contact': '填写任务联系人',
  'task.instruct': '领导批示',
  'unit.update': '修改单位',
  'unit.alias.add': '添加单位别名',
  'unit.alias.remove': '删除单位别名',
  'unit.merge': '合并单位',
  'backup.run': '定时备份',
  'backup.fail': '定时备份失败',
  'files.sweep': '清理崩溃残留文件',
  'audit.list': '查阅审计日志',
  'audit.export': '导出审计日志',
  'audit.verify': '校验审计哈希链',
  'audit.purge': '归档并清理过期审计日志',
  'audit.archive.download': '下载审计日志归档',
  'settings.update': '修改系统设置',
  'settings.read': '查看系统设置',
  'user.list': '查看账号列表',
  'ledger.export': '导出台账',
  'attachment.download': '下载佐证材料',
};

export const ENTITY_TYPE_LABELS: Record<string, string> = {
  user: '账号',
  plan: '方案',
  section: '章节',
  task: '任务',
  unit: '单位',
  import_draft: '导入草稿',
  route: '接口',
  backup: '备份',
  file: '文件',
  audit: '审计日志',
  audit_archive: '审计日志归档',
  setting: '设置',
};

/** The Chinese name of an action: the recorded ones, then the policy's, else the code itself. */
export function actionLabel(action: string): string {
  return AUDIT_ACTION_LABELS[action] ?? (ACTIONS as Record<string, string>)[action] ?? action;
}

export function entityTypeLabel(type: string): string {
  return ENTITY_TYPE_LABELS[type] ?? type;
}

const FIELD_LABELS: Record<string, string> = {
  id: 'ID', username: '用户名', usernames: '用户名', displayName: '姓名', unitId: '单位ID', unitName: '单位', roles: '角色', isActive: '启用',
  leaderSectionIds: '分管章节ID', lockedUntil: '锁定至', failedLogins: '连续输错次数', createdAt: '创建时间', name: '名称', isCollective: '集体单位',
  parentId: '上级单位ID', alias: '别名', aliases: '别名', intoUnitId: '合并到单位ID', title: '标题', number: '编号', issuer: '发文机关', date: '日期',
  year: '年度', level: '层级', indicatorCode: '指标代码', contactName: '联系人', contactPhone: '联系电话', note: '备注', text: '内容', reason: '原因',
  url: '地址', sessions: '会话数', failed: '失败次数', fileName: '文件名', planId: '方案ID', parentPlanId: '上级方案ID', unitIdFrom: '原单位ID',
};

/** "displayName" → "姓名"; "document.title" → "document.标题" is not attempted: the last key names the field. */
export function fieldLabel(path: string): string {
  const last = path.split('.').pop() ?? path;
  // Some snapshots are database rows: contact_name reads as contactName.
  const camel = last.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
  return FIELD_LABELS[camel] ?? path;
}

/** Where an audited object can be looked at in the app, if anywhere. */
export function entityPath(type: string, id: string | null): string | null {
  if (!id || !/^\d+$/.test(id)) return null;
  if (type === 'task') return `/tasks/${id}`;
  if (type === 'plan') return `/plans/${id}`;
  if (type === 'unit') return `/units/${id}`;
  if (type === 'import_draft') return `/imports/${id}`;
  return null;
}

/** Role codes in a snapshot read as their Chinese names. */
export function roleNames(value: unknown): string | null {
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string' && v in ROLE_LABELS)) return null;
  return value.map((v) => ROLE_LABELS[v as Role]).join('、');
}
