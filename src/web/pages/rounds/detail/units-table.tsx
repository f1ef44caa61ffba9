import { Card, Empty, Segmented, Table, Typography } from 'antd';
import type { TableColumnsType as ColumnsType } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import type { RoundUnit } from '#web/api/rounds.ts';
import { shanghaiTime } from '#web/utils/time.ts';
import { ReportStateTag } from '../components/round-tags.tsx';
import { compareUnits, reportState } from '../round-utils.ts';

type Filter = 'all' | 'missing' | 'reported';

/** The round's units: who has reported (on time or late) and who has not; sortable, filterable to the missing. */
export function UnitsTable({ units, loading }: { units: RoundUnit[]; loading: boolean }) {
  const [filter, setFilter] = useState<Filter>('all');
  const missing = units.filter((u) => !u.reported).length;
  const rows = [...units]
    .filter((u) => filter === 'all' || (filter === 'missing' ? !u.reported : u.reported))
    .sort(compareUnits);

  const columns: ColumnsType<RoundUnit> = [
    {
      title: '单位',
      dataIndex: 'name',
      sorter: (a, b) => a.name.localeCompare(b.name, 'zh-Hans-CN'),
      render: (name: string, u) => <Link to={`/units/${u.unitId}`}>{name}</Link>,
    },
    {
      title: '报送状态',
      key: 'state',
      width: 110,
      align: 'center',
      sorter: compareUnits,
      render: (_, u) => <ReportStateTag unit={u} />,
    },
    {
      title: '报送时间',
      dataIndex: 'reportedAt',
      width: 160,
      sorter: (a, b) => (a.reportedAt ?? '9').localeCompare(b.reportedAt ?? '9'),
      render: (v: string | null) => (v ? shanghaiTime(v, 'minute') : <Typography.Text type="secondary">—</Typography.Text>),
    },
    { title: '报告', dataIndex: 'reports', width: 70, align: 'right', sorter: (a, b) => a.reports - b.reports, render: (n: number) => `${n} 份` },
  ];

  return (
    <Card
      size="small"
      title={`报送单位（${units.length}）`}
      style={{ marginBottom: 12 }}
      styles={{ body: { padding: 0 } }}
      extra={
        <Segmented<Filter>
          size="small"
          value={filter}
          onChange={setFilter}
          options={[
            { value: 'all', label: '全部' },
            { value: 'missing', label: <span data-testid="filter-missing">未报送（{missing}）</span> },
            { value: 'reported', label: <span data-testid="filter-reported">已报送（{units.length - missing}）</span> },
          ]}
        />
      }
    >
      <Table<RoundUnit>
        rowKey="unitId"
        size="small"
        loading={loading}
        columns={columns}
        dataSource={rows}
        pagination={{ pageSize: 100, size: 'small', hideOnSinglePage: true, showTotal: (n) => `共 ${n} 个单位` }}
        scroll={{ y: 560 }}
        onRow={(u) => ({ 'data-testid': 'round-unit-row', 'data-unit': u.name, 'data-state': reportState(u) }) as object}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={filter === 'missing' ? '所有单位均已报送' : '没有单位'} /> }}
      />
    </Card>
  );
}
