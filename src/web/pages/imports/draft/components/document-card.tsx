import { Card, Col, DatePicker, Input, InputNumber, Row, Select, Tag, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import type { ReactNode } from 'react';
import type { DraftDocument, DraftGoal, PlanSummary } from '#web/api/types.ts';
import { PLAN_LEVELS, dayLabel, levelLabel } from '#web/utils/format.ts';

interface Props {
  document: DraftDocument;
  goals: DraftGoal[];
  plans: PlanSummary[];
  onDocument: (document: DraftDocument) => void;
  onGoals: (goals: DraftGoal[]) => void;
}

function Field({ label, children, required }: { label: string; children: ReactNode; required?: boolean }) {
  return (
    // biome-ignore lint/a11y/noLabelWithoutControl: the control is `children`, an antd input the label wraps.
    <label style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
      <span style={{ width: 60, flex: 'none', textAlign: 'right', fontSize: 12, color: '#595959' }}>
        {required && <span style={{ color: '#ff4d4f' }}>* </span>}
        {label}
      </span>
      <span style={{ flex: 1, minWidth: 0 }}>{children}</span>
    </label>
  );
}

/** The document head as the importer read it (文号, 机关, 日期, 标题, 年度, 层级, 上级方案) and its dated goals. */
export function DocumentCard({ document: d, goals, plans, onDocument, onGoals }: Props) {
  const set = (change: Partial<DraftDocument>) => onDocument({ ...d, ...change });
  const blankToNull = (s: string) => (s.trim() === '' ? null : s);
  return (
    <Card size="small" style={{ marginBottom: 12 }} styles={{ body: { padding: '10px 12px' } }}>
      <Row gutter={[16, 8]}>
        <Col xs={24} xl={12}>
          <Field label="标题" required>
            <Input size="small" value={d.title ?? ''} status={(d.title ?? '').trim() === '' ? 'error' : undefined} onChange={(e) => set({ title: e.target.value })} data-testid="draft-doc-title" />
          </Field>
        </Col>
        <Col xs={12} xl={6}>
          <Field label="文号">
            <Input size="small" value={d.number ?? ''} onChange={(e) => set({ number: blankToNull(e.target.value) })} />
          </Field>
        </Col>
        <Col xs={12} xl={6}>
          <Field label="发文机关">
            <Input size="small" value={d.issuer ?? ''} onChange={(e) => set({ issuer: blankToNull(e.target.value) })} />
          </Field>
        </Col>
        <Col xs={12} xl={4}>
          <Field label="发文日期">
            <DatePicker size="small" style={{ width: '100%' }} value={d.date ? dayjs(d.date) : null} onChange={(v) => set({ date: v ? v.format('YYYY-MM-DD') : null })} />
          </Field>
        </Col>
        <Col xs={12} xl={4}>
          <Field label="年度">
            <InputNumber size="small" style={{ width: '100%' }} min={1949} max={2100} value={d.plan_year} onChange={(v) => set({ plan_year: typeof v === 'number' ? v : null })} />
          </Field>
        </Col>
        <Col xs={12} xl={4}>
          <Field label="层级">
            <Select
              size="small"
              allowClear
              style={{ width: '100%' }}
              placeholder="未设置"
              value={d.level}
              onChange={(v) => set({ level: v ?? null })}
              options={PLAN_LEVELS.map((l) => ({ value: l, label: levelLabel(l) }))}
            />
          </Field>
        </Col>
        <Col xs={12} xl={12}>
          <Field label="上级方案">
            <Select
              size="small"
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              style={{ width: '100%' }}
              placeholder="无（可选本方案落实的省、市方案）"
              value={d.parentPlanId ?? null}
              onChange={(v: number | undefined) => set({ parentPlanId: v ?? null })}
              options={plans.map((p) => ({ value: p.id, label: `${p.number ?? '无文号'} ${p.title}` }))}
            />
          </Field>
        </Col>
        <Col span={24}>
          <div style={{ display: 'flex', gap: 8, alignItems: 'baseline' }}>
            <span style={{ width: 60, flex: 'none', textAlign: 'right', fontSize: 12, color: '#595959' }}>目标节点</span>
            <span style={{ flex: 1, display: 'flex', flexWrap: 'wrap', gap: 4 }}>
              {goals.length === 0 && <Typography.Text type="secondary" style={{ fontSize: 12 }}>未识别到阶段目标</Typography.Text>}
              {goals.map((g, i) => (
                <Tooltip key={i} title={g.text}>
                  <Tag closable onClose={() => onGoals(goals.filter((_, j) => j !== i))} style={{ maxWidth: 360, overflow: 'hidden', textOverflow: 'ellipsis', marginInlineEnd: 0 }}>
                    <strong>{g.date ? dayLabel(g.date, d.plan_year) : '无日期'}</strong> {g.text}
                  </Tag>
                </Tooltip>
              ))}
            </span>
          </div>
        </Col>
      </Row>
    </Card>
  );
}
