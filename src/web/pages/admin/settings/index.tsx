import { Alert, App, Button, Card, Col, Form, Input, InputNumber, Popconfirm, Row, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { deleteCalendarYear, getSettings, putCalendarYear, putPublicPage, putReminders, type CalendarYear, type ReminderRules, type Settings } from '#web/api/settings.ts';
import { PageHeader } from '#web/components/page-header.tsx';
import { LoadFailed } from '#web/components/page-error.tsx';
import { PageLoading } from '#web/components/page-loading.tsx';
import { useRequest } from '#web/hooks/use-request.ts';
import { BackupCard } from './backup-card.tsx';

const LEVEL_LABELS = { urge: '催办', supervise: '督办', interview: '约谈建议' } as const;

/** Dates typed one per line, or separated by commas, spaces or 、. */
const parseDates = (text: string): string[] => text.split(/[\s,，、;；]+/).map((s) => s.trim()).filter(Boolean);

/** 系统设置: reminder rules, working-day calendar years, the public progress page. Admins only. */
export default function SettingsPage() {
  const { data, loading, error, reload, setData } = useRequest((signal) => getSettings(signal), []);
  if (loading && !data) return <PageLoading />;
  if (!data) return <LoadFailed error={error} what="系统设置" onRetry={reload} />;
  return (
    <>
      <PageHeader title="系统设置" crumbs={[{ title: '系统设置' }]} />
      <Row gutter={12}>
        <Col xs={24} xl={12}>
          <RemindersCard settings={data} onSaved={setData} />
          <PublicPageCard settings={data} onSaved={setData} />
          <BackupCard />
        </Col>
        <Col xs={24} xl={12}>
          <CalendarCard settings={data} onSaved={setData} />
        </Col>
      </Row>
    </>
  );
}

function RemindersCard({ settings, onSaved }: { settings: Settings; onSaved: (s: Settings) => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<ReminderRules>();
  const [saving, setSaving] = useState(false);
  async function save(values: ReminderRules) {
    setSaving(true);
    try {
      const escalation = settings.reminders.escalation.map((e, i) => ({ level: e.level, afterWorkdays: values.escalation[i]!.afterWorkdays }));
      onSaved(await putReminders({ dueSoonWorkdays: values.dueSoonWorkdays, reminderOffsets: values.reminderOffsets.map(Number), escalation }));
      void message.success('提醒规则已保存，下次提醒任务运行时生效');
    } finally {
      setSaving(false);
    }
  }
  return (
    <Card size="small" title="提醒与升级规则" style={{ marginBottom: 12 }} data-testid="settings-reminders">
      <Form form={form} layout="vertical" initialValues={settings.reminders} onFinish={save} requiredMark={false}>
        <Form.Item label="临期：距截止日不超过（工作日）" name="dueSoonWorkdays" rules={[{ required: true, message: '请填写临期天数' }]} extra="任务在截止前这么多个工作日内显示为“临期”">
          <InputNumber min={0} max={30} style={{ width: 120 }} />
        </Form.Item>
        <Form.Item label="截止前提醒（工作日，可多选）" name="reminderOffsets" extra="例如 5、2、1：在截止前第 5、第 2、第 1 个工作日各提醒一次">
          <Select mode="tags" style={{ width: '100%' }} tokenSeparators={[',', '，', ' ']} options={[10, 5, 3, 2, 1].map((n) => ({ value: n, label: `${n} 个工作日` }))} />
        </Form.Item>
        <Space wrap>
          {settings.reminders.escalation.map((e, i) => (
            <Form.Item key={e.level} label={`逾期 N 个工作日后${LEVEL_LABELS[e.level]}`} name={['escalation', i, 'afterWorkdays']} rules={[{ required: true, message: '请填写天数' }]}>
              <InputNumber min={1} max={60} style={{ width: 120 }} />
            </Form.Item>
          ))}
        </Space>
        <Button type="primary" htmlType="submit" loading={saving}>保存规则</Button>
      </Form>
    </Card>
  );
}

function PublicPageCard({ settings, onSaved }: { settings: Settings; onSaved: (s: Settings) => void }) {
  const { message } = App.useApp();
  const [saving, setSaving] = useState(false);
  return (
    <Card size="small" title="公开进展页面" data-testid="settings-public">
      <Space>
        <Switch
          checked={settings.publicPage.enabled}
          loading={saving}
          checkedChildren="开放"
          unCheckedChildren="关闭"
          onChange={async (enabled) => {
            setSaving(true);
            try {
              onSaved(await putPublicPage(enabled));
              void message.success(enabled ? '公开页面已开放' : '公开页面已关闭');
            } finally {
              setSaving(false);
            }
          }}
        />
        <Typography.Text type="secondary">开放后，无需登录即可在 <Link to="/public">/public</Link> 查看各方案任务及其状态（不含审核意见、佐证材料和人员信息）。</Typography.Text>
      </Space>
    </Card>
  );
}

function CalendarCard({ settings, onSaved }: { settings: Settings; onSaved: (s: Settings) => void }) {
  const { message } = App.useApp();
  const [editing, setEditing] = useState<{ year: number; holidays: string; workdays: string } | null>(null);
  const [saving, setSaving] = useState(false);
  const added = new Map(settings.calendarYears.map((y) => [y.year, y]));
  const nextYear = Math.max(...settings.coveredYears, new Date().getFullYear()) + 1;
  const open = (y: CalendarYear | null, year: number) => setEditing({ year, holidays: (y?.holidays ?? []).join('\n'), workdays: (y?.workdays ?? []).join('\n') });

  async function save() {
    if (!editing) return;
    setSaving(true);
    try {
      onSaved(await putCalendarYear({ year: editing.year, holidays: parseDates(editing.holidays), workdays: parseDates(editing.workdays) }));
      void message.success(`${editing.year} 年工作日历已保存`);
      setEditing(null);
    } finally {
      setSaving(false);
    }
  }

  return (
    <Card size="small" title="工作日历（法定节假日与调休）" data-testid="settings-calendar" extra={<Button size="small" onClick={() => open(null, nextYear)}>补充 {nextYear} 年</Button>}>
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 12 }}
        title="内置 2020–2026 年国务院办公厅节假日安排。国务院公布新一年安排后，请在此补充；未覆盖年份的截止日不计算临期、不发送提醒。"
      />
      <Table
        size="small"
        rowKey="year"
        pagination={false}
        dataSource={settings.coveredYears.map((year) => ({ year }))}
        columns={[
          { title: '年份', dataIndex: 'year', width: 80 },
          { title: '来源', render: (_, r) => (added.has(r.year) ? <Tag color="blue">管理员补充</Tag> : <Tag>内置</Tag>) },
          { title: '放假 / 调休上班', render: (_, r) => (added.has(r.year) ? `${added.get(r.year)!.holidays.length} 天 / ${added.get(r.year)!.workdays.length} 天` : '—') },
          {
            title: '操作',
            width: 150,
            render: (_, r) => (
              <Space>
                {/* Built-in years are the State Council's published data: replacing one starts from an empty form, so it is not offered here. */}
                {added.has(r.year) && <Button type="link" size="small" onClick={() => open(added.get(r.year)!, r.year)}>修改</Button>}
                {added.has(r.year) && (
                  <Popconfirm title={`删除 ${r.year} 年的补充日历？`} onConfirm={async () => { onSaved(await deleteCalendarYear(r.year)); void message.success('已删除'); }}>
                    <Button type="link" size="small" danger>删除</Button>
                  </Popconfirm>
                )}
              </Space>
            ),
          },
        ]}
      />
      {editing && (
        <div style={{ marginTop: 12 }} data-testid="calendar-editor">
          <Typography.Text strong>{editing.year} 年</Typography.Text>
          <Row gutter={8} style={{ marginTop: 8 }}>
            <Col span={12}>
              <Typography.Text type="secondary">放假日期（每行一个，YYYY-MM-DD）</Typography.Text>
              <Input.TextArea rows={8} value={editing.holidays} onChange={(e) => setEditing({ ...editing, holidays: e.target.value })} placeholder={`${editing.year}-01-01`} aria-label="放假日期" />
            </Col>
            <Col span={12}>
              <Typography.Text type="secondary">调休上班日（周六或周日）</Typography.Text>
              <Input.TextArea rows={8} value={editing.workdays} onChange={(e) => setEditing({ ...editing, workdays: e.target.value })} aria-label="调休上班日" />
            </Col>
          </Row>
          <Space style={{ marginTop: 8 }}>
            <Button type="primary" loading={saving} onClick={save}>保存</Button>
            <Button onClick={() => setEditing(null)}>取消</Button>
          </Space>
        </div>
      )}
    </Card>
  );
}
