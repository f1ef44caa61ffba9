import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { homePath } from '#web/access.ts';
import { login, logout } from '#web/api/auth.ts';
import { ApiError } from '#web/api/request.ts';
import { useAuth } from '#web/auth/auth-context.tsx';
import { PRODUCT_NAME } from '#web/config/product.ts';
import { safeNext } from '#web/utils/login-redirect.ts';
import { CodeStep } from './code-step.tsx';

interface Values {
  username: string;
  password: string;
}

/** The Chinese reason a sign-in failed, for the form. */
function failureText(err: unknown): string {
  if (!(err instanceof ApiError)) return '登录失败，请稍后重试';
  // One answer for a wrong password, an unknown user and a locked account: the server's message says so.
  if (err.status === 401) return err.message || '用户名或密码错误';
  if (err.status === 429) return err.message || '登录尝试过于频繁，请稍后再试';
  return err.message;
}

/** 登录: username and password; back to the page that asked for it, else the user's home. */
export default function LoginPage() {
  const { me, setMe } = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const [error, setError] = useState<{ text: string; locked: boolean } | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    document.title = `登录 - ${PRODUCT_NAME}`;
  }, []);

  // Signed in, or with only the second-factor code left to enter (then the code step below).
  if (me && me.gate !== 'code') return <Navigate to={next ?? homePath(me)} replace />;

  async function submit(values: Values) {
    setBusy(true);
    setError(null);
    try {
      const signedIn = await login(values.username.trim(), values.password);
      setMe(signedIn);
      setBusy(false);
      // With a second factor the code step shows next; otherwise on (an enrolment or password gate is the guard's).
      if (signedIn.gate !== 'code') navigate(next ?? homePath(signedIn), { replace: true });
    } catch (err) {
      setError({ text: failureText(err), locked: err instanceof ApiError && err.status === 423 });
      setBusy(false);
    }
  }

  return (
    <div className="tj-login">
      <div style={{ width: 380, maxWidth: 'calc(100vw - 32px)' }}>
        <div style={{ display: 'flex', alignItems: 'center', justifyContent: 'center', gap: 10, marginBottom: 20 }}>
          <span
            aria-hidden
            style={{ width: 36, height: 36, lineHeight: '36px', textAlign: 'center', borderRadius: 6, background: '#b3261e', color: '#fff', fontWeight: 700, fontSize: 20 }}
          >
            推
          </span>
          <Typography.Title level={3} style={{ margin: 0, color: '#fff', letterSpacing: 1 }}>
            {PRODUCT_NAME}
          </Typography.Title>
        </div>
        <Card styles={{ body: { padding: '24px 28px 12px' } }}>
          {me?.gate === 'code' ? (
            <CodeStep
              onDone={(full) => {
                setMe(full);
                navigate(next ?? homePath(full), { replace: true });
              }}
              onRestart={() => {
                void logout().catch(() => undefined);
                setMe(null);
              }}
            />
          ) : (
          <>
          <Typography.Title level={5} style={{ marginTop: 0, marginBottom: 16 }}>账号登录</Typography.Title>
          {error && (
            <Alert
              type={error.locked ? 'warning' : 'error'}
              showIcon
              title={error.text}
              style={{ marginBottom: 16 }}
              data-testid="login-error"
            />
          )}
          <Form<Values> layout="vertical" requiredMark={false} onFinish={submit} disabled={busy}>
            <Form.Item name="username" label="用户名" rules={[{ required: true, whitespace: true, message: '请输入用户名' }]}>
              <Input prefix={<UserOutlined />} autoComplete="username" autoFocus placeholder="用户名" size="large" data-testid="login-username" />
            </Form.Item>
            <Form.Item name="password" label="密码" rules={[{ required: true, message: '请输入密码' }]}>
              <Input.Password prefix={<LockOutlined />} autoComplete="current-password" placeholder="密码" size="large" data-testid="login-password" />
            </Form.Item>
            <Form.Item style={{ marginBottom: 12 }}>
              <Button type="primary" htmlType="submit" block size="large" loading={busy} data-testid="login-submit">
                登录
              </Button>
            </Form.Item>
          </Form>
          <Typography.Paragraph type="secondary" style={{ fontSize: 12, textAlign: 'center' }}>
            忘记密码或账号被锁定，请联系系统管理员。
          </Typography.Paragraph>
          </>
          )}
        </Card>
      </div>
    </div>
  );
}
