import { DownOutlined, KeyOutlined, LogoutOutlined, PoweroffOutlined, UserOutlined } from '@ant-design/icons';
import { App, Dropdown, Space, Typography } from 'antd';
import { useState } from 'react';
import { ROLE_LABELS } from '#core/auth/policy.ts';
import { logout, logoutEverywhere } from '../api/auth.ts';
import { useAuth, useMe } from '../auth/auth-context.tsx';
import { ChangePasswordModal } from '../components/change-password-modal.tsx';

/**
 * The right of the top bar: who is signed in, their unit, and the account actions. `compact` (a phone)
 * leaves the name and unit to the dropdown so the menu keeps the width.
 */
export function UserMenu({ compact = false }: { compact?: boolean }) {
  const me = useMe();
  const { setMe, signOut: forget } = useAuth();
  const { modal, message } = App.useApp();
  // A password that must be changed is the login guard's (pages/security/password-gate.tsx).
  const [changing, setChanging] = useState(false);
  const open = changing;

  // The login guard then sends the user to a plain /login.
  const signedOut = forget;

  async function signOut() {
    try {
      await logout();
    } catch {
      // Signed out locally either way.
    }
    signedOut();
  }

  function signOutEverywhere() {
    modal.confirm({
      title: '退出所有设备',
      content: '将结束本账号在所有电脑和手机上的登录（包括当前这台），之后需要重新登录。',
      okText: '全部退出',
      cancelText: '取消',
      okButtonProps: { danger: true },
      onOk: async () => {
        try {
          const n = await logoutEverywhere();
          void message.success(`已退出 ${n} 个设备上的登录`);
        } catch {
          return;
        }
        signedOut();
      },
    });
  }

  const roleText = me.roles.map((r) => ROLE_LABELS[r]).join('、');

  return (
    <>
      <Dropdown
        trigger={['click']}
        menu={{
          items: [
            {
              key: 'who',
              label: (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {compact && (
                    <>
                      {me.displayName}
                      {me.unitName && ` · ${me.unitName}`}
                      <br />
                    </>
                  )}
                  {me.username} · {roleText}
                </Typography.Text>
              ),
              disabled: true,
            },
            { type: 'divider' },
            { key: 'password', icon: <KeyOutlined />, label: '修改密码', onClick: () => setChanging(true) },
            { key: 'logout-all', icon: <PoweroffOutlined />, label: '退出所有设备', onClick: signOutEverywhere },
            { key: 'logout', icon: <LogoutOutlined />, label: '退出登录', onClick: () => void signOut() },
          ],
        }}
      >
        <button
          type="button"
          style={{
            color: 'rgba(255,255,255,0.85)',
            whiteSpace: 'nowrap',
            lineHeight: '48px',
            background: 'none',
            border: 0,
            padding: 0,
            cursor: 'pointer',
            font: 'inherit',
          }}
          data-testid="user-menu"
          aria-label={compact ? `${me.displayName}的账号` : undefined}
        >
          <Space size={6}>
            <UserOutlined />
            {!compact && <span style={{ color: '#fff' }}>{me.displayName}</span>}
            {!compact && me.unitName && <span style={{ fontSize: 12, opacity: 0.75 }}>{me.unitName}</span>}
            <DownOutlined style={{ fontSize: 10 }} />
          </Space>
        </button>
      </Dropdown>
      <ChangePasswordModal
        open={open}
        username={me.username}
        required={false}
        onClose={() => setChanging(false)}
        onChanged={() => {
          setChanging(false);
          setMe({ ...me, mustChangePassword: false, passwordExpired: false });
        }}
      />
    </>
  );
}
