import { ClearOutlined } from '@ant-design/icons';
import { Button, Card, Checkbox, DatePicker, Input, Select, Space, Typography } from 'antd';
import type { TableColumnsType as ColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useMemo, useState, type HTMLAttributes } from 'react';
import { Link, useLocation, useNavigate, useParams, useSearchParams } from 'react-router';
import { getPlan } from '#web/api/plans.ts';
import { findTasks } from '#web/api/tasks.ts';
import type { TaskSummary } from '#core/api/tasks.ts';
import { findUnits } from '#web/api/units.ts';
import { DeadlineTags } from '#web/components/deadline-tags.tsx';
import { PageHeader } from '#web/components/page-header.tsx';
import { UnitLinks } from '#web/components/unit-links.tsx';
import { useRequest } from '#web/hooks/use-request.ts';
import { highlight, occurrences } from '#web/utils/highlight.ts';
import { rememberPlan } from '#web/utils/last-plan.ts';
import { PAGE_SIZES, changeTaskFilters, hasActiveFilters, parseTaskFilters, toTaskSearchParams, type TaskFilters } from '#web/utils/task-filters.ts';
import { ListTable } from '#web/components/list-table.tsx';

/** A title with the search term marked. */
function TitleWithHits({ title, q }: { title: string; q: string }) {
  return (
    <>
      {highlight(title, occurrences(title, q, 'hit')).map((s) =>
        s.kinds.length ? <mark key={s.start} style={{ padding: 0, background: '#ffe58f' }}>{s.text}</mark> : s.text,
      )}
    </>
  );
}

