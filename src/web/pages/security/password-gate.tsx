import { getMe, logout } from '#web/api/auth.ts';
import { useAuth, useMe } from '#web/auth/auth-context.tsx';
import { ChangePasswordModal } from '#web/components/change-password-modal.tsx';

/**
 * 修改密码, shown instead of the app while the password must be changed (temporary, reset by an admin,
 * or past the office's expiry): the server refuses everything else until then.
 */
export default function PasswordGatePage() {
  const me = useMe();
  const { setMe, signOut } = useAuth();
  return (
    <div className="tj-login" data-testid="password-gate">
      <ChangePasswordModal
        open
        username={me.username}
        required
        reason={me.passwordExpired && !me.mustChangePassword ? 'expired' : 'temporary'}
        onClose={() => undefined}
        onChanged={() => void getMe().then(setMe)}
        onSignOut={() => void logout().catch(() => undefined).then(signOut)}
      />
    </div>
  );
}
