import { App, DatePicker, Form, Input, Modal, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { findPlans } from '#web/api/plans.ts';
import { createRound, type RoundDetail } from '#web/api/rounds.ts';
import { findUnits } from '#web/api/units.ts';
import { useRequest } from '#web/hooks/use-request.ts';

interface Props {
  open: boolean;
  /** The title the form starts with, e.g. 第3期调度. */
  defaultTitle: string;
  onClose: () => void;
  onCreated: (round: RoundDetail) => void;
}

interface Values {
  title: string;
  period?: [Dayjs | null, Dayjs | null] | null;
  dueDate: Dayjs;
  planIds: number[];
  unitIds?: number[];
  note?: string;
}

const day = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : undefined);

/** 发起调度: which plans, which period, by when; the units are every unit of the plans unless narrowed. */
export function CreateRoundModal({ open, defaultTitle, onClose, onCreated }: Props) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  // Loaded once the dialog is first opened, not with the list behind it.
  const plans = useRequest((signal) => (open ? findPlans(signal) : Promise.resolve(undefined)), [open]);
  const units = useRequest((signal) => (open ? findUnits(undefined, signal) : Promise.resolve(undefined)), [open]);
  const planList = plans.data?.data;

  useEffect(() => {
    if (!open) return;
    const today = dayjs();
    form.resetFields();
    form.setFieldsValue({ title: defaultTitle, period: [today.startOf('month'), today], dueDate: today.add(7, 'day') });
  }, [open, defaultTitle, form]);

  useEffect(() => {
    // One plan: nothing to choose.
    if (open && planList?.length === 1 && !form.getFieldValue('planIds')?.length) form.setFieldValue('planIds', [planList[0]!.id]);
  }, [open, planList, form]);

  async function submit(v: Values) {
    setBusy(true);
    try {
      const round = await createRound({
        title: v.title.trim(),
        periodStart: day(v.period?.[0]),
        periodEnd: day(v.period?.[1]),
        dueDate: v.dueDate.format('YYYY-MM-DD'),
        planIds: v.planIds,
        unitIds: v.unitIds && v.unitIds.length > 0 ? v.unitIds : undefined,
        note: v.note?.trim() || undefined,
      });
      void message.success(`已发起${round.title}，已通知 ${round.expected} 个单位`);
      onCreated(round);
    } catch {
      // Shown by the request policy.
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      title="发起调度"
      open={open}
      okText="发起"
      cancelText="取消"
      okButtonProps={{ 'data-testid': 'round-create-confirm' }}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      width={620}
      forceRender
    >
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        发起后，各报送单位的账号会收到站内通知；单位在任务页填报的进展计入本期调度。
      </Typography.Paragraph>
      <Form<Values> form={form} layout="vertical" onFinish={submit} autoComplete="off" requiredMark="optional" data-testid="round-form">
        <Form.Item name="title" label="调度名称" rules={[{ required: true, whitespace: true, message: '请填写调度名称' }]}>
          <Input maxLength={100} placeholder="如：第3期调度" data-testid="round-title" />
        </Form.Item>
        <div style={{ display: 'flex', gap: 16 }}>
          <Form.Item
            name="period"
            label="报送期间"
            style={{ flex: 1 }}
            rules={[
              {
                validator: (_, v: Values['period']) =>
                  v?.[0] && v[1] && v[0].isAfter(v[1]) ? Promise.reject(new Error('开始日期不能晚于结束日期')) : Promise.resolve(),
              },
            ]}
          >
            <DatePicker.RangePicker allowEmpty={[true, true]} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="dueDate" label="报送截止日期" rules={[{ required: true, message: '请选择报送截止日期' }]} style={{ width: 180 }}>
            <DatePicker style={{ width: '100%' }} data-testid="round-due-date" />
          </Form.Item>
        </div>
        <Form.Item name="planIds" label="调度方案" rules={[{ required: true, type: 'array', min: 1, message: '请至少选择一个方案' }]}>
          <Select
            mode="multiple"
            loading={plans.loading}
            placeholder="选择本期调度的方案"
            data-testid="round-plans"
            options={(planList ?? []).map((p) => ({ value: p.id, label: p.number ? `${p.number} ${p.title}` : p.title }))}
            showSearch={{ optionFilterProp: 'label' }}
          />
        </Form.Item>
        <Form.Item name="unitIds" label="报送单位" extra="不选则为所选方案任务涉及的全部单位">
          <Select
            mode="multiple"
            allowClear
            loading={units.loading}
            placeholder="全部相关单位"
            data-testid="round-units"
            maxTagCount="responsive"
            // Only units named on some task can report (the server checks them against the chosen plans).
            options={(units.data?.data ?? []).filter((u) => !u.isCollective && u.leadCount + u.responsibleCount > 0).map((u) => ({ value: u.id, label: u.name }))}
            showSearch={{ optionFilterProp: 'label' }}
          />
        </Form.Item>
        <Form.Item name="note" label="调度要求">
          <Input.TextArea rows={3} maxLength={2000} showCount placeholder="如：请各单位如实报送本月推进情况，并上传佐证材料。" data-testid="round-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
