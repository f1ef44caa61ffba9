import { CheckOutlined, DeleteOutlined, EditOutlined, PlusOutlined, RollbackOutlined, SendOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, DatePicker, Empty, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { addLedgerEntry, deleteLedgerEntry, getLedger, reviewLedger, submitLedger, updateLedgerEntry } from '#web/api/ledger.ts';
import type { Ledger, LedgerEntry, LedgerEntryInput } from '#core/api/ledger.ts';
import type { TaskDetail } from '#core/api/tasks.ts';
import type { LedgerDecision } from '#core/ledger/rules.ts';
import { useRequest } from '#web/hooks/use-request.ts';
import { dayLabel } from '#web/utils/format.ts';
import { groupByUnit, ledgerRights, ledgerRows, ledgerStatusColor, ledgerStatusLabel, periodLabel, type LedgerRow } from '#web/utils/ledger.ts';
import { shanghaiTime } from '#web/utils/time.ts';

interface Props {
  task: TaskDetail;
  mayWrite: boolean;
  mayReview: boolean;
}

interface EntryForm {
  unitId: number;
  milestoneId: number | null;
  action: string;
  owner?: string;
  period?: [Dayjs | null, Dayjs | null] | null;
  deliverable?: string;
}

/** What the entry editor is open on: a new entry (for one of the user's units) or an existing one. */
type Editing = { mode: 'add' } | { mode: 'edit'; entry: LedgerEntry } | null;

const iso = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : null);

