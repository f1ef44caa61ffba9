import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Space, Spin, Steps, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { confirmTotp, getMe, logout, startTotpSetup } from '#web/api/auth.ts';
import { ApiError } from '#web/api/request.ts';
import type { TotpSetup } from '#core/api/auth.ts';
import { useAuth } from '#web/auth/auth-context.tsx';

/**
 * 绑定双因素认证: shown instead of the app while the user's roles require a second factor they have
 * not set up. Scan the QR code (or type the key) into an authenticator app, confirm with a code,
 * then keep the recovery codes, which are shown only once.
 */
export default function TotpEnrolPage() {
  const { me, setMe, signOut } = useAuth();
  const [setup, setSetup] = useState<TotpSetup | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const started = useRef(false);
  const [form] = Form.useForm<{ code: string }>();

  useEffect(() => {
    // Once: asking again replaces the secret, and a QR code already scanned would no longer match.
    if (started.current) return;
    started.current = true;
    startTotpSetup().then(setSetup, (err: unknown) => setError(err instanceof ApiError ? err.message : '无法获取绑定信息，请刷新后重试'));
  }, []);

  async function confirm({ code }: { code: string }) {
    setBusy(true);
    setError(null);
    try {
      setCodes((await confirmTotp(code.trim())).recoveryCodes);
    } catch (err) {
      form.resetFields();
      setError(err instanceof ApiError ? err.message : '验证失败，请稍后重试');
    } finally {
      setBusy(false);
    }
  }

  async function finish() {
    setMe(await getMe());
  }

  async function leave() {
    await logout().catch(() => undefined);
    signOut();
  }

  return (
    <div className="tj-login">
      <Card style={{ width: 560, maxWidth: 'calc(100vw - 32px)' }} data-testid="totp-enrol">
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          <SafetyCertificateOutlined /> 绑定双因素认证
        </Typography.Title>
        <Typography.Paragraph type="secondary">
          按照等级保护要求，{me?.displayName ?? ''}（{me?.username}）的账号登录时除密码外还须输入手机上的动态验证码。请先完成绑定。
        </Typography.Paragraph>
        <Steps size="small" current={codes ? 2 : setup ? 1 : 0} style={{ marginBottom: 20 }} items={[{ title: '扫描二维码' }, { title: '输入验证码' }, { title: '保存恢复码' }]} />
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="totp-error" />}
        {codes ? (
          <>
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 12 }}
              title="请立即抄写或打印以下恢复码并妥善保管。手机丢失时，每个恢复码可代替动态验证码登录一次。恢复码只显示这一次。"
            />
            <pre data-testid="recovery-codes" style={{ fontSize: 15, lineHeight: 1.8, background: '#fafafa', padding: '8px 16px', columns: 2 }}>
              {codes.join('\n')}
            </pre>
            <Button type="primary" block size="large" onClick={() => void finish()} data-testid="recovery-done">
              我已保存恢复码，进入系统
            </Button>
          </>
        ) : !setup ? (
          <div style={{ textAlign: 'center', padding: 24 }}>{!error && <Spin />}</div>
        ) : (
          <>
            <Space align="start" size={20} wrap>
              <img src={setup.qrCode} alt="双因素认证绑定二维码" width={180} height={180} data-testid="totp-qr" />
              <div style={{ maxWidth: 300 }}>
                <Typography.Paragraph>
                  1. 在手机上打开身份验证器应用（如 Microsoft Authenticator、Google Authenticator、FreeOTP 或支持 TOTP 的政务App），扫描左侧二维码。
                </Typography.Paragraph>
                <Typography.Paragraph>
                  无法扫码时，可手动输入密钥：
                  <br />
                  <Typography.Text code copyable data-testid="totp-secret">
                    {setup.secret}
                  </Typography.Text>
                </Typography.Paragraph>
                <Typography.Paragraph>2. 输入应用中显示的 6 位验证码完成绑定。</Typography.Paragraph>
              </div>
            </Space>
            <Form form={form} layout="inline" onFinish={confirm} disabled={busy} style={{ marginTop: 8 }}>
              <Form.Item name="code" rules={[{ required: true, pattern: /^\s*\d{6}\s*$/, message: '请输入 6 位数字验证码' }]}>
                <Input size="large" inputMode="numeric" maxLength={6} autoComplete="one-time-code" placeholder="6 位验证码" data-testid="totp-code" />
              </Form.Item>
              <Form.Item>
                <Button type="primary" htmlType="submit" size="large" loading={busy} data-testid="totp-confirm">
                  完成绑定
                </Button>
              </Form.Item>
            </Form>
          </>
        )}
        <div style={{ textAlign: 'right', marginTop: 12 }}>
          <Button type="link" size="small" onClick={() => void leave()}>
            退出登录
          </Button>
        </div>
      </Card>
    </div>
  );
}
