import { CloudUploadOutlined } from '@ant-design/icons';
import { Button, Empty, Space, Tag, Typography } from 'antd';
import type { TableColumnsType as ColumnsType } from 'antd';
import { Link, useNavigate } from 'react-router';
import { findPlans } from '#web/api/plans.ts';
import type { PlanSummary } from '#core/api/plans.ts';
import { PageHeader } from '#web/components/page-header.tsx';
import { useCan } from '#web/auth/auth-context.tsx';
import { useRequest } from '#web/hooks/use-request.ts';
import { levelLabel } from '#web/utils/format.ts';
import { ListTable } from '#web/components/list-table.tsx';

const LEVEL_COLORS: Record<string, string> = { province: 'red', city: 'volcano', county: 'geekblue', district: 'blue' };

/** 方案列表: every plan the office runs, newest first as the server orders them. */
export default function PlanListPage() {
  const navigate = useNavigate();
  const { data, loading } = useRequest((signal) => findPlans(signal), []);
  const mayManage = useCan()('plan.manage');

  const columns: ColumnsType<PlanSummary> = [
    { title: '文号', dataIndex: 'number', width: 170, render: (v: string | null) => v ?? <Typography.Text type="secondary">无文号</Typography.Text> },
    {
      title: '标题',
      dataIndex: 'title',
      render: (title: string, plan) => (
        <Link to={`/plans/${plan.id}`} onClick={(e) => e.stopPropagation()} data-testid="plan-link">
          {title}
        </Link>
      ),
    },
    { title: '发文机关', dataIndex: 'issuer', width: 160, render: (v: string | null) => v ?? '—' },
    { title: '发文日期', dataIndex: 'date', width: 110, render: (v: string | null) => v ?? '—' },
    { title: '年度', dataIndex: 'year', width: 70, align: 'center', render: (v: number | null) => v ?? '—' },
    {
      title: '层级',
      dataIndex: 'level',
      width: 70,
      align: 'center',
      render: (v: string | null) => (v ? <Tag color={LEVEL_COLORS[v]}>{levelLabel(v)}</Tag> : '—'),
    },
    { title: '章节', dataIndex: 'sectionCount', width: 60, align: 'right' },
    { title: '任务数', dataIndex: 'taskCount', width: 70, align: 'right' },
    {
      title: '操作',
      key: 'actions',
      width: 150,
      render: (_, plan) => (
        <Space size={8} onClick={(e) => e.stopPropagation()}>
          <Link to={`/plans/${plan.id}/tasks`}>任务</Link>
          <Link to={`/plans/${plan.id}/calendar`}>日历</Link>
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title="方案列表"
        subTitle={data ? `共 ${data.total} 个方案` : undefined}
        extra={
          mayManage ? (
            <Link to="/imports/new">
              <Button type="primary" icon={<CloudUploadOutlined />}>导入方案</Button>
            </Link>
          ) : undefined
        }
      />
      <ListTable<PlanSummary>
          loading={loading}
          columns={columns}
          dataSource={data?.data ?? []}
          pagination={false}
          rowClassName={() => 'tj-row-clickable'}
          onRow={(plan) => ({ onClick: () => navigate(`/plans/${plan.id}`) })}
          locale={{
            emptyText: (
              mayManage ? (
                <Empty description="尚无方案，请先导入方案文件">
                  <Link to="/imports/new"><Button type="primary">导入方案</Button></Link>
                </Empty>
              ) : (
                <Empty description="尚无方案，待统筹协调人员导入" />
              )
            ),
          }}
        />
    </>
  );
}