/** 落实方案与台账: every unit's actions on the task, the lead unit's submission and the coordinator's review. */
export function LedgerCard({ task, mayWrite, mayReview }: Props) {
  const { message } = App.useApp();
  const ledger = useRequest((signal) => getLedger(task.id, signal), [task.id]);
  const [editing, setEditing] = useState<Editing>(null);
  const [reviewing, setReviewing] = useState<LedgerDecision | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<EntryForm>();
  const [reviewForm] = Form.useForm<{ comment?: string }>();

  const units = [...task.lead, ...task.responsible];
  const myUnitIds = task.myUnitIds;
  const data: Ledger = ledger.data ?? { plan: null, entries: [] };
  const rights = ledgerRights({
    plan: data.plan,
    entryCount: data.entries.length,
    myUnitIds,
    leadUnitIds: task.lead.map((u) => u.id),
    mayWrite,
    mayReview,
  });
  const milestoneLabel = (id: number | null) => {
    const m = task.milestones.find((x) => x.id === id);
    return m ? (m.date ? dayLabel(m.date) : m.text) : null;
  };

  useEffect(() => {
    if (!editing) return;
    form.resetFields();
    if (editing.mode === 'edit') {
      const e = editing.entry;
      form.setFieldsValue({
        unitId: e.unitId,
        milestoneId: e.milestoneId,
        action: e.action,
        owner: e.owner ?? undefined,
        period: e.startDate || e.dueDate ? [e.startDate ? dayjs(e.startDate) : null, e.dueDate ? dayjs(e.dueDate) : null] : null,
        deliverable: e.deliverable ?? undefined,
      });
    } else {
      form.setFieldsValue({ unitId: rights.editableUnitIds[0], milestoneId: null });
    }
    // Only when the editor opens.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [editing]);

  useEffect(() => {
    if (reviewing) reviewForm.resetFields();
  }, [reviewing, reviewForm]);

  async function run(action: () => Promise<Ledger>, done: string): Promise<boolean> {
    setBusy(true);
    try {
      ledger.setData(await action());
      void message.success(done);
      return true;
    } catch {
      // Shown by the request policy.
      return false;
    } finally {
      setBusy(false);
    }
  }

  async function saveEntry(values: EntryForm) {
    const body: LedgerEntryInput = {
      milestoneId: values.milestoneId ?? null,
      action: values.action.trim(),
      owner: values.owner?.trim() || null,
      startDate: iso(values.period?.[0]),
      dueDate: iso(values.period?.[1]),
      deliverable: values.deliverable?.trim() || null,
    };
    const ok =
      editing?.mode === 'edit'
        ? await run(() => updateLedgerEntry(editing.entry.id, body), '已保存')
        : await run(() => addLedgerEntry(task.id, values.unitId, body), '已添加举措');
    if (ok) setEditing(null);
  }

  async function review({ comment }: { comment?: string }) {
    if (!reviewing) return;
    const ok = await run(() => reviewLedger(task.id, reviewing, comment?.trim() || null), reviewing === 'approve' ? '落实方案已通过' : '落实方案已退回');
    if (ok) setReviewing(null);
  }

  const rows = ledgerRows(groupByUnit(data.entries, units.map((u) => u.id)));
  const columns: TableColumnsType<LedgerRow> = [
    { title: '单位', dataIndex: 'unitName', width: 110, onCell: (r) => ({ rowSpan: r.unitRowSpan }) },
    { title: '时间节点', dataIndex: 'milestoneId', width: 90, render: (id: number | null) => milestoneLabel(id) ?? <Typography.Text type="secondary">—</Typography.Text> },
    { title: '具体举措', dataIndex: 'action', render: (text: string) => <span style={{ whiteSpace: 'pre-wrap' }}>{text}</span> },
    { title: '责任人', dataIndex: 'owner', width: 80, render: (v: string | null) => v ?? '—' },
    { title: '时限', key: 'period', width: 120, render: (_, r) => periodLabel(r.startDate, r.dueDate) },
    { title: '成果形式', dataIndex: 'deliverable', width: 120, render: (v: string | null) => v ?? '—' },
  ];
  if (rights.editableUnitIds.length > 0) {
    columns.push({
      title: '操作',
      key: 'ops',
      width: 76,
      render: (_, r) =>
        rights.editableUnitIds.includes(r.unitId) ? (
          <Space size={0}>
            <Button type="link" size="small" icon={<EditOutlined />} aria-label="编辑" onClick={() => setEditing({ mode: 'edit', entry: r })} />
            <Popconfirm title="删除这条举措？" okText="删除" cancelText="取消" onConfirm={() => run(() => deleteLedgerEntry(r.id), '已删除')}>
              <Button type="link" size="small" danger icon={<DeleteOutlined />} aria-label="删除" />
            </Popconfirm>
          </Space>
        ) : null,
    });
  }

  const plan = data.plan;
  return (
    <Card
      size="small"
      style={{ marginBottom: 12 }}
      data-testid="ledger-card"
      title={
        <Space>
          落实方案与台账
          <Tag color={ledgerStatusColor(plan)} data-testid="ledger-status">{ledgerStatusLabel(plan)}</Tag>
        </Space>
      }
      extra={
        <Space size={6}>
          {rights.editableUnitIds.length > 0 && (
            <Button size="small" icon={<PlusOutlined />} onClick={() => setEditing({ mode: 'add' })} data-testid="ledger-add">
              添加举措
            </Button>
          )}
          {rights.maySubmit && (
            <Popconfirm title="报送落实方案给统筹部门审核？" okText="报送" cancelText="取消" onConfirm={() => run(() => submitLedger(task.id), '落实方案已报送')}>
              <Button size="small" type="primary" icon={<SendOutlined />} loading={busy} data-testid="ledger-submit">
                报送落实方案
              </Button>
            </Popconfirm>
          )}
          {rights.mayReview && (
            <>
              <Button size="small" type="primary" icon={<CheckOutlined />} onClick={() => setReviewing('approve')} data-testid="ledger-approve">
                通过
              </Button>
              <Button size="small" danger icon={<RollbackOutlined />} onClick={() => setReviewing('return')} data-testid="ledger-return">
                退回
              </Button>
            </>
          )}
        </Space>
      }
    >
      {plan?.status === 'returned' && plan.reviewComment && (
        <Alert type="error" showIcon style={{ marginBottom: 8 }} data-testid="ledger-returned" title={`退回意见：${plan.reviewComment}`} />
      )}
      {plan?.status === 'approved' && (
        <Alert type="success" showIcon style={{ marginBottom: 8 }} title={`落实方案已通过审核${plan.reviewedAt ? `（${shanghaiTime(plan.reviewedAt)}）` : ''}${plan.reviewComment ? `：${plan.reviewComment}` : ''}`} />
      )}
      {plan?.status === 'submitted' && (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
          已于 {plan.submittedAt ? shanghaiTime(plan.submittedAt) : '—'} 报送，等待统筹部门审核。
        </Typography.Paragraph>
      )}
      {rows.length === 0 && !ledger.loading ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="尚未填写具体举措" />
      ) : (
        <Table<LedgerRow> rowKey="id" size="small" bordered columns={columns} dataSource={rows} pagination={false} loading={ledger.loading} data-testid="ledger-table" />
      )}

      <Modal
        title={editing?.mode === 'edit' ? '编辑举措' : '添加举措'}
        open={editing !== null}
        okText="保存"
        cancelText="取消"
        okButtonProps={{ 'data-testid': 'ledger-save' }}
        confirmLoading={busy}
        onOk={() => form.submit()}
        onCancel={() => setEditing(null)}
        forceRender
      >
        <Form<EntryForm> form={form} layout="vertical" onFinish={saveEntry} data-testid="ledger-form">
          <Form.Item name="unitId" label="单位" rules={[{ required: true, message: '请选择单位' }]} hidden={editing?.mode === 'edit' || rights.editableUnitIds.length < 2}>
            <Select options={units.filter((u) => rights.editableUnitIds.includes(u.id)).map((u) => ({ value: u.id, label: u.name }))} />
          </Form.Item>
          <Form.Item name="milestoneId" label="对应时间节点">
            <Select
              allowClear
              placeholder="不对应具体节点"
              options={task.milestones.map((m) => ({ value: m.id, label: `${m.date ? dayLabel(m.date) : m.text}　${m.clause || m.text}`.slice(0, 60) }))}
            />
          </Form.Item>
          <Form.Item name="action" label="具体举措" rules={[{ required: true, whitespace: true, message: '请填写具体举措' }, { max: 1000, message: '具体举措不超过 1000 字' }]}>
            <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} data-testid="ledger-action" />
          </Form.Item>
          <Space.Compact block style={{ gap: 12 }}>
            <Form.Item name="owner" label="责任人" style={{ flex: 1 }} rules={[{ max: 50, message: '不超过 50 字' }]}>
              <Input data-testid="ledger-owner" />
            </Form.Item>
            <Form.Item name="period" label="起止时间" style={{ flex: 2 }}>
              <DatePicker.RangePicker allowEmpty={[true, true]} style={{ width: '100%' }} />
            </Form.Item>
          </Space.Compact>
          <Form.Item name="deliverable" label="成果形式" rules={[{ max: 500, message: '不超过 500 字' }]}>
            <Input placeholder="如：工作方案、制度文件、验收报告" data-testid="ledger-deliverable" />
          </Form.Item>
        </Form>
      </Modal>

      <Modal
        title={reviewing === 'return' ? '退回落实方案' : '通过落实方案'}
        open={reviewing !== null}
        okText={reviewing === 'return' ? '退回' : '通过'}
        cancelText="取消"
        okButtonProps={{ danger: reviewing === 'return', 'data-testid': 'ledger-review-confirm' }}
        confirmLoading={busy}
        onOk={() => reviewForm.submit()}
        onCancel={() => setReviewing(null)}
        forceRender
      >
        <Form form={reviewForm} layout="vertical" onFinish={review}>
          <Form.Item
            name="comment"
            label={reviewing === 'return' ? '退回意见' : '审核意见（选填）'}
            rules={[{ required: reviewing === 'return', whitespace: true, message: '请填写退回意见' }, { max: 2000, message: '不超过 2000 字' }]}
          >
            <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} data-testid="ledger-review-comment" />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