/** 任务列表: the plan's tasks, filtered by section, unit and role, deadline month and text; filters live in the URL. */
export default function TaskListPage() {
  const planId = Number(useParams().id);
  const navigate = useNavigate();
  const location = useLocation();
  const [searchParams, setSearchParams] = useSearchParams();
  const filters = useMemo(() => parseTaskFilters(searchParams), [searchParams]);
  const [q, setQ] = useState(filters.q);
  useEffect(() => setQ(filters.q), [filters.q]);

  const plan = useRequest((signal) => getPlan(planId, signal), [planId]);
  const units = useRequest((signal) => findUnits(undefined, signal), []);
  const tasks = useRequest((signal) => findTasks(planId, filters, signal), [planId, searchParams.toString()]);
  useEffect(() => rememberPlan(planId), [planId]);

  const apply = (change: Partial<TaskFilters>) => setSearchParams(toTaskSearchParams(changeTaskFilters(filters, change)));

  const sectionOrdinals = new Map((plan.data?.sections ?? []).map((s) => [s.id, s.ordinal]));
  const columns: ColumnsType<TaskSummary> = [
    {
      title: '编号',
      dataIndex: 'number',
      width: 64,
      align: 'center',
      // Numbers restart in every section, so the section's ordinal goes in front ("2.3").
      render: (n: string, t) => {
        const ordinal = t.sectionId !== null ? sectionOrdinals.get(t.sectionId) : undefined;
        return (
          <span style={{ whiteSpace: 'nowrap' }}>
            {ordinal !== undefined && <Typography.Text type="secondary">{ordinal}.</Typography.Text>}
            {n}
          </span>
        );
      },
    },
    {
      title: '任务',
      dataIndex: 'title',
      render: (title: string, t) => (
        <div>
          <Link to={`/tasks/${t.id}`} state={{ back: location.pathname + location.search }} onClick={(e) => e.stopPropagation()}>
            <TitleWithHits title={title} q={filters.q} />
          </Link>
          {filters.sectionId === null && t.sectionTitle && (
            <div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{t.sectionTitle}</Typography.Text></div>
          )}
        </div>
      ),
    },
    { title: '截止时间', dataIndex: 'deadlines', width: 190, render: (_, t) => <DeadlineTags deadlines={t.deadlines} empty="无" /> },
    { title: '牵头单位', dataIndex: 'lead', width: 200, render: (_, t) => <UnitLinks units={t.lead} /> },
    { title: '责任单位', dataIndex: 'responsible', width: 260, render: (_, t) => <UnitLinks units={t.responsible} /> },
  ];

  const p = plan.data;
  return (
    <>
      <PageHeader
        title="任务列表"
        subTitle={p ? `${p.number ?? ''} ${p.title}` : undefined}
        crumbs={[{ title: '方案列表', to: '/plans' }, { title: p?.number ?? '方案', to: `/plans/${planId}` }, { title: '任务列表' }]}
        extra={<Link to={`/plans/${planId}/calendar${filters.unitId ? `?unitId=${filters.unitId}` : ''}`}><Button>截止日历</Button></Link>}
      />
      <Card size="small" style={{ marginBottom: 12 }} styles={{ body: { padding: '10px 12px' } }}>
        <Space wrap size={[8, 8]}>
          <Select
            data-testid="filter-section"
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder="全部章节"
            style={{ width: 240 }}
            value={filters.sectionId}
            onChange={(v: number | undefined) => apply({ sectionId: v ?? null })}
            options={(p?.sections ?? []).map((s) => ({ value: s.id, label: `${s.ordinal}. ${s.title}（${s.taskCount}）` }))}
          />
          <Space.Compact>
            <Select
              data-testid="filter-unit"
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder="全部单位"
              style={{ width: 220 }}
              loading={units.loading}
              value={filters.unitId}
              onChange={(v: number | undefined) => apply({ unitId: v ?? null })}
              options={(units.data?.data ?? []).map((u) => ({ value: u.id, label: u.name }))}
            />
            <Select
              data-testid="filter-role"
              style={{ width: 110 }}
              disabled={filters.unitId === null}
              value={filters.role}
              onChange={(role) => apply({ role })}
              options={[
                { value: 'any', label: '牵头或责任' },
                { value: 'lead', label: '牵头' },
                { value: 'responsible', label: '责任' },
              ]}
            />
          </Space.Compact>
          <DatePicker
            picker="month"
            placeholder="截止月份"
            style={{ width: 130 }}
            value={filters.month ? dayjs(`${filters.month}-01`) : null}
            onChange={(d) => apply({ month: d ? d.format('YYYY-MM') : null })}
          />
          <Checkbox checked={filters.noDeadline} onChange={(e) => apply({ noDeadline: e.target.checked })}>
            无截止时间
          </Checkbox>
          <Input.Search
            data-testid="filter-q"
            allowClear
            placeholder="搜索任务内容（简繁皆可）"
            style={{ width: 260 }}
            value={q}
            onChange={(e) => setQ(e.target.value)}
            onSearch={(v) => apply({ q: v.trim() })}
          />
          {hasActiveFilters(filters) && (
            <Button icon={<ClearOutlined />} onClick={() => setSearchParams(new URLSearchParams())}>清除筛选</Button>
          )}
        </Space>
      </Card>
      <ListTable<TaskSummary>
          loading={tasks.loading}
          columns={columns}
          dataSource={tasks.data?.data ?? []}
          rowClassName={() => 'tj-row-clickable'}
          onRow={(t) => ({ onClick: () => navigate(`/tasks/${t.id}`, { state: { back: location.pathname + location.search } }), 'data-testid': 'task-row' } as HTMLAttributes<HTMLElement>)}
          locale={{ emptyText: hasActiveFilters(filters) ? '没有符合筛选条件的任务' : '该方案暂无任务' }}
          pagination={{
            current: filters.page,
            pageSize: filters.pageSize,
            total: tasks.data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: PAGE_SIZES.map(String),
            showTotal: (total) => <span data-testid="task-total">共 {total} 项任务</span>,
            onChange: (page, pageSize) => apply({ page, pageSize }),
            style: { marginInline: 12 },
          }}
        />
    </>
  );
}
