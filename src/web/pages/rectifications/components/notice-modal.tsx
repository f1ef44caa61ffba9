import { Alert, App, Checkbox, Col, Form, Input, InputNumber, Modal, Radio, Row, Select, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { LIMIT_UNIT_LABELS } from '#core/inspections/rectification-profile.ts';
import { findFindings, findInspections } from '#web/api/inspections.ts';
import { ApiError } from '#web/api/request.ts';
import { createNotice, findRectifications, getProfile, type NoticeDetail } from '#web/api/rectifications.ts';
import { useRequest } from '#web/hooks/use-request.ts';

interface Props {
  open: boolean;
  /** Opened from an inspection's page: that inspection, fixed. */
  inspectionId?: number;
  onClose: () => void;
  onCreated: (notice: NoticeDetail) => void;
}

interface Values {
  inspectionId: number;
  unitId: number;
  findingIds: number[];
  clueClass: string;
  overrideWorkdays?: number | null;
  title?: string;
  docNumber?: string;
  issuer?: string;
  requirements?: string;
}

/**
 * 下发整改通知: one unit's released problem findings of one inspection, with a deadline from the rule
 * profile's clue class (or the office's own limit in working days, which then names itself as the basis).
 */
export function NoticeModal({ open, inspectionId, onClose, onCreated }: Props) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const chosenInspection = Form.useWatch('inspectionId', form);
  const unitId = Form.useWatch('unitId', form);
  const clueClass = Form.useWatch('clueClass', form);
  const override = Form.useWatch('overrideWorkdays', form);
  const profile = useRequest((signal) => (open ? getProfile(signal) : Promise.resolve(undefined)), [open]);
  const inspections = useRequest((signal) => (open && !inspectionId ? findInspections(signal) : Promise.resolve(undefined)), [open, inspectionId]);
  // The findings still to be put in a notice: released problems, status 已发现.
  const findings = useRequest(
    (signal) =>
      open && chosenInspection ? findFindings({ inspectionId: chosenInspection, status: 'found', polarity: 'problem' }, signal) : Promise.resolve(undefined),
    [open, chosenInspection],
  );
  // And those past their notice's deadline still open: they may go into a further notice (再次交办).
  const overdue = useRequest(
    (signal) => (open && chosenInspection ? findRectifications({ inspectionId: chosenInspection, overdue: 'true' }, signal) : Promise.resolve(undefined)),
    [open, chosenInspection],
  );
  const pending = useMemo(
    () => [
      ...(findings.data?.data ?? []).map((f) => ({ id: f.id, unitId: f.unitId, unitName: f.unitName, label: `${f.description}（${f.severityLabel}）` })),
      ...(overdue.data?.data ?? []).map((r) => ({ id: r.findingId, unitId: r.unitId, unitName: r.unitName, label: `${r.description}（逾期未改，再次交办）` })),
    ],
    [findings.data, overdue.data],
  );
  const units = useMemo(() => [...new Map(pending.map((f) => [f.unitId, f.unitName])).entries()].map(([id, name]) => ({ value: id, label: name })), [pending]);
  const ofUnit = pending.filter((f) => f.unitId === unitId);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    setProblem(null);
    if (inspectionId) form.setFieldValue('inspectionId', inspectionId);
  }, [open, inspectionId, form]);
  useEffect(() => {
    if (open && profile.data && !form.getFieldValue('clueClass')) form.setFieldValue('clueClass', profile.data.defaultClass);
  }, [open, profile.data, form]);
  useEffect(() => {
    // A new unit: all its findings, ticked.
    form.setFieldValue(
      'findingIds',
      ofUnit.map((f) => f.id),
    );
  }, [unitId, pending]);

  const cls = profile.data?.classes.find((c) => c.code === clueClass);

  async function submit(v: Values) {
    setBusy(true);
    setProblem(null);
    try {
      const notice = await createNotice({
        inspectionId: v.inspectionId,
        unitId: v.unitId,
        findingIds: v.findingIds,
        clueClass: v.clueClass,
        overrideWorkdays: v.overrideWorkdays ?? null,
        title: v.title?.trim() || undefined,
        docNumber: v.docNumber?.trim() || null,
        issuer: v.issuer?.trim() || undefined,
        requirements: v.requirements?.trim() || undefined,
      });
      void message.success(`已向${notice.unitName}下发整改通知，${notice.dueDate}前整改`);
      onCreated(notice);
    } catch (err) {
      if (err instanceof ApiError) setProblem(err.message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      title="下发整改通知"
      open={open}
      okText="下发"
      cancelText="取消"
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      width={680}
      okButtonProps={{ 'data-testid': 'notice-create-confirm' }}
      forceRender
    >
      <Form<Values> form={form} layout="vertical" onFinish={submit} requiredMark="optional" data-testid="notice-form">
        <Form.Item name="inspectionId" label="督查计划" rules={[{ required: true, message: '请选择督查计划' }]} hidden={inspectionId !== undefined}>
          <Select
            loading={inspections.loading}
            options={(inspections.data?.data ?? []).filter((i) => i.releasedAt).map((i) => ({ value: i.id, label: i.title }))}
            placeholder="已发布问题的督查计划"
            data-testid="notice-inspection"
          />
        </Form.Item>
        <Form.Item
          name="unitId"
          label="整改单位"
          rules={[{ required: true, message: '请选择整改单位' }]}
          extra={chosenInspection && !findings.loading && units.length === 0 ? '该计划没有待下发整改通知的问题' : undefined}
        >
          <Select loading={findings.loading} options={units} showSearch={{ optionFilterProp: 'label' }} data-testid="notice-unit" />
        </Form.Item>
        {ofUnit.length > 0 && (
          <Form.Item
            name="findingIds"
            label={`列入通知的问题（${ofUnit.length}）`}
            rules={[{ required: true, type: 'array', min: 1, message: '请至少选择一个问题' }]}
          >
            <Checkbox.Group style={{ display: 'flex', flexDirection: 'column', gap: 4 }} options={ofUnit.map((f) => ({ value: f.id, label: f.label }))} />
          </Form.Item>
        )}
        <Row gutter={12}>
          <Col xs={24} sm={14}>
            <Form.Item name="clueClass" label="问题类别（定时限）">
              <Radio.Group
                optionType="button"
                options={(profile.data?.classes ?? []).map((c) => ({ value: c.code, label: `${c.code} ${c.label}` }))}
                data-testid="notice-class"
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={10}>
            <Form.Item name="overrideWorkdays" label="自定时限（工作日）" extra="填写则以此为准">
              <InputNumber min={1} max={250} precision={0} style={{ width: '100%' }} placeholder="按类别" />
            </Form.Item>
          </Col>
        </Row>
        {profile.data && (
          <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: -8 }} data-testid="notice-basis">
            {override
              ? `时限：${override} 个工作日（本通知自定）。`
              : cls
                ? `时限：${cls.limit.count} ${LIMIT_UNIT_LABELS[cls.limit.unit]}，依据《${profile.data.source.title}》${profile.data.source.date ? `（${profile.data.source.date}）` : ''}${profile.data.editedNote ? `，${profile.data.editedNote}` : ''}。`
                : ''}
            自下发之日起按工作日计算（法定节假日顺延）。
          </Typography.Paragraph>
        )}
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item name="title" label="标题">
              <Input maxLength={200} placeholder="默认：关于××的整改通知" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="docNumber" label="文号">
              <Input maxLength={50} placeholder="如：山营商督〔2021〕3号" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="issuer" label="发文机关">
          <Input maxLength={100} placeholder="默认：本系统设置的发文机关" />
        </Form.Item>
        <Form.Item name="requirements" label="其他要求">
          <Input.TextArea rows={2} maxLength={2000} showCount />
        </Form.Item>
        {problem && <Alert type="error" showIcon title={problem} data-testid="notice-error" />}
      </Form>
    </Modal>
  );
}
