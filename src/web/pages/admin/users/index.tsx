import { LockOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Card, Input, Popconfirm, Select, Space, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType as ColumnsType } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { ROLE_LABELS, ROLES, type Role } from '#core/auth/policy.ts';
import type { User } from '#core/api/users.ts';
import { findUnits } from '#web/api/units.ts';
import { resetSecondFactor } from '#web/api/auth.ts';
import { findUsers, resetUserPassword, unlockUser, updateUser } from '#web/api/users.ts';
import { canDo } from '#web/access.ts';
import { useMe } from '#web/auth/auth-context.tsx';
import { PageHeader } from '#web/components/page-header.tsx';
import { useRequest } from '#web/hooks/use-request.ts';
import { isFuture, shanghaiTime } from '#web/utils/time.ts';
import { ImportUsersModal } from './components/import-users-modal.tsx';
import { PasswordOnceModal, type PasswordNotice } from './components/password-once.tsx';
import { UserFormModal } from './components/user-form-modal.tsx';
import { ListTable } from '#web/components/list-table.tsx';

const ROLE_COLORS: Record<Role, string> = {
  admin: 'red', security_admin: 'magenta', audit_admin: 'geekblue', coordinator: 'volcano', leader: 'purple', unit_manager: 'blue', unit_staff: 'cyan', inspector: 'gold',
};
const PAGE_SIZES = [20, 50, 100];

/**
 * 账号管理: accounts, their roles and units. The system administrator creates, edits, (de)activates and
 * imports; the security administrator resets passwords and unlocks (三权分立). Each sees only their buttons.
 */
