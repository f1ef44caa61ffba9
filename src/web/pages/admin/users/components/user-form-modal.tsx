import { Alert, App, Checkbox, Form, Input, Modal, Select, TreeSelect, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { ROLE_LABELS, ROLES, roleConflict, type Role } from '#core/auth/policy.ts';
import { ApiError } from '#web/api/request.ts';
import type { User, UserUpdate } from '#core/api/users.ts';
import { createUser, updateUser } from '#web/api/users.ts';
import { useSectionTree } from './section-tree.ts';

const ROLE_HINTS: Record<Role, string> = {
  admin: '管理账号、单位与系统设置（不查看审计日志）',
  security_admin: '解除账号锁定、重置密码、安全设置',
  audit_admin: '查看与导出审计日志，设置保留期限',
  coordinator: '导入和维护方案、单位，审核与调度',
  leader: '对分管章节的任务作出批示',
  unit_manager: '管理本单位任务的填报',
  unit_staff: '填报本单位任务',
  inspector: '查看方案与任务，记录督查',
};

const UNIT_ROLES: Role[] = ['unit_manager', 'unit_staff'];
const FIELDS = ['username', 'displayName', 'unitId', 'roles', 'leaderSectionIds'] as const;

interface Values {
  username: string;
  displayName: string;
  unitId?: number | null;
  roles: Role[];
  leaderSectionIds?: number[];
}

interface Props {
  /** null: closed; 'new': create; a user: edit. */
  target: User | 'new' | null;
  units: { id: number; name: string }[];
  onClose: () => void;
  onCreated: (user: User, password: string) => void;
  onSaved: (user: User) => void;
}

const sameIds = (a: readonly number[], b: readonly number[]) => a.length === b.length && [...a].sort().every((x, i) => x === [...b].sort()[i]);

/** 新建账号 / 编辑账号: name, unit, roles, and a leader's sections. */
export function UserFormModal({ target, units, onClose, onCreated, onSaved }: Props) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const roles = Form.useWatch('roles', form) ?? [];
  const isLeader = roles.includes('leader');
  const sections = useSectionTree(target !== null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const editing = target !== null && target !== 'new' ? target : null;

  useEffect(() => {
    if (target === null) return;
    setError(null);
    form.resetFields();
    if (target !== 'new') {
      form.setFieldsValue({ username: target.username, displayName: target.displayName, unitId: target.unitId, roles: target.roles, leaderSectionIds: target.leaderSectionIds });
    } else {
      form.setFieldsValue({ roles: ['unit_staff'], leaderSectionIds: [] });
    }
  }, [target, form]);

  async function submit(values: Values) {
    setBusy(true);
    setError(null);
    const leaderSectionIds = values.roles.includes('leader') ? (values.leaderSectionIds ?? []).filter((v): v is number => typeof v === 'number') : [];
    try {
      if (!editing) {
        const created = await createUser({ username: values.username.trim(), displayName: values.displayName.trim(), unitId: values.unitId ?? null, roles: values.roles, leaderSectionIds });
        onCreated(created.user, created.password);
      } else {
        const patch: UserUpdate = {};
        if (values.displayName.trim() !== editing.displayName) patch.displayName = values.displayName.trim();
        if ((values.unitId ?? null) !== editing.unitId) patch.unitId = values.unitId ?? null;
        if (!sameIds(values.roles.map((r) => ROLES.indexOf(r)), editing.roles.map((r) => ROLES.indexOf(r)))) patch.roles = values.roles;
        if (!sameIds(leaderSectionIds, editing.leaderSectionIds)) patch.leaderSectionIds = leaderSectionIds;
        if (Object.keys(patch).length === 0) {
          onClose();
          return;
        }
        const saved = await updateUser(editing.id, patch, true);
        void message.success('账号已保存');
        onSaved(saved);
      }
    } catch (err) {
      if (err instanceof ApiError) {
        const field = (err.details as { field?: unknown } | null)?.field;
        const named = FIELDS.find((f) => f === field);
        if (named) {
          form.setFields([{ name: named, errors: [err.message] }]);
        } else {
          setError(err.message);
        }
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      title={editing ? `编辑账号：${editing.username}` : '新建账号'}
      open={target !== null}
      okText={editing ? '保存' : '创建'}
      cancelText="取消"
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      width={600}
      forceRender
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form<Values> form={form} layout="vertical" onFinish={submit} autoComplete="off">
        <Form.Item
          name="username"
          label="用户名"
          extra={editing ? '用户名创建后不能修改' : '用于登录，3–32 位字母、数字或 _ . -'}
          rules={[
            { required: true, whitespace: true, message: '请输入用户名' },
            { pattern: /^\s*[A-Za-z0-9_.-]{3,32}\s*$/, message: '用户名须为 3–32 位字母、数字或 _ . -' },
          ]}
        >
          <Input disabled={editing !== null} placeholder="如 zhangsan" data-testid="user-username" />
        </Form.Item>
        <Form.Item name="displayName" label="姓名" rules={[{ required: true, whitespace: true, message: '请输入姓名' }, { max: 50, message: '姓名过长' }]}>
          <Input placeholder="显示在页面和审计日志中" data-testid="user-display-name" />
        </Form.Item>
        <Form.Item
          name="roles"
          label="角色"
          rules={[
            { required: true, type: 'array', min: 1, message: '至少选择一个角色' },
            // 三权分立: the server refuses it too; this says so before the request.
            { validator: async (_, value: Role[] | undefined) => { const conflict = roleConflict(value ?? []); if (conflict) throw new Error(conflict); } },
          ]}
        >
          <Checkbox.Group style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', rowGap: 6 }}>
            {ROLES.map((r) => (
              <Checkbox key={r} value={r}>
                {ROLE_LABELS[r]}
                <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineStart: 6 }}>{ROLE_HINTS[r]}</Typography.Text>
              </Checkbox>
            ))}
          </Checkbox.Group>
        </Form.Item>
        <Form.Item
          name="unitId"
          label="所属单位"
          dependencies={['roles']}
          rules={[
            ({ getFieldValue }) => ({
              validator: async (_, value: number | null | undefined) => {
                const r = (getFieldValue('roles') as Role[] | undefined) ?? [];
                if (value == null && r.some((x) => UNIT_ROLES.includes(x))) throw new Error('单位管理员和单位填报员必须属于一个单位');
              },
            }),
          ]}
        >
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder="选择单位（可不填）"
            options={units.map((u) => ({ value: u.id, label: u.name }))}
            data-testid="user-unit"
          />
        </Form.Item>
        {isLeader && (
          <Form.Item name="leaderSectionIds" label="分管章节" extra="分管领导可对所选章节下的任务作出批示">
            <TreeSelect
              treeCheckable
              showCheckedStrategy={TreeSelect.SHOW_CHILD}
              treeData={sections.tree}
              loading={sections.loading}
              placeholder={sections.loading ? '正在加载方案章节…' : '选择分管的章节'}
              maxTagCount={6}
              showSearch={{ treeNodeFilterProp: 'title' }}
              treeDefaultExpandAll
              style={{ width: '100%' }}
            />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
