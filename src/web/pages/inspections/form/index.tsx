import { App, Alert, Button, Card, Col, DatePicker, Form, Input, Radio, Row, Select, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { INSPECTION_KIND_LABELS, INSPECTION_KINDS, isCovertKind, type InspectionKind } from '#core/inspections/kinds.ts';
import { createInspection, findInspectors, getInspection, updateInspection } from '#web/api/inspections.ts';
import { findIndicators, findPlans, getPlan } from '#web/api/plans.ts';
import { ApiError } from '#web/api/request.ts';
import { findUnits } from '#web/api/units.ts';
import { LoadFailed } from '#web/components/page-error.tsx';
import { PageHeader } from '#web/components/page-header.tsx';
import { PageLoading } from '#web/components/page-loading.tsx';
import { useRequest } from '#web/hooks/use-request.ts';
import { KIND_HINTS, usesDraw } from '../inspection-utils.ts';

interface Values {
  title: string;
  kind: InspectionKind;
  basis: string;
  period: [Dayjs, Dayjs];
  planIds?: number[];
  sectionIds?: number[];
  indicatorCodes?: string[];
  unitIds?: number[];
  targetUnitIds?: number[];
  inspectorIds?: number[];
  methodNotes?: string;
}

const day = (d: Dayjs) => d.format('YYYY-MM-DD');

/**
 * 督查计划 (new, or edit with `:id`): what orders it (依据), when, what and whom it covers, who inspects.
 * Open kinds name their targets here; 随机抽查 and 暗访 draw them from the scope on the plan's page.
 */
export default function InspectionFormPage() {
  const params = useParams();
  const id = params.id ? Number(params.id) : null;
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const existing = useRequest((signal) => (id ? getInspection(id, signal) : Promise.resolve(undefined)), [id]);
  const plans = useRequest((signal) => findPlans(signal), []);
  const units = useRequest((signal) => findUnits(undefined, signal), []);
  const indicators = useRequest((signal) => findIndicators(signal), []);
  const inspectors = useRequest((signal) => findInspectors(signal), []);
  const planIds = Form.useWatch('planIds', form) ?? [];
  const kind = Form.useWatch('kind', form);
  const scopeUnitIds = Form.useWatch('unitIds', form) ?? [];
  // The sections of the chosen plans, for the section picker.
  const sections = useRequest((signal) => Promise.all(planIds.map((p) => getPlan(p, signal))), [planIds.join(',')]);

  useEffect(() => {
    const d = existing.data;
    if (!d) return;
    form.setFieldsValue({
      title: d.title,
      kind: d.kind,
      basis: d.basis,
      period: [dayjs(d.periodStart), dayjs(d.periodEnd)],
      planIds: d.scope.plans.map((p) => p.id),
      sectionIds: d.scope.sections.map((x) => x.id),
      indicatorCodes: d.scope.indicators.map((i) => i.code),
      unitIds: d.scope.units.map((u) => u.id),
      targetUnitIds: d.targets.filter((t) => t.source === 'named').map((t) => t.unitId),
      inspectorIds: [...new Set(d.inspectors.filter((i) => i.source === 'named').map((i) => i.userId))],
      methodNotes: d.methodNotes ?? undefined,
    });
  }, [existing.data, form]);

  const unitOptions = useMemo(() => (units.data?.data ?? []).filter((u) => !u.isCollective).map((u) => ({ value: u.id, label: u.name })), [units.data]);
  const sectionOptions = useMemo(
    () =>
      (sections.data ?? []).map((p) => ({
        label: p.number ?? p.title,
        options: p.sections.map((s) => ({ value: s.id, label: `${s.heading}${s.title}` })),
      })),
    [sections.data],
  );

  if (id && existing.loading && !existing.data) return <PageLoading />;
  if (id && !existing.data) return <LoadFailed error={existing.error} what="督查计划" onRetry={existing.reload} />;

  async function submit(v: Values) {
    setBusy(true);
    setProblem(null);
    const drawn = usesDraw(v.kind);
    const fields = {
      title: v.title.trim(),
      kind: v.kind,
      basis: v.basis.trim(),
      periodStart: day(v.period[0]),
      periodEnd: day(v.period[1]),
      methodNotes: v.methodNotes?.trim() || null,
      scope: { planIds: v.planIds ?? [], sectionIds: v.sectionIds ?? [], indicatorCodes: v.indicatorCodes ?? [], unitIds: v.unitIds ?? [] },
      inspectorIds: v.inspectorIds ?? [],
    };
    // Drawn kinds take their targets from the draw: an edit leaves them alone.
    const targetUnitIds = drawn ? [] : (v.targetUnitIds ?? []);
    try {
      const saved = id ? await updateInspection(id, drawn ? fields : { ...fields, targetUnitIds }) : await createInspection({ ...fields, targetUnitIds });
      void message.success(id ? '督查计划已保存' : '督查计划已创建');
      navigate(`/inspections/${saved.id}`);
    } catch (err) {
      if (err instanceof ApiError) setProblem(err.message);
    } finally {
      setBusy(false);
    }
  }

  const half = { xs: 24, md: 12 };
  return (
    <>
      <PageHeader
        title={id ? '编辑督查计划' : '新建督查计划'}
        crumbs={[{ title: '督查计划', to: '/inspections' }, ...(existing.data ? [{ title: existing.data.title, to: `/inspections/${id}` }] : [])]}
      />
      <Card size="small">
        <Form<Values>
          form={form}
          layout="vertical"
          onFinish={submit}
          autoComplete="off"
          requiredMark="optional"
          initialValues={{ kind: 'open', period: [dayjs(), dayjs().add(14, 'day')] }}
          data-testid="inspection-form"
          style={{ maxWidth: 960 }}
        >
          <Row gutter={16}>
            <Col {...half}>
              <Form.Item name="title" label="计划名称" rules={[{ required: true, whitespace: true, message: '请填写计划名称' }]}>
                <Input maxLength={100} placeholder="如：2021年第二季度政务服务大厅暗访" data-testid="inspection-title" />
              </Form.Item>
            </Col>
            <Col {...half}>
              <Form.Item name="period" label="督查时间" rules={[{ required: true, message: '请选择督查时间' }]}>
                <DatePicker.RangePicker style={{ width: '100%' }} data-testid="inspection-period" />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="kind" label="督查方式" required extra={kind ? KIND_HINTS[kind] : undefined}>
            <Radio.Group
              optionType="button"
              options={INSPECTION_KINDS.map((k) => ({ value: k, label: INSPECTION_KIND_LABELS[k], 'data-testid': `inspection-kind-${k}` }))}
            />
          </Form.Item>
          <Form.Item
            name="basis"
            label="督查依据"
            extra="政府督查工作条例第十一条：督查事项由本级政府决定、主要负责人批示，或经批准的督查计划确定。"
            rules={[{ required: true, whitespace: true, message: '请填写督查依据（决定、批示或批准文件）' }]}
          >
            <Input maxLength={500} placeholder="如：区政府常务会议决定（2021年第8次）" data-testid="inspection-basis" />
          </Form.Item>
          <Typography.Title level={5} style={{ marginTop: 8 }}>
            督查范围
          </Typography.Title>
          <Row gutter={16}>
            <Col {...half}>
              <Form.Item name="planIds" label="方案">
                <Select
                  mode="multiple"
                  allowClear
                  loading={plans.loading}
                  placeholder="选择方案"
                  options={(plans.data?.data ?? []).map((p) => ({ value: p.id, label: p.number ? `${p.number} ${p.title}` : p.title }))}
                  showSearch={{ optionFilterProp: 'label' }}
                  data-testid="inspection-plans"
                />
              </Form.Item>
            </Col>
            <Col {...half}>
              <Form.Item name="sectionIds" label="章节" extra={planIds.length === 0 ? '先选择方案' : undefined}>
                <Select mode="multiple" allowClear disabled={planIds.length === 0} options={sectionOptions} showSearch={{ optionFilterProp: 'label' }} />
              </Form.Item>
            </Col>
            <Col {...half}>
              <Form.Item name="indicatorCodes" label="营商环境指标">
                <Select
                  mode="multiple"
                  allowClear
                  loading={indicators.loading}
                  options={(indicators.data?.data ?? []).map((i) => ({ value: i.code, label: i.name }))}
                  showSearch={{ optionFilterProp: 'label' }}
                />
              </Form.Item>
            </Col>
            <Col {...half}>
              <Form.Item
                name="unitIds"
                label="范围内单位"
                extra={kind && usesDraw(kind) ? '随机抽取在这些单位中进行' : '检查对象须在范围内'}
                rules={[{ required: true, type: 'array', min: 1, message: '请至少选择一个单位' }]}
              >
                <Select
                  mode="multiple"
                  allowClear
                  loading={units.loading}
                  maxTagCount="responsive"
                  options={unitOptions}
                  showSearch={{ optionFilterProp: 'label' }}
                  data-testid="inspection-scope-units"
                />
              </Form.Item>
            </Col>
          </Row>
          <Row gutter={16}>
            {kind && !usesDraw(kind) && (
              <Col {...half}>
                <Form.Item name="targetUnitIds" label="检查对象" rules={[{ required: true, type: 'array', min: 1, message: '请至少指定一个检查对象' }]}>
                  <Select
                    mode="multiple"
                    allowClear
                    maxTagCount="responsive"
                    options={unitOptions.filter((o) => scopeUnitIds.includes(o.value))}
                    placeholder={scopeUnitIds.length ? '从范围内单位中指定' : '先选择范围内单位'}
                    showSearch={{ optionFilterProp: 'label' }}
                    data-testid="inspection-targets"
                  />
                </Form.Item>
              </Col>
            )}
            <Col {...half}>
              <Form.Item name="inspectorIds" label={kind && usesDraw(kind) ? '督查人员（抽取人员库）' : '督查人员'} extra="督查人员不会被分配检查其本单位">
                <Select
                  mode="multiple"
                  allowClear
                  loading={inspectors.loading}
                  maxTagCount="responsive"
                  options={(inspectors.data?.data ?? []).map((u) => ({
                    value: u.userId,
                    label: u.unitName ? `${u.displayName}（${u.unitName}）` : u.displayName,
                  }))}
                  showSearch={{ optionFilterProp: 'label' }}
                  data-testid="inspection-inspectors"
                />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="methodNotes" label="方法说明">
            <Input.TextArea rows={3} maxLength={4000} showCount placeholder="如：以普通办事群众身份进入大厅，记录等候时间、一次性告知与窗口纪律。" />
          </Form.Item>
          {kind && isCovertKind(kind) && (
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 16 }}
              title="暗访计划对被检查单位保密：在发布问题之前，单位看不到本计划、检查对象、走访和问题。"
            />
          )}
          {problem && <Alert type="error" showIcon style={{ marginBottom: 16 }} title={problem} data-testid="inspection-form-error" />}
          <Space>
            <Button type="primary" htmlType="submit" loading={busy} data-testid="inspection-save">
              {id ? '保存' : '创建'}
            </Button>
            <Button onClick={() => navigate(id ? `/inspections/${id}` : '/inspections')}>取消</Button>
          </Space>
        </Form>
      </Card>
    </>
  );
}