export default function UsersPage() {
  const me = useMe();
  const mayManage = canDo(me, 'account.manage');
  const maySecure = canDo(me, 'security.manage');
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const unitId = Number(params.get('unitId')) || null;
  const roleParam = params.get('role');
  const role = (ROLES as readonly string[]).includes(roleParam ?? '') ? (roleParam as Role) : null;
  const page = Math.max(1, Number(params.get('page')) || 1);
  const pageSize = PAGE_SIZES.includes(Number(params.get('pageSize'))) ? Number(params.get('pageSize')) : 20;

  const users = useRequest((signal) => findUsers({ q: q || null, unitId, role, page, pageSize }, signal), [q, unitId, role, page, pageSize]);
  const units = useRequest((signal) => findUnits(undefined, signal), []);
  const [query, setQuery] = useState(q);
  const [editing, setEditing] = useState<User | 'new' | null>(null);
  const [notice, setNotice] = useState<PasswordNotice | null>(null);
  const [importing, setImporting] = useState(false);
  const [busyId, setBusyId] = useState<number | null>(null);
  const unitList = units.data?.data ?? [];

  const setParam = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    if (!('page' in changes)) next.delete('page');
    setParams(next, { replace: true });
  };

  /** Runs an action on one row; failures were shown by the request policy. */
  async function act<T>(id: number, run: () => Promise<T>): Promise<T | undefined> {
    setBusyId(id);
    try {
      return await run();
    } catch {
      return undefined;
    } finally {
      setBusyId(null);
    }
  }

  const replaceRow = (u: User) => {
    if (users.data) users.setData({ ...users.data, data: users.data.data.map((x) => (x.id === u.id ? u : x)) });
  };

  const columns: ColumnsType<User> = [
    {
      title: '用户名',
      dataIndex: 'username',
      width: 140,
      render: (name: string, u) => (
        <Space size={4}>
          <Typography.Text strong={u.id === me.id}>{name}</Typography.Text>
          {u.id === me.id && <Tag>本人</Tag>}
        </Space>
      ),
    },
    { title: '姓名', dataIndex: 'displayName', width: 170 },
    { title: '单位', dataIndex: 'unitName', render: (n: string | null) => n ?? <Typography.Text type="secondary">—</Typography.Text> },
    {
      title: '角色',
      dataIndex: 'roles',
      render: (roles: Role[], u) => (
        <span style={{ display: 'inline-flex', flexWrap: 'wrap', gap: 4 }}>
          {roles.map((r) => <Tag key={r} color={ROLE_COLORS[r]} style={{ marginInlineEnd: 0 }}>{ROLE_LABELS[r]}</Tag>)}
          {roles.includes('leader') && <Typography.Text type="secondary" style={{ fontSize: 12 }}>分管 {u.leaderSectionIds.length} 个章节</Typography.Text>}
        </span>
      ),
    },
    {
      title: '状态',
      key: 'state',
      width: 150,
      render: (_, u) => (
        <span style={{ display: 'inline-flex', flexWrap: 'wrap', gap: 4 }}>
          {u.isActive ? <Tag color="success" style={{ marginInlineEnd: 0 }}>启用</Tag> : <Tag style={{ marginInlineEnd: 0 }}>已停用</Tag>}
          {isFuture(u.lockedUntil) && (
            <Tooltip title={`连续输错密码，锁定至 ${shanghaiTime(u.lockedUntil, 'minute')}`}>
              <Tag color="error" icon={<LockOutlined />} style={{ marginInlineEnd: 0 }} data-testid="user-locked">已锁定</Tag>
            </Tooltip>
          )}
        </span>
      ),
    },
    { title: '创建时间', dataIndex: 'createdAt', width: 140, render: (t: string) => shanghaiTime(t, 'minute') },
    {
      title: '操作',
      key: 'actions',
      width: 230,
      render: (_, u) => (
        <Space size={0} wrap>
          {mayManage && <Button type="link" size="small" onClick={() => setEditing(u)}>编辑</Button>}
          {maySecure && <Popconfirm
            title="重置密码"
            description={`为“${u.displayName}”生成新密码，其所有设备上的登录将被退出。`}
            okText="重置"
            cancelText="取消"
            onConfirm={async () => {
              const r = await act(u.id, () => resetUserPassword(u.id));
              if (r) {
                setNotice({ title: '密码已重置', username: u.username, displayName: u.displayName, password: r.password });
                users.reload();
              }
            }}
          >
            <Button type="link" size="small" loading={busyId === u.id}>重置密码</Button>
          </Popconfirm>}
          {maySecure && u.id !== me.id && (
            <Popconfirm
              title="重置双因素认证"
              description={`手机丢失时使用：清除“${u.displayName}”绑定的动态验证码和恢复码，其所有登录将被退出，下次登录时重新绑定。`}
              okText="重置"
              cancelText="取消"
              onConfirm={async () => {
                if ((await act(u.id, () => resetSecondFactor(u.id).then(() => true))) === true) void message.success(`已重置“${u.displayName}”的双因素认证`);
              }}
            >
              <Button type="link" size="small" data-testid="user-reset-totp">重置双因素</Button>
            </Popconfirm>
          )}
          {maySecure && isFuture(u.lockedUntil) && (
            <Button
              type="link"
              size="small"
              onClick={async () => {
                const r = await act(u.id, () => unlockUser(u.id));
                if (r) {
                  replaceRow(r);
                  void message.success(`已解锁“${u.displayName}”`);
                }
              }}
            >
              解锁
            </Button>
          )}
          {mayManage && u.id !== me.id && (
            <Popconfirm
              title={u.isActive ? '停用账号' : '启用账号'}
              description={u.isActive ? `停用后“${u.displayName}”将立即退出并无法登录。` : `恢复“${u.displayName}”的登录。`}
              okText={u.isActive ? '停用' : '启用'}
              okButtonProps={{ danger: u.isActive }}
              cancelText="取消"
              onConfirm={async () => {
                const r = await act(u.id, () => updateUser(u.id, { isActive: !u.isActive }));
                if (r) {
                  replaceRow(r);
                  void message.success(r.isActive ? '账号已启用' : '账号已停用');
                }
              }}
            >
              <Button type="link" size="small" danger={u.isActive}>{u.isActive ? '停用' : '启用'}</Button>
            </Popconfirm>
          )}
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title="账号管理"
        subTitle={users.data ? `共 ${users.data.total} 个账号` : undefined}
        extra={
          mayManage && (
            <>
              <Button icon={<UploadOutlined />} onClick={() => setImporting(true)} data-testid="users-import">批量导入</Button>
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="user-create">新建账号</Button>
            </>
          )
        }
      />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Space wrap>
          <Input.Search
            allowClear
            placeholder="搜索用户名或姓名"
            style={{ width: 220 }}
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            onSearch={(v) => setParam({ q: v.trim() || null })}
          />
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder="全部单位"
            style={{ width: 240 }}
            value={unitId}
            onChange={(v: number | null | undefined) => setParam({ unitId: v ? String(v) : null })}
            options={unitList.map((u) => ({ value: u.id, label: u.name }))}
          />
          <Select
            allowClear
            placeholder="全部角色"
            style={{ width: 140 }}
            value={role}
            onChange={(v: Role | null | undefined) => setParam({ role: v ?? null })}
            options={ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))}
          />
        </Space>
      </Card>
      <ListTable<User>
          loading={users.loading}
          columns={columns}
          dataSource={users.data?.data ?? []}
          rowClassName={(u) => (u.isActive ? '' : 'tj-row-inactive')}
          pagination={{
            current: page,
            pageSize,
            total: users.data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: PAGE_SIZES,
            showTotal: (t) => `共 ${t} 个账号`,
            onChange: (p, size) => setParam({ page: size !== pageSize ? null : String(p), pageSize: size === 20 ? null : String(size) }),
          }}
          locale={{ emptyText: q || unitId || role ? '没有符合条件的账号' : '尚无账号' }}
        />
      <UserFormModal
        target={editing}
        units={unitList}
        onClose={() => setEditing(null)}
        onCreated={(user, password) => {
          setEditing(null);
          setNotice({ title: '账号已创建', username: user.username, displayName: user.displayName, password });
          users.reload();
        }}
        onSaved={(user) => {
          setEditing(null);
          replaceRow(user);
        }}
      />
      <PasswordOnceModal notice={notice} onClose={() => setNotice(null)} />
      <ImportUsersModal open={importing} onClose={() => setImporting(false)} onImported={() => users.reload()} />
    </>
  );
}
