import { CheckCircleOutlined, ReloadOutlined, ThunderboltOutlined, WarningOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Descriptions, Form, Input, InputNumber, Radio, Row, Select, Space, Table, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { drawInspection, findInspectors, type InspectionDetail } from '#web/api/inspections.ts';
import { ApiError } from '#web/api/request.ts';
import { useRequest } from '#web/hooks/use-request.ts';
import { shanghaiTime } from '#web/utils/time.ts';
import { freshSeed, redrawMatches } from '../inspection-utils.ts';

interface Props {
  inspection: InspectionDetail;
  /** Whether the user may draw (the coordinator, while the plan has no draw and is not released). */
  mayDraw: boolean;
  onDrawn: (next: InspectionDetail) => void;
}

interface Values {
  seed: string;
  targetCount: number;
  inspectorsPerTarget: number;
  mode: 'perTarget' | 'perPlan';
  poolIds?: number[];
}

/**
 * 双随机: draw target units from the scope and inspectors from a pool, with a seed that is shown and
 * recorded; the server runs the stored input with the stored seed again on every read and says whether
 * it gets the same result (可复现). It never gives an inspector a unit related to their own.
 */
export function DrawPanel({ inspection, mayDraw, onDrawn }: Props) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [local, setLocal] = useState<boolean | null>(null);
  const draw = inspection.draw;
  const open = mayDraw && !draw;
  const inspectors = useRequest((signal) => (open ? findInspectors(signal) : Promise.resolve(undefined)), [open]);
  const candidates = inspection.scope.units.filter((u) => !inspection.targets.some((t) => t.unitId === u.id)).length;
  const names = useMemo(() => {
    const m = new Map<number, string>();
    for (const i of inspection.inspectors) m.set(i.userId, i.displayName);
    for (const i of inspectors.data?.data ?? []) m.set(i.userId, i.displayName);
    return m;
  }, [inspection.inspectors, inspectors.data]);
  const unitNames = useMemo(
    () => new Map([...inspection.scope.units.map((u) => [u.id, u.name] as const), ...inspection.targets.map((t) => [t.unitId, t.name] as const)]),
    [inspection],
  );

  useEffect(() => {
    if (!open) return;
    form.setFieldsValue({
      seed: freshSeed(),
      targetCount: Math.min(3, Math.max(1, candidates)),
      inspectorsPerTarget: 1,
      mode: 'perTarget',
      poolIds: [...new Set(inspection.inspectors.filter((i) => i.source === 'named').map((i) => i.userId))],
    });
  }, [open, candidates, inspection.inspectors, form]);

  async function run(v: Values) {
    setBusy(true);
    setProblem(null);
    try {
      const next = await drawInspection(inspection.id, {
        seed: v.seed.trim(),
        targetCount: v.targetCount,
        inspectorsPerTarget: v.inspectorsPerTarget,
        mode: v.mode,
        inspectorPoolIds: v.poolIds && v.poolIds.length > 0 ? v.poolIds : undefined,
      });
      onDrawn(next);
      void message.success(`已抽取 ${next.draw?.result.targets.length ?? 0} 个检查对象`);
    } catch (err) {
      if (err instanceof ApiError) setProblem(err.message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card size="small" title="随机抽取（双随机）" data-testid="draw-panel">
      {open && (
        <Form<Values> form={form} layout="vertical" onFinish={run} requiredMark="optional" data-testid="draw-form">
          <Row gutter={16}>
            <Col xs={12} md={6}>
              <Form.Item name="targetCount" label="抽取检查对象数" extra={`可抽单位 ${candidates} 个`} rules={[{ required: true, message: '请填写抽取数量' }]}>
                <InputNumber min={1} max={Math.max(1, candidates)} precision={0} style={{ width: '100%' }} data-testid="draw-size" />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item name="inspectorsPerTarget" label="督查人员数" rules={[{ required: true, message: '请填写人数' }]}>
                <InputNumber min={1} max={20} precision={0} style={{ width: '100%' }} data-testid="draw-inspectors" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="mode" label="人员抽取方式">
                <Radio.Group
                  options={[
                    { value: 'perTarget', label: '每个对象各抽' },
                    { value: 'perPlan', label: '全计划共用' },
                  ]}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="poolIds" label="人员库" extra="不选则为全部督查人员账号">
                <Select
                  mode="multiple"
                  allowClear
                  maxTagCount="responsive"
                  loading={inspectors.loading}
                  options={(inspectors.data?.data ?? []).map((u) => ({
                    value: u.userId,
                    label: u.unitName ? `${u.displayName}（${u.unitName}）` : u.displayName,
                  }))}
                  showSearch={{ optionFilterProp: 'label' }}
                  data-testid="draw-pool"
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item label="随机种子" required extra="种子随结果留档，任何人可用同一种子复算抽取结果。">
                <Space.Compact style={{ width: '100%' }}>
                  <Form.Item
                    name="seed"
                    noStyle
                    rules={[
                      { required: true, whitespace: true, message: '请填写随机种子' },
                      { pattern: /^[\w-]+$/, message: '随机种子只能包含字母、数字、下划线和连字符' },
                    ]}
                  >
                    <Input maxLength={64} style={{ fontFamily: 'monospace' }} data-testid="draw-seed" />
                  </Form.Item>
                  <Button icon={<ReloadOutlined />} onClick={() => form.setFieldValue('seed', freshSeed())}>
                    换一个
                  </Button>
                </Space.Compact>
              </Form.Item>
            </Col>
          </Row>
          {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 12 }} data-testid="draw-error" />}
          <Button type="primary" htmlType="submit" icon={<ThunderboltOutlined />} loading={busy} disabled={candidates === 0} data-testid="draw-run">
            抽取
          </Button>
          <Typography.Text type="secondary" style={{ marginInlineStart: 12, fontSize: 12 }}>
            每个计划只抽取一次，结果不可更改。
          </Typography.Text>
        </Form>
      )}
      {draw && (
        <div data-testid="draw-result" data-seed={draw.seed} data-reproduced={draw.reproduced}>
          <Descriptions size="small" column={{ xs: 1, md: 2 }} style={{ marginBottom: 8 }}>
            <Descriptions.Item label="随机种子">
              <Typography.Text code copyable data-testid="draw-result-seed">
                {draw.seed}
              </Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label="复算">
              {draw.reproduced ? (
                <Typography.Text type="success" data-testid="draw-reproduced">
                  <CheckCircleOutlined /> 以同一种子重新运行，结果一致
                </Typography.Text>
              ) : (
                <Typography.Text type="danger">
                  <WarningOutlined /> 重新运行结果不一致，请核查
                </Typography.Text>
              )}
              <Button size="small" type="link" onClick={() => setLocal(redrawMatches(draw))} data-testid="draw-verify">
                在本机复算
              </Button>
              {local !== null && (
                <Typography.Text type={local ? 'success' : 'danger'} data-testid="draw-verify-result" data-match={local}>
                  {local ? '本机结果一致' : '本机结果不一致'}
                </Typography.Text>
              )}
            </Descriptions.Item>
            <Descriptions.Item label="算法">{draw.algorithm}</Descriptions.Item>
            <Descriptions.Item label="抽取">
              {shanghaiTime(draw.drawnAt, 'minute')}
              {draw.drawnBy ? ` · ${draw.drawnBy}` : ''}
            </Descriptions.Item>
          </Descriptions>
          <Table
            size="small"
            rowKey="unitId"
            pagination={false}
            dataSource={draw.result.targets}
            columns={[
              { title: '序号', key: 'n', width: 60, render: (_, __, i) => i + 1 },
              { title: '检查对象', dataIndex: 'unitId', render: (id: number) => unitNames.get(id) ?? `#${id}` },
              {
                title: '督查人员',
                key: 'inspectors',
                render: (_, t) => [...t.inspectorIds, ...draw.result.planInspectorIds].map((id) => names.get(id) ?? `#${id}`).join('、') || '—',
              },
            ]}
            data-testid="draw-result-table"
          />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            候选单位 {draw.input.units.length} 个，人员库 {draw.input.inspectors.length} 人；督查人员不与其本单位及上下级单位配对。
          </Typography.Text>
        </div>
      )}
    </Card>
  );
}
