import { Badge, Button, Card, Input, Popconfirm, Space, Table, Tabs, Tag, Typography, App } from 'antd';
import type { TableColumnsType as ColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { AliasSuggestion, UnitSummary } from '#core/api/units.ts';
import { findAliasSuggestions, findUnits, mergeUnit } from '#web/api/units.ts';
import { useCan } from '#web/auth/auth-context.tsx';
import { PageHeader } from '#web/components/page-header.tsx';
import { useRequest } from '#web/hooks/use-request.ts';
import { ALIAS_REASON_LABELS } from '#web/utils/format.ts';
import { parentNameOf } from '#web/pages/units/unit-tree.ts';
import { UnitEditDrawer } from '../components/unit-edit-drawer.tsx';

const REASON_COLORS: Record<string, string> = { abbreviation: 'purple', containment: 'cyan', suffix: 'gold' };

/** 单位: every unit named in a plan, with aliases and task counts; and the alias suggestions to confirm. */
export default function UnitListPage() {
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const wantsSuggestions = params.get('tab') === 'suggestions';
  const q = params.get('q') ?? '';
  const [query, setQuery] = useState(q);
  const [editing, setEditing] = useState<UnitSummary | null>(null);
  const [merging, setMerging] = useState<number | null>(null);

  const can = useCan();
  const mayManage = can('unit.manage');
  const units = useRequest((signal) => findUnits(q || undefined, signal), [q]);
  // Parent names need every unit, also when the search hides the parent.
  const allUnits = useRequest((signal) => (q ? findUnits(undefined, signal) : Promise.resolve(null)), [q]);
  const suggestions = useRequest((signal) => (mayManage ? findAliasSuggestions(signal) : Promise.resolve(null)), [mayManage]);
  const everyUnit = useMemo(() => (q ? allUnits.data?.data : units.data?.data) ?? [], [q, allUnits.data, units.data]);

  const setParam = (key: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };

  const reloadAll = () => {
    units.reload();
    allUnits.reload();
    suggestions.reload();
  };

  const unitColumns: ColumnsType<UnitSummary> = [
    {
      title: '单位名称',
      dataIndex: 'name',
      render: (name: string, u) => (
        <Space size={6}>
          <Link to={`/units/${u.id}`} onClick={(e) => e.stopPropagation()}>{name}</Link>
          {u.isCollective && <Tag color="geekblue">集体</Tag>}
        </Space>
      ),
    },
    {
      title: '上级单位',
      key: 'parent',
      width: 180,
      render: (_, u) => {
        const parent = parentNameOf(u, everyUnit);
        return parent && u.parentId ? (
          <Link to={`/units/${u.parentId}`} onClick={(e) => e.stopPropagation()}>{parent}</Link>
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        );
      },
    },
    {
      title: '别名（原文写法）',
      dataIndex: 'aliases',
      render: (aliases: string[]) =>
        aliases.length === 0 ? <Typography.Text type="secondary">—</Typography.Text> : aliases.map((a) => <Tag key={a} style={{ marginBlock: 1 }}>{a}</Tag>),
    },
    { title: '牵头任务', dataIndex: 'leadCount', width: 90, align: 'right', sorter: (a, b) => a.leadCount - b.leadCount },
    { title: '责任任务', dataIndex: 'responsibleCount', width: 90, align: 'right', sorter: (a, b) => a.responsibleCount - b.responsibleCount },
    ...(mayManage
      ? [
          {
            title: '操作',
            key: 'actions',
            width: 70,
            render: (_: unknown, u: UnitSummary) => (
              <Button type="link" size="small" style={{ padding: 0 }} onClick={(e) => { e.stopPropagation(); setEditing(u); }} data-testid="unit-edit">
                编辑
              </Button>
            ),
          },
        ]
      : []),
  ];

  /** Makes `fromId` an alias of `intoId` (a confirmed suggestion, either way round). */
  async function merge(fromId: number, fromName: string, intoId: number, intoName: string) {
    setMerging(fromId);
    try {
      await mergeUnit(fromId, intoId);
      void message.success(`已将“${fromName}”合并到“${intoName}”`);
      reloadAll();
    } catch {
      // Shown by the request policy.
    } finally {
      setMerging(null);
    }
  }

  const suggestionColumns: ColumnsType<AliasSuggestion> = [
    { title: '单位（将成为别名）', dataIndex: 'unitName', render: (n: string, s) => <Link to={`/units/${s.unitId}`}>{n}</Link> },
    { title: '', key: 'arrow', width: 40, align: 'center', render: () => <Typography.Text type="secondary">→</Typography.Text> },
    { title: '合并到', dataIndex: 'targetName', render: (n: string, s) => <Link to={`/units/${s.targetId}`}>{n}</Link> },
    { title: '依据', dataIndex: 'reason', width: 100, render: (r: string) => <Tag color={REASON_COLORS[r]}>{ALIAS_REASON_LABELS[r] ?? r}</Tag> },
    {
      title: '操作',
      key: 'actions',
      width: 170,
      render: (_, s) => (
        <Space size={4}>
          <Popconfirm
            title="确认合并"
            description={`“${s.unitName}”将成为“${s.targetName}”的别名，其任务转到“${s.targetName}”。`}
            okText="确认合并"
            cancelText="取消"
            onConfirm={() => merge(s.unitId, s.unitName, s.targetId, s.targetName)}
          >
            <Button size="small" type="primary" ghost loading={merging === s.unitId} data-testid="suggestion-merge">确认合并</Button>
          </Popconfirm>
          <Popconfirm
            title="反向合并"
            description={`以“${s.unitName}”为规范名称：“${s.targetName}”将成为它的别名。`}
            okText="反向合并"
            cancelText="取消"
            onConfirm={() => merge(s.targetId, s.targetName, s.unitId, s.unitName)}
          >
            <Button size="small" type="link" loading={merging === s.targetId}>反向</Button>
          </Popconfirm>
        </Space>
      ),
    },
  ];

  const suggestionCount = suggestions.data?.total ?? 0;
  const tab = wantsSuggestions && mayManage ? 'suggestions' : 'units';

  return (
    <>
      <PageHeader title="单位" subTitle={mayManage ? '方案中出现的牵头单位和责任单位；同一单位的不同写法作为别名归并' : '方案中出现的牵头单位和责任单位'} />
      <Card size="small" styles={{ body: { paddingTop: 0 } }}>
        <Tabs
          activeKey={tab}
          onChange={(key) => setParam('tab', key === 'suggestions' ? key : null)}
          tabBarExtraContent={
            tab === 'units' ? (
              <Input.Search
                allowClear
                placeholder="搜索单位名称或别名"
                style={{ width: 240 }}
                value={query}
                onChange={(e) => setQuery(e.target.value)}
                onSearch={(v) => setParam('q', v.trim() || null)}
                data-testid="unit-search"
              />
            ) : undefined
          }
          items={[
            {
              key: 'units',
              label: `单位列表${units.data ? `（${units.data.total}）` : ''}`,
              children: (
                <Table<UnitSummary>
                  rowKey="id"
                  size="small"
                  loading={units.loading}
                  columns={unitColumns}
                  dataSource={units.data?.data ?? []}
                  pagination={{ pageSize: 50, showTotal: (t) => `共 ${t} 个单位`, hideOnSinglePage: true }}
                  rowClassName={() => 'tj-row-clickable'}
                  onRow={(u) => ({ onClick: () => navigate(`/units/${u.id}`) })}
                  locale={{ emptyText: q ? `没有名称或别名包含“${q}”的单位` : '尚无单位，导入方案后自动生成' }}
                />
              ),
            },
            ...(mayManage ? [{
              key: 'suggestions',
              label: (
                <span>
                  别名建议 <Badge count={suggestionCount} size="small" style={{ marginInlineStart: 4 }} />
                </span>
              ),
              children: (
                <>
                  <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 8 }}>
                    系统按简称、名称包含和后缀差异找出的疑似同一单位。确认后，左侧单位成为右侧单位的别名，任务一并转移。
                  </Typography.Paragraph>
                  <Table<AliasSuggestion>
                    rowKey={(s) => `${s.unitId}-${s.targetId}`}
                    size="small"
                    loading={suggestions.loading}
                    columns={suggestionColumns}
                    dataSource={suggestions.data?.data ?? []}
                    pagination={false}
                    locale={{ emptyText: '暂无别名建议' }}
                  />
                </>
              ),
            }] : []),
          ]}
        />
      </Card>
      <UnitEditDrawer
        unit={editing}
        units={everyUnit}
        onClose={() => setEditing(null)}
        onChanged={(mergedInto) => {
          reloadAll();
          if (mergedInto) setEditing(null);
        }}
      />
    </>
  );
}
