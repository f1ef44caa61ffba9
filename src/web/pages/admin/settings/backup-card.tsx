import { Alert, App, Button, Card, Descriptions, Form, Input, InputNumber, Space, Switch, Tag, TimePicker, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { getBackupStatus, putBackupSettings, type BackupRun, type BackupSettings, type BackupStatus } from '#web/api/backup.ts';
import { useRequest } from '#web/hooks/use-request.ts';
import { formatBytes } from '#web/utils/bytes.ts';
import { shanghaiTime } from '#web/utils/time.ts';

const STATUS = { ok: { color: 'green', label: '成功' }, failed: { color: 'red', label: '失败' }, running: { color: 'blue', label: '进行中' } } as const;

function LastRun({ run }: { run: BackupRun | null }) {
  if (!run) return <Typography.Text type="secondary">尚未运行过定时备份</Typography.Text>;
  const s = STATUS[run.status];
  return (
    <Descriptions size="small" column={1} data-testid="backup-last-run">
      <Descriptions.Item label="结果"><Tag color={s.color}>{s.label}</Tag>{run.status === 'ok' && '归档已校验（每个条目的大小与 SHA-256）'}</Descriptions.Item>
      <Descriptions.Item label="开始时间">{shanghaiTime(run.startedAt)}</Descriptions.Item>
      {run.finishedAt && <Descriptions.Item label="耗时">{Math.max(0, Math.round((Date.parse(run.finishedAt) - Date.parse(run.startedAt)) / 1000))} 秒</Descriptions.Item>}
      {run.size !== null && <Descriptions.Item label="大小">{formatBytes(run.size)}（{run.rows} 行数据，{run.files} 个文件）</Descriptions.Item>}
      {run.file && <Descriptions.Item label="备份文件"><Typography.Text copyable code>{run.file}</Typography.Text></Descriptions.Item>}
      {run.removed.length > 0 && <Descriptions.Item label="按保留规则删除">{run.removed.length} 份旧备份</Descriptions.Item>}
      {run.error && <Descriptions.Item label="失败原因"><Typography.Text type="danger">{run.error}</Typography.Text></Descriptions.Item>}
    </Descriptions>
  );
}

interface FormValues extends Omit<BackupSettings, 'timeOfDay' | 'targetDir'> {
  time: dayjs.Dayjs;
  targetDir: string;
}

/** 定时备份: the schedule, the target folder, retention, and the latest run (admins only, on the settings page). */
export function BackupCard() {
  const { data, reload, setData } = useRequest((signal) => getBackupStatus(signal), []);
  return (
    <Card size="small" title="定时备份" style={{ marginTop: 12 }} data-testid="settings-backup" extra={<Button size="small" onClick={reload}>刷新</Button>}>
      {data ? <BackupForm status={data} onSaved={setData} /> : <Typography.Text type="secondary">加载中…</Typography.Text>}
    </Card>
  );
}

function BackupForm({ status, onSaved }: { status: BackupStatus; onSaved: (s: BackupStatus) => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const [saving, setSaving] = useState(false);
  const s = status.settings;
  async function save(v: FormValues) {
    setSaving(true);
    try {
      const next = await putBackupSettings({ enabled: v.enabled, timeOfDay: v.time.format('HH:mm'), keepLast: v.keepLast, keepDays: v.keepDays, targetDir: v.targetDir.trim() || null });
      onSaved(next);
      void message.success(next.settings.enabled ? '定时备份设置已保存' : '定时备份已关闭');
    } finally {
      setSaving(false);
    }
  }
  return (
    <>
      {status.lastRun?.status === 'failed' && <Alert type="error" showIcon style={{ marginBottom: 12 }} title="最近一次定时备份失败，请查看原因并处理；下一次将在下个备份时间重试。" />}
      <LastRun run={status.lastRun} />
      <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
        {status.nextRunAt ? `下次备份：${shanghaiTime(status.nextRunAt, 'minute')}（北京时间）。` : '定时备份未开启。'}备份文件写入 <Typography.Text code>{status.targetDir}</Typography.Text>。
        恢复步骤见运维文档 docs/operations.md。
      </Typography.Paragraph>
      <Form form={form} layout="vertical" requiredMark={false} onFinish={save} initialValues={{ enabled: s.enabled, time: dayjs(`2000-01-01T${s.timeOfDay}`), keepLast: s.keepLast, keepDays: s.keepDays, targetDir: s.targetDir ?? '' }}>
        <Space wrap align="start">
          <Form.Item label="开启" name="enabled" valuePropName="checked">
            <Switch checkedChildren="开" unCheckedChildren="关" />
          </Form.Item>
          <Form.Item label="每天备份时间（北京时间）" name="time" rules={[{ required: true, message: '请选择备份时间' }]}>
            <TimePicker format="HH:mm" minuteStep={5} allowClear={false} />
          </Form.Item>
          <Form.Item label="保留最近（份）" name="keepLast" rules={[{ required: true, message: '请填写保留份数' }]}>
            <InputNumber min={1} max={366} style={{ width: 120 }} />
          </Form.Item>
          <Form.Item label="并删除早于（天，0 为不限）" name="keepDays" rules={[{ required: true, message: '请填写保留天数' }]}>
            <InputNumber min={0} max={3650} style={{ width: 120 }} />
          </Form.Item>
        </Space>
        <Form.Item label="目标文件夹（绝对路径，留空则为数据目录下的 backups）" name="targetDir" extra="建议使用另一块磁盘或网络存储；多节点部署时应为各节点共享的路径。">
          <Input placeholder="/var/backups/tuijin" maxLength={500} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={saving}>保存备份设置</Button>
      </Form>
    </>
  );
}
