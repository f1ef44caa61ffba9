import { SafetyOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { submitSignInCode } from '#web/api/auth.ts';
import { ApiError } from '#web/api/request.ts';
import type { Me } from '#core/api/auth.ts';

interface Props {
  /** Signed in fully: the caller goes on to the page the user wanted. */
  onDone: (me: Me) => void;
  /** The session ended (the account got locked): back to the password. */
  onRestart: () => void;
}

/** 动态验证码: the second step of signing in, with a recovery code as the way out for a lost phone. */
export function CodeStep({ onDone, onRestart }: Props) {
  const [recovery, setRecovery] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [form] = Form.useForm<{ value: string }>();

  async function submit({ value }: { value: string }) {
    setBusy(true);
    setError(null);
    try {
      onDone(await submitSignInCode(recovery ? { recoveryCode: value.trim() } : { code: value.trim() }));
    } catch (err) {
      setBusy(false);
      form.resetFields();
      if (err instanceof ApiError && err.status === 401) onRestart();
      setError(err instanceof ApiError ? err.message : '验证失败，请稍后重试');
    }
  }

  return (
    <>
      <Typography.Title level={5} style={{ marginTop: 0, marginBottom: 8 }}>
        <SafetyOutlined /> 双因素认证
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
        {recovery ? '请输入绑定时保存的一个恢复码（每个恢复码只能使用一次）。' : '请打开手机上的身份验证器应用，输入“推进”账号当前显示的 6 位动态验证码。'}
      </Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="code-error" />}
      <Form form={form} layout="vertical" requiredMark={false} onFinish={submit} disabled={busy}>
        <Form.Item
          name="value"
          label={recovery ? '恢复码' : '动态验证码'}
          rules={recovery ? [{ required: true, whitespace: true, message: '请输入恢复码' }] : [{ required: true, pattern: /^\s*\d{6}\s*$/, message: '请输入 6 位数字验证码' }]}
        >
          <Input
            autoFocus
            size="large"
            autoComplete="one-time-code"
            inputMode={recovery ? 'text' : 'numeric'}
            maxLength={recovery ? 32 : 6}
            placeholder={recovery ? 'XXXXX-XXXXX' : '6 位数字'}
            data-testid="login-code"
          />
        </Form.Item>
        <Form.Item style={{ marginBottom: 8 }}>
          <Button type="primary" htmlType="submit" block size="large" loading={busy} data-testid="login-code-submit">
            验证并登录
          </Button>
        </Form.Item>
      </Form>
      <div style={{ display: 'flex', justifyContent: 'space-between', marginBottom: 12 }}>
        <Button type="link" size="small" style={{ padding: 0 }} onClick={() => { setRecovery(!recovery); setError(null); form.resetFields(); }} data-testid="login-code-mode">
          {recovery ? '使用动态验证码' : '手机不在身边？使用恢复码'}
        </Button>
        <Button type="link" size="small" style={{ padding: 0 }} onClick={onRestart}>
          返回重新登录
        </Button>
      </div>
    </>
  );
}
