import { Button, DatePicker, Drawer, Form, Input, InputNumber, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { findPlans, updatePlan } from '#web/api/plans.ts';
import type { PlanDetail, PlanSummary } from '#core/api/plans.ts';
import { isPlanLevel, type PlanLevel } from '#core/plans/types.ts';
import { PLAN_LEVELS, levelLabel } from '#web/utils/format.ts';

interface FormValues {
  number: string;
  issuer: string;
  date: Dayjs | null;
  title: string;
  year: number | null;
  level: PlanLevel | null;
  parentPlanId: number | null;
}

interface Props {
  plan: PlanDetail;
  open: boolean;
  onClose: () => void;
  /** Called with the plan as the server returns it after the change. */
  onSaved: (plan: PlanDetail) => void;
}

const blankToNull = (s: string | undefined): string | null => (s && s.trim() !== '' ? s.trim() : null);

/** Edits what the importer read from the document head, and links the plan to its upper-level plan. */
export function PlanEditDrawer({ plan, open, onClose, onSaved }: Props) {
  const [form] = Form.useForm<FormValues>();
  const [saving, setSaving] = useState(false);
  const [plans, setPlans] = useState<PlanSummary[]>([]);

  useEffect(() => {
    if (!open) return;
    form.setFieldsValue({
      number: plan.number ?? '',
      issuer: plan.issuer ?? '',
      date: plan.date ? dayjs(plan.date) : null,
      title: plan.title,
      year: plan.year,
      level: isPlanLevel(plan.level) ? plan.level : null,
      parentPlanId: plan.parentPlanId,
    });
    const controller = new AbortController();
    findPlans(controller.signal).then((r) => setPlans(r.data), () => undefined);
    return () => controller.abort();
  }, [open, plan, form]);

  async function submit(values: FormValues) {
    setSaving(true);
    try {
      const saved = await updatePlan(plan.id, {
        number: blankToNull(values.number),
        issuer: blankToNull(values.issuer),
        date: values.date ? values.date.format('YYYY-MM-DD') : null,
        title: values.title.trim(),
        year: values.year ?? null,
        level: values.level ?? null,
        parentPlanId: values.parentPlanId ?? null,
      });
      onSaved(saved);
    } catch {
      // Shown by the request policy; the drawer stays open to fix the input.
    } finally {
      setSaving(false);
    }
  }

  return (
    <Drawer
      title="编辑方案信息"
      open={open}
      onClose={onClose}
      size={520}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>取消</Button>
          <Button type="primary" loading={saving} onClick={() => form.submit()} data-testid="plan-save">保存</Button>
        </Space>
      }
    >
      <Form form={form} layout="vertical" onFinish={submit} requiredMark="optional">
        <Form.Item name="title" label="标题" rules={[{ required: true, whitespace: true, message: '请填写方案标题' }, { max: 500 }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} />
        </Form.Item>
        <Space.Compact block>
          <Form.Item name="number" label="文号" style={{ flex: 1 }} rules={[{ max: 100 }]}>
            <Input placeholder="如：山政发〔2021〕7号" />
          </Form.Item>
        </Space.Compact>
        <Form.Item name="issuer" label="发文机关" rules={[{ max: 200 }]}>
          <Input placeholder="如：山亭区人民政府" />
        </Form.Item>
        <Space size={12} style={{ display: 'flex' }}>
          <Form.Item name="date" label="发文日期">
            <DatePicker style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="year" label="年度">
            <InputNumber min={1949} max={2100} style={{ width: 110 }} />
          </Form.Item>
          <Form.Item name="level" label="层级">
            <Select allowClear style={{ width: 120 }} placeholder="未设置" options={PLAN_LEVELS.map((l) => ({ value: l, label: levelLabel(l) }))} />
          </Form.Item>
        </Space>
        <Form.Item name="parentPlanId" label="上级方案" extra="本方案落实的上级（省、市）方案">
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder="无"
            options={plans.filter((p) => p.id !== plan.id).map((p) => ({ value: p.id, label: `${p.number ?? '无文号'} ${p.title}` }))}
          />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
