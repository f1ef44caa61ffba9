import { Alert, App, Button, Card, Col, DatePicker, Form, Input, Radio, Row, Select, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { FINDING_POLARITIES, FINDING_POLARITY_LABELS, type FindingPolarity } from '#core/inspections/findings.ts';
import { createFinding, findVisits, getInspection, getTaxonomy, uploadEvidence } from '#web/api/inspections.ts';
import { findIndicators, findPlans } from '#web/api/plans.ts';
import { ApiError } from '#web/api/request.ts';
import { findTasks } from '#web/api/tasks.ts';
import { LoadFailed } from '#web/components/page-error.tsx';
import { PageHeader } from '#web/components/page-header.tsx';
import { PageLoading } from '#web/components/page-loading.tsx';
import { useRequest } from '#web/hooks/use-request.ts';
import { DEFAULT_PAGE_SIZE } from '#web/utils/task-filters.ts';
import { checkEvidence, EVIDENCE_ACCEPT, EVIDENCE_LIMITS_TEXT } from '../inspection-utils.ts';
import { EvidencePicker, type PickedFile } from './evidence-picker.tsx';

interface Values {
  visitId: number;
  polarity: FindingPolarity;
  description: string;
  category: string;
  severity: string;
  location?: string;
  foundAt: Dayjs;
  indicatorCode?: string;
  taskIds?: number[];
}

/**
 * 记录问题, made for a phone at the service-hall counter: one column, large touch targets, the camera
 * one tap away. The finding is saved first, then its evidence files one by one; files the check refuses
 * are never sent, and the form does not save while any chosen file is refused.
 */
export default function FindingFormPage() {
  const id = Number(useParams().id);
  const [search] = useSearchParams();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [files, setFiles] = useState<PickedFile[]>([]);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [taskQuery, setTaskQuery] = useState('');
  const plan = useRequest((signal) => getInspection(id, signal), [id]);
  const visits = useRequest((signal) => findVisits(id, signal), [id]);
  const taxonomy = useRequest((signal) => getTaxonomy(signal), []);
  const indicators = useRequest((signal) => findIndicators(signal), []);
  const visitId = Form.useWatch('visitId', form);
  const visit = visits.data?.data.find((v) => v.id === visitId);
  // The plan in scope, else the first plan there is: a finding may name tasks even when the inspection names no plan.
  const plans = useRequest((signal) => (plan.data && plan.data.scope.plans.length === 0 ? findPlans(signal) : Promise.resolve(undefined)), [plan.data]);
  const planId = plan.data?.scope.plans[0]?.id ?? plans.data?.data[0]?.id;
  // The tasks of the visited unit in the plan in scope, searched by text.
  const tasks = useRequest(
    (signal) =>
      planId && visit
        ? findTasks(
            planId,
            { sectionId: null, unitId: visit.unitId, role: 'any', month: null, noDeadline: false, q: taskQuery, page: 1, pageSize: DEFAULT_PAGE_SIZE },
            signal,
          )
        : Promise.resolve(undefined),
    [planId, visit?.unitId, taskQuery],
  );

  useEffect(() => {
    const wanted = Number(search.get('visit'));
    const list = visits.data?.data ?? [];
    const pick = list.find((v) => v.id === wanted) ?? (list.length === 1 ? list[0] : undefined);
    if (pick && !form.getFieldValue('visitId')) form.setFieldsValue({ visitId: pick.id, location: pick.place });
  }, [visits.data, search, form]);

  useEffect(() => {
    const t = taxonomy.data;
    if (t && !form.getFieldValue('severity')) form.setFieldsValue({ severity: t.severities[0]?.code });
  }, [taxonomy.data, form]);

  const visitOptions = useMemo(
    () => (visits.data?.data ?? []).map((v) => ({ value: v.id, label: `${dayjs(v.visitedAt).format('MM-DD HH:mm')} ${v.unitName} · ${v.place}` })),
    [visits.data],
  );

  if (plan.loading && !plan.data) return <PageLoading />;
  if (!plan.data) return <LoadFailed error={plan.error} what="督查计划" onRetry={plan.reload} />;
  const refused = files.filter((f) => f.error);

  async function submit(v: Values) {
    if (refused.length > 0) {
      setProblem(`有 ${refused.length} 个文件不能上传，请先移除`);
      return;
    }
    setBusy(true);
    setProblem(null);
    let findingId: number | null = null;
    try {
      const finding = await createFinding(id, {
        visitId: v.visitId,
        polarity: v.polarity,
        description: v.description.trim(),
        category: v.category,
        severity: v.severity,
        location: v.location?.trim() || null,
        foundAt: v.foundAt.format(),
        indicatorCode: v.indicatorCode ?? null,
        taskIds: v.taskIds ?? [],
      });
      findingId = finding.id;
      // One file at a time: a phone's upload is slow, and a failure names its file.
      for (const f of files) {
        try {
          await uploadEvidence(finding.id, f.file, f.file.name);
        } catch (err) {
          const why = err instanceof ApiError ? err.message : '上传失败';
          setFiles((prev) => prev.map((x) => (x.key === f.key ? { ...x, error: why } : x)));
          throw new ApiError(0, 'EVIDENCE', `问题已保存，但“${f.file.name}”未能上传：${why}。可在问题页补传。`);
        }
      }
      void message.success(files.length ? `问题已保存，佐证 ${files.length} 件` : '问题已保存');
      navigate(`/findings/${finding.id}`);
    } catch (err) {
      if (err instanceof ApiError) setProblem(err.message);
      if (findingId !== null) navigate(`/findings/${findingId}`);
    } finally {
      setBusy(false);
    }
  }

  const t = taxonomy.data;
  return (
    <>
      <PageHeader
        title="记录问题"
        crumbs={[{ title: '督查计划', to: '/inspections' }, { title: plan.data.title, to: `/inspections/${id}` }, { title: '记录问题' }]}
      />
      <Card size="small" style={{ maxWidth: 720 }}>
        <Form<Values>
          form={form}
          layout="vertical"
          size="large"
          onFinish={submit}
          requiredMark="optional"
          initialValues={{ polarity: 'problem', foundAt: dayjs() }}
          scrollToFirstError
          data-testid="finding-form"
        >
          <Form.Item name="visitId" label="走访" rules={[{ required: true, message: '请选择走访（先在计划页新增走访）' }]}>
            <Select options={visitOptions} loading={visits.loading} placeholder="选择走访" data-testid="finding-visit" />
          </Form.Item>
          <Form.Item name="polarity">
            <Radio.Group optionType="button" buttonStyle="solid" options={FINDING_POLARITIES.map((p) => ({ value: p, label: FINDING_POLARITY_LABELS[p] }))} />
          </Form.Item>
          <Form.Item name="description" label="问题描述" rules={[{ required: true, whitespace: true, message: '请描述发现的问题' }]}>
            <Input.TextArea
              rows={4}
              maxLength={4000}
              showCount
              placeholder="如：综合窗口工作人员离岗20分钟，群众排队无人受理"
              data-testid="finding-description"
            />
          </Form.Item>
          <Row gutter={12}>
            <Col xs={24} sm={12}>
              <Form.Item name="category" label="问题类别" rules={[{ required: true, message: '请选择问题类别' }]}>
                <Select options={t?.categories.map((c) => ({ value: c.code, label: c.label }))} loading={taxonomy.loading} data-testid="finding-category" />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12}>
              <Form.Item name="severity" label="严重程度" rules={[{ required: true, message: '请选择严重程度' }]}>
                <Radio.Group optionType="button" options={t?.severities.map((c) => ({ value: c.code, label: c.label }))} data-testid="finding-severity" />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12}>
              <Form.Item name="location" label="具体位置">
                <Input maxLength={200} placeholder="如：二楼 3号窗口" data-testid="finding-location" />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12}>
              <Form.Item name="foundAt" label="发现时间" rules={[{ required: true, message: '请选择发现时间' }]}>
                <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} inputReadOnly />
              </Form.Item>
            </Col>
          </Row>
          {t && (
            <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: -12 }}>
              类别与程度：{t.source}
            </Typography.Paragraph>
          )}
          <Form.Item name="indicatorCode" label="关联指标">
            <Select
              allowClear
              options={(indicators.data?.data ?? []).map((i) => ({ value: i.code, label: i.name }))}
              showSearch={{ optionFilterProp: 'label' }}
            />
          </Form.Item>
          <Form.Item name="taskIds" label="关联任务" extra={visit ? `${visit.unitName}在方案中的任务` : '先选择走访'}>
            <Select
              mode="multiple"
              allowClear
              disabled={!visit || !planId}
              filterOption={false}
              showSearch={{ onSearch: setTaskQuery }}
              loading={tasks.loading}
              options={(tasks.data?.data ?? []).map((task) => ({ value: task.id, label: `${task.number ? `${task.number}. ` : ''}${task.title}` }))}
              data-testid="finding-tasks"
            />
          </Form.Item>
          <Form.Item label="佐证材料" extra={`照片、录音、录像、PDF、Word 或 Excel；上限：${EVIDENCE_LIMITS_TEXT}。原件留档，上传后不可修改。`}>
            <EvidencePicker
              files={files}
              accept={EVIDENCE_ACCEPT}
              check={checkEvidence}
              onChange={(next) => {
                setFiles(next);
                setProblem(null);
              }}
              disabled={busy}
            />
          </Form.Item>
          {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 16 }} data-testid="finding-error" />}
          <Space style={{ width: '100%' }} orientation="vertical">
            <Button type="primary" htmlType="submit" loading={busy} block data-testid="finding-save">
              保存问题
            </Button>
            <Button block onClick={() => navigate(`/inspections/${id}`)}>
              取消
            </Button>
          </Space>
        </Form>
      </Card>
    </>
  );
}
