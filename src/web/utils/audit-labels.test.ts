import { expect, it } from 'vitest';
import { actionLabel, entityPath, entityTypeLabel, fieldLabel, roleNames } from './audit-labels.ts';

it('names actions, entities, fields and roles in Chinese', () => {
  expect(actionLabel('user.reset_password')).toBe('重置密码');
  expect(actionLabel('account.manage')).toBe('管理账号');
  expect(actionLabel('x.y')).toBe('x.y');
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
