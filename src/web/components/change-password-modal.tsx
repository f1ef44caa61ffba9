import { CheckCircleFilled, CloseCircleOutlined } from '@ant-design/icons';
import { Alert, App, Form, Input, Modal, Progress, Space, Typography } from 'antd';
import { useState } from 'react';
import { changePassword } from '../api/auth.ts';
import { ApiError } from '../api/request.ts';
import { passwordChecks, passwordProblem, passwordStrength } from '../utils/password-hint.ts';

interface Props {
  open: boolean;
  username: string;
  /** The password must be changed before going on (first sign-in, or after a reset): no cancel. */
  required: boolean;
  /** Why it is required: a temporary password (first sign-in, reset) or one past the office's expiry. */
  reason?: 'temporary' | 'expired';
  onClose: () => void;
  /** Offered while the change is required, so the user is not stuck on the form. */
  onSignOut?: () => void;
  onChanged: () => void;
}

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

const STRENGTH = [
  { text: '', color: '#d9d9d9' },
  { text: '弱', color: '#ff4d4f' },
  { text: '中', color: '#faad14' },
  { text: '强', color: '#52c41a' },
  { text: '很强', color: '#389e0d' },
];

/** 修改密码, with the strength rule (≥10 characters, three kinds) checked as the user types. */
export function ChangePasswordModal({ open, username, required, reason = 'temporary', onClose, onChanged, onSignOut }: Props) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const newPassword = Form.useWatch('newPassword', form) ?? '';
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const strength = passwordStrength(newPassword);

  async function submit(values: Values) {
    setBusy(true);
    setError(null);
    try {
      await changePassword(values.currentPassword, values.newPassword);
      void message.success('密码已修改');
      form.resetFields();
      onChanged();
    } catch (err) {
      if (err instanceof ApiError) {
        const field = (err.details as { field?: unknown } | null)?.field;
        if (field === 'currentPassword' || field === 'newPassword') form.setFields([{ name: field, errors: [err.message] }]);
        else setError(err.message);
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      title="修改密码"
      open={open}
      okText="确认修改"
      cancelText="取消"
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={required ? undefined : onClose}
      closable={!required}
      mask={{ closable: !required }}
      keyboard={!required}
      cancelButtonProps={{ style: required ? { display: 'none' } : undefined }}
      afterClose={() => {
        form.resetFields();
        setError(null);
      }}
      forceRender
    >
      {required && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={reason === 'expired' ? '您的密码已超过规定的使用期限，须设置新密码后才能继续使用。' : '首次登录或密码被管理员重置后，须先设置自己的新密码。'}
        />
      )}
      {error && <Alert type="error" showIcon style={{ marginBottom: 16 }} title={error} />}
      <Form<Values> form={form} layout="vertical" requiredMark={false} onFinish={submit} autoComplete="off">
        <Form.Item name="currentPassword" label="当前密码" rules={[{ required: true, message: '请输入当前密码' }]}>
          <Input.Password autoComplete="current-password" data-testid="password-current" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label="新密码"
          rules={[
            { required: true, message: '请输入新密码' },
            {
              validator: async (_, value: string | undefined) => {
                const problem = value ? passwordProblem(value, username) : null;
                if (problem) throw new Error(problem);
              },
            },
          ]}
          extra={
            <div style={{ marginTop: 4, marginBottom: 8 }}>
              <Space size={8} style={{ width: '100%' }}>
                <Progress percent={strength * 25} steps={4} size={[48, 6]} showInfo={false} strokeColor={STRENGTH[strength]!.color} />
                <Typography.Text style={{ fontSize: 12, color: STRENGTH[strength]!.color }}>{STRENGTH[strength]!.text}</Typography.Text>
              </Space>
              {passwordChecks(newPassword).map((c) => (
                <div key={c.label} style={{ fontSize: 12, color: c.ok ? '#389e0d' : '#8c8c8c' }}>
                  {c.ok ? <CheckCircleFilled /> : <CloseCircleOutlined />} {c.label}
                </div>
              ))}
              <div style={{ fontSize: 12, color: '#8c8c8c' }}>不能包含用户名</div>
            </div>
          }
        >
          <Input.Password autoComplete="new-password" data-testid="password-new" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label="确认新密码"
          dependencies={['newPassword']}
          rules={[
            { required: true, message: '请再次输入新密码' },
            ({ getFieldValue }) => ({
              validator: async (_, value: string | undefined) => {
                if (value && value !== getFieldValue('newPassword')) throw new Error('两次输入的新密码不一致');
              },
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" data-testid="password-confirm" />
        </Form.Item>
      </Form>
      {required && onSignOut && (
        <Typography.Link onClick={onSignOut} style={{ fontSize: 12 }}>
          退出登录
        </Typography.Link>
      )}
    </Modal>
  );
}
