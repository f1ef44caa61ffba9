import { Badge, Button, Calendar, Card, Empty, Segmented, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType as ColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useMemo } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { findPlans, getPlan, getPlanCalendar } from '#web/api/plans.ts';
import type { CalendarItem } from '#core/api/tasks.ts';
import { findUnits } from '#web/api/units.ts';
import { useCan } from '#web/auth/auth-context.tsx';
import { PageHeader } from '#web/components/page-header.tsx';
import { PageLoading } from '#web/components/page-loading.tsx';
import { useRequest } from '#web/hooks/use-request.ts';
import { countTasks, defaultMonth, dueState, itemsByDate } from '#web/utils/calendar.ts';
import { dayLabel, monthLabel } from '#web/utils/format.ts';
import { pickPlan, recalledPlan, rememberPlan } from '#web/utils/last-plan.ts';
import { MonthNav } from './month-nav.tsx';

const today = () => dayjs().format('YYYY-MM-DD');

/** `/calendar` from the menu: opens the plan last looked at, else the first plan. */
function PickPlan() {
  const navigate = useNavigate();
  const plans = useRequest((signal) => findPlans(signal), []);
  const mayImport = useCan()('plan.manage');
  useEffect(() => {
    if (!plans.data) return;
    const id = pickPlan(plans.data.data.map((p) => p.id), recalledPlan());
    if (id !== null) navigate(`/plans/${id}/calendar`, { replace: true });
  }, [plans.data, navigate]);
  if (plans.data && plans.data.total === 0) {
    return <Card><Empty description={mayImport ? <>尚无方案，<Link to="/imports/new">先导入方案</Link></> : '尚无方案'} /></Card>;
  }
  return <PageLoading />;
}

