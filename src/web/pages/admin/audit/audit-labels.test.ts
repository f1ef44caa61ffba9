import { expect, it } from 'vitest';
import { actionLabel, entityPath, entityTypeLabel, fieldLabel, roleNames } from './audit-labels.ts';

it('names actions, entities, fields and roles in Chinese', () => {
  expect(actionLabel('user.reset_password')).toBe('重置密码');
  expect(actionLabel('account.manage')).toBe('管理账号');
  expect(actionLabel('x.y')).toBe('x.y');
  // What the audit administrator's own work leaves in the trail.
  expect(actionLabel('audit.purge')).toBe('归档并清理过期审计日志');
  expect(actionLabel('audit.archive.download')).toBe('下载审计日志归档');
  expect(actionLabel('audit.manage')).toBe('设置审计日志保留期限');
  expect(entityTypeLabel('audit_archive')).toBe('审计日志归档');
  expect(roleNames(['security_admin', 'audit_admin'])).toBe('安全管理员、审计管理员');
  expect(entityTypeLabel('import_draft')).toBe('导入草稿');
  expect(fieldLabel('displayName')).toBe('姓名');
  expect(fieldLabel('document.weird')).toBe('document.weird');
  expect(fieldLabel('contact_phone')).toBe('联系电话');
  expect(entityPath('task', '56')).toBe('/tasks/56');
  expect(entityPath('user', '2')).toBeNull();
  expect(entityPath('route', 'POST /api/users')).toBeNull();
  expect(roleNames(['admin', 'leader'])).toBe('系统管理员、分管领导');
  expect(roleNames(['boss'])).toBeNull();
});
