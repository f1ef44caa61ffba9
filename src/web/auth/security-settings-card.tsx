import { Alert, App, Button, Card, Form, InputNumber, Select, Space, Switch, Typography } from 'antd';
import { useState } from 'react';
import { ROLE_LABELS, ROLES } from '#core/auth/policy.ts';
import { TOTP_ALWAYS_ROLES, type SecuritySettings } from '#core/auth/session-policy.ts';
import { getSecuritySettings, putSecuritySettings } from '../api/auth.ts';
import { ApiError } from '../api/request.ts';
import { useRequest } from '../hooks/use-request.ts';

type Values = Omit<SecuritySettings, 'passwordMaxAgeDays'> & { expires: boolean; passwordMaxAgeDays: number | null };

/**
 * 登录与会话安全 on the settings page: the 等保 controls whose numbers are the office's to choose
 * (idle timeout, absolute lifetime, lock, password expiry, roles that need the second factor).
 */
export function SecuritySettingsCard() {
  const { message } = App.useApp();
  const { data, setData } = useRequest((signal) => getSecuritySettings(signal), []);
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const expires = Form.useWatch('expires', form);
  if (!data) return null;

  async function save(v: Values) {
    setSaving(true);
    setError(null);
    try {
      const { expires: on, ...rest } = v;
      setData(await putSecuritySettings({ ...rest, passwordMaxAgeDays: on ? (v.passwordMaxAgeDays ?? 90) : null }));
      void message.success('安全设置已保存');
    } catch (err) {
      setError(err instanceof ApiError ? err.message : '保存失败');
    } finally {
      setSaving(false);
    }
  }

  return (
    <Card size="small" title="登录与会话安全" style={{ marginTop: 12, marginBottom: 12 }} data-testid="settings-security">
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        等级保护要求登录失败处理、会话超时与管理员双因素认证，但未规定具体数值；以下数值由本单位设定。
      </Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form<Values> form={form} layout="vertical" requiredMark={false} onFinish={save} initialValues={{ ...data, expires: data.passwordMaxAgeDays !== null, passwordMaxAgeDays: data.passwordMaxAgeDays ?? 90 }}>
        <Space wrap size={16}>
          <Form.Item label="空闲超时（分钟）" name="idleMinutes" rules={[{ required: true, message: '请填写' }]}>
            <InputNumber min={1} max={1440} style={{ width: 120 }} />
          </Form.Item>
          <Form.Item label="会话最长时长（小时）" name="absoluteHours" rules={[{ required: true, message: '请填写' }]}>
            <InputNumber min={1} max={720} style={{ width: 120 }} />
          </Form.Item>
          <Form.Item label="连续输错锁定（次）" name="lockAfterFailures" rules={[{ required: true, message: '请填写' }]}>
            <InputNumber min={3} max={100} style={{ width: 120 }} />
          </Form.Item>
          <Form.Item label="锁定时长（分钟）" name="lockMinutes" rules={[{ required: true, message: '请填写' }]}>
            <InputNumber min={1} max={1440} style={{ width: 120 }} />
          </Form.Item>
        </Space>
        <Space wrap size={16} align="start">
          <Form.Item label="密码有效期" name="expires" valuePropName="checked">
            <Switch checkedChildren="启用" unCheckedChildren="不限" />
          </Form.Item>
          {expires && (
            <Form.Item label="有效天数" name="passwordMaxAgeDays" rules={[{ required: true, message: '请填写' }]}>
              <InputNumber min={1} max={3650} style={{ width: 120 }} />
            </Form.Item>
          )}
        </Space>
        <Form.Item label="以下角色也须双因素认证（系统、安全、审计管理员始终需要）" name="totpRoles">
          <Select
            mode="multiple"
            allowClear
            options={ROLES.filter((r) => !TOTP_ALWAYS_ROLES.includes(r)).map((r) => ({ value: r, label: ROLE_LABELS[r] }))}
            placeholder="不额外要求"
          />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={saving}>
          保存
        </Button>
      </Form>
    </Card>
  );
}
