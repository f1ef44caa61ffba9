import { Drawer, Empty, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { getDrillTasks, getRoundSnapshot, snapshotOverdue, type DrillTask } from '#web/api/dashboard.ts';
import { StatusTag } from '#web/components/status-tag.tsx';
import { useRequest } from '#web/hooks/use-request.ts';
import { dayLabel } from '#web/utils/format.ts';
import type { Drill } from '../charts.ts';

const PAGE_SIZE = 20;

/** A drill-down: the tasks behind a bar, a cell or a point, from GET /api/dashboard/tasks; each links to its task. */
export function DrillDrawer({ planId, drill, onClose }: { planId: number | null; drill: Drill | null; onClose: () => void }) {
  const [page, setPage] = useState(1);
  useEffect(() => setPage(1), [drill]);
  const result = useRequest(async (signal) => {
    if (!drill) return undefined;
    if (drill.roundId !== undefined) {
      const rows = snapshotOverdue(await getRoundSnapshot(drill.roundId, signal));
      return { data: rows.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE), total: rows.length };
    }
    return getDrillTasks(planId, drill.filter, page, PAGE_SIZE, signal);
  }, [planId, drill, page]);
  const rows = result.data?.data ?? [];
  const total = result.data?.total ?? 0;

  const columns: TableColumnsType<DrillTask> = [
    {
      title: '任务',
      key: 'task',
      render: (_, t) => (
        <Link to={`/tasks/${t.id}`} data-testid="drill-task-link">
          <Tag color="blue" style={{ marginInlineEnd: 6 }}>{t.number}</Tag>
          {t.title}
        </Link>
      ),
    },
    { title: '章节', dataIndex: 'sectionTitle', width: 150, ellipsis: true, render: (v: string | null) => v ?? '—' },
    { title: '状态', dataIndex: 'status', width: 84, align: 'center', render: (s: DrillTask['status']) => <StatusTag status={s} /> },
    { title: '截止', dataIndex: 'dueDate', width: 124, render: (d: string | null) => (d ? dayLabel(d) : <Typography.Text type="secondary">持续推进</Typography.Text>) },
    { title: '牵头单位', dataIndex: 'leadUnits', width: 150, render: (u: string[]) => u.join('、') || '—' },
  ];

  return (
    <Drawer
      title={drill?.title ?? ''}
      open={drill !== null}
      onClose={onClose}
      size={900}
      destroyOnHidden
      extra={
        result.data && (
          <Typography.Text type="secondary" data-testid="drill-total" data-count={total}>
            共 {total} 项
          </Typography.Text>
        )
      }
    >
      <Table<DrillTask>
        rowKey="id"
        size="small"
        data-testid="drill-table"
        loading={result.loading}
        columns={columns}
        dataSource={rows}
        onRow={() => ({ 'data-testid': 'drill-row' }) as object}
        pagination={{ current: page, pageSize: PAGE_SIZE, total, onChange: setPage, showSizeChanger: false, hideOnSinglePage: true, showTotal: (n) => `共 ${n} 项` }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={result.error ? '任务加载失败' : '没有符合条件的任务'} /> }}
      />
    </Drawer>
  );
}