/** One day's cell in the month grid: the tasks due that day. */
function DayCell({ items, unitId, onMore }: { items: CalendarItem[]; unitId: number | null; onMore: () => void }) {
  return (
    <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
      {items.slice(0, 3).map((i, n) => (
        <li key={`${i.taskId}-${n}`} style={{ whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis', fontSize: 12, lineHeight: '20px' }}>
          <Badge status={unitId ? 'processing' : 'warning'} />{' '}
          <Link to={`/tasks/${i.taskId}`} title={`${i.number}. ${i.title}`}>{i.number}. {i.title}</Link>
        </li>
      ))}
      {items.length > 3 && (
        <li style={{ fontSize: 12 }}>
          <Button type="link" size="small" style={{ padding: 0, height: 'auto', fontSize: 12 }} onClick={(e) => { e.stopPropagation(); onMore(); }}>另 {items.length - 3} 项，查看列表</Button>
        </li>
      )}
    </ul>
  );
}

/** 截止日历: the plan's milestones by month, for one unit or all; a list per month or a month grid. */
function PlanCalendar({ planId }: { planId: number }) {
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const unitId = Number(params.get('unitId')) || null;
  const month = /^\d{4}-\d{2}$/.test(params.get('month') ?? '') ? params.get('month') : null;
  const view = params.get('view') === 'grid' ? 'grid' : 'list';

  const plan = useRequest((signal) => getPlan(planId, signal), [planId]);
  const plans = useRequest((signal) => findPlans(signal), []);
  const units = useRequest((signal) => findUnits(undefined, signal), []);
  const calendar = useRequest((signal) => getPlanCalendar(planId, unitId, signal), [planId, unitId]);
  useEffect(() => rememberPlan(planId), [planId]);

  const months = calendar.data?.months ?? [];
  const byDate = useMemo(() => itemsByDate(months), [months]);
  const gridMonth = month ?? defaultMonth(months, today()) ?? dayjs().format('YYYY-MM');
  const shown = month ? months.filter((m) => m.month === month) : months.filter((m) => m.items.length > 0);
  const unitName = units.data?.data.find((u) => u.id === unitId)?.name;
  const total = months.reduce((n, m) => n + m.items.length, 0);

  const set = (change: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(change)) {
      if (v === null) next.delete(k);
      else next.set(k, v);
    }
    setParams(next, { replace: true });
  };

  const columns: ColumnsType<CalendarItem> = [
    {
      title: '截止日期',
      dataIndex: 'date',
      width: 96,
      render: (d: string) => {
        const state = dueState(d, today());
        return <Tag color={state === 'past' ? 'default' : state === 'soon' ? 'red' : 'orange'}>{dayLabel(d, plan.data?.year)}</Tag>;
      },
    },
    {
      title: '任务',
      key: 'task',
      width: '34%',
      render: (_, i) => (
        <>
          <Link to={`/tasks/${i.taskId}`}>{i.number}. {i.title}</Link>
          {i.sectionTitle && <div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{i.sectionTitle}</Typography.Text></div>}
        </>
      ),
    },
    {
      title: '节点要求',
      key: 'clause',
      render: (_, i) => <Typography.Paragraph style={{ margin: 0 }} ellipsis={{ rows: 2, expandable: 'collapsible', symbol: (open) => (open ? '收起' : '展开') }}>{i.clause || i.text}</Typography.Paragraph>,
    },
    {
      title: '单位',
      key: 'units',
      width: 220,
      render: (_, i) => (
        <span className="tj-unit-list">
          {i.units.map((u) => (
            <Link key={u.id} to={`/units/${u.id}`} style={u.id === unitId ? { fontWeight: 600 } : undefined}>{u.name}</Link>
          ))}
        </span>
      ),
    },
  ];

  const p = plan.data;
  return (
    <>
      <PageHeader
        title="截止日历"
        subTitle={p ? `${p.number ?? ''} ${p.title}` : undefined}
        crumbs={[{ title: '方案列表', to: '/plans' }, { title: p?.number ?? '方案', to: `/plans/${planId}` }, { title: '截止日历' }]}
        extra={
          <Select
            style={{ width: 280 }}
            value={planId}
            onChange={(id: number) => navigate(`/plans/${id}/calendar`)}
            options={(plans.data?.data ?? []).map((x) => ({ value: x.id, label: `${x.number ?? '无文号'} ${x.title}` }))}
          />
        }
      />
      <Card size="small" style={{ marginBottom: 12 }} styles={{ body: { padding: '10px 12px' } }}>
        <Space wrap size={[12, 8]}>
          <Select
            data-testid="calendar-unit"
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder="全部单位"
            style={{ width: 240 }}
            value={unitId}
            loading={units.loading}
            onChange={(v: number | undefined) => set({ unitId: v ? String(v) : null })}
            options={(units.data?.data ?? []).map((u) => ({ value: u.id, label: u.name }))}
          />
          <Segmented
            value={view}
            onChange={(v) => set({ view: v === 'grid' ? 'grid' : null })}
            options={[{ value: 'list', label: '按月列表' }, { value: 'grid', label: '月历' }]}
          />
          <Typography.Text type="secondary">
            {unitName ? `${unitName}：` : ''}共 {total} 个时间节点
            {calendar.data && calendar.data.undated > 0 && (
              <>
                ，另有{' '}
                <Link to={`/plans/${planId}/tasks?noDeadline=true${unitId ? `&unitId=${unitId}` : ''}`}>{calendar.data.undated} 项任务未写明截止时间</Link>
              </>
            )}
          </Typography.Text>
        </Space>
      </Card>
      {view === 'grid' ? (
        <Card size="small" className="tj-calendar">
          <Calendar
            value={dayjs(`${gridMonth}-01`)}
            onPanelChange={(d) => set({ month: d.format('YYYY-MM') })}
            onSelect={(d, info) => info.source === 'date' || set({ month: d.format('YYYY-MM') })}
            cellRender={(d, info) => {
              if (info.type === 'month') {
                // Year view: how many milestones fall in each month.
                const n = months.find((m) => m.month === d.format('YYYY-MM'))?.items.length ?? 0;
                return n > 0 ? <Badge count={n} overflowCount={999} color="#fa8c16" /> : null;
              }
              if (info.type !== 'date') return info.originNode;
              const items = byDate.get(d.format('YYYY-MM-DD'));
              return items ? <DayCell items={items} unitId={unitId} onMore={() => set({ view: null, month: d.format('YYYY-MM') })} /> : null;
            }}
          />
        </Card>
      ) : (
        <div style={{ display: 'flex', gap: 12, alignItems: 'flex-start' }}>
          <MonthNav months={months} selected={month} onSelect={(m) => set({ month: m })} />
          <div style={{ flex: 1, minWidth: 0 }}>
            {calendar.loading && !calendar.data ? (
              <PageLoading />
            ) : shown.length === 0 || shown.every((m) => m.items.length === 0) ? (
              <Card size="small"><Empty description={month ? `${monthLabel(month)}没有到期的时间节点` : '没有时间节点'} /></Card>
            ) : (
              shown.map((m) => (
                <Card
                  key={m.month}
                  size="small"
                  title={`${monthLabel(m.month)}到期`}
                  extra={<Typography.Text type="secondary">{m.items.length} 个节点 · {countTasks(m.items)} 项任务</Typography.Text>}
                  style={{ marginBottom: 12 }}
                  styles={{ body: { padding: 0 } }}
                  data-testid={`calendar-month-${m.month}`}
                >
                  <Table<CalendarItem> rowKey={(i) => `${i.taskId}-${i.date}-${i.text}`} size="small" columns={columns} dataSource={m.items} pagination={false} />
                </Card>
              ))
            )}
          </div>
        </div>
      )}
    </>
  );
}

export default function CalendarPage() {
  const id = useParams().id;
  return id ? <PlanCalendar planId={Number(id)} /> : <PickPlan />;
}
