import { DownloadOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { Button, Empty, Select, Space, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { INSPECTION_KIND_LABELS, INSPECTION_KINDS, type InspectionKind } from '#core/inspections/kinds.ts';
import { findInspections, inspectionsXlsxUrl, type InspectionSummary } from '#web/api/inspections.ts';
import { useCan } from '#web/auth/auth-context.tsx';
import { ListTable } from '#web/components/list-table.tsx';
import { PageHeader } from '#web/components/page-header.tsx';
import { useRequest } from '#web/hooks/use-request.ts';
import { periodLabel } from '#web/pages/rounds/round-utils.ts';
import { KindTag, ReleaseTag } from '../components/tags.tsx';

/**
 * 督查计划: the plans the user may see (the server filters: an inspector sees their own, a unit only
 * open plans naming it and covert ones once released), newest first.
 */
export default function InspectionListPage() {
  const navigate = useNavigate();
  const mayManage = useCan()('inspection.manage');
  const list = useRequest((signal) => findInspections(signal), []);
  const [kind, setKind] = useState<InspectionKind | undefined>();
  const rows = useMemo(() => (list.data?.data ?? []).filter((r) => !kind || r.kind === kind), [list.data, kind]);

  const columns: TableColumnsType<InspectionSummary> = [
    {
      title: '督查计划',
      dataIndex: 'title',
      render: (title: string, r) => (
        <Link to={`/inspections/${r.id}`} onClick={(e) => e.stopPropagation()} data-testid="inspection-link">
          {title}
        </Link>
      ),
    },
    { title: '方式', dataIndex: 'kind', width: 110, render: (k: InspectionKind) => <KindTag kind={k} /> },
    { title: '时间', key: 'period', width: 210, responsive: ['md'], render: (_, r) => periodLabel(r.periodStart, r.periodEnd) },
    { title: '检查对象', dataIndex: 'targetCount', width: 90, align: 'right', responsive: ['sm'] },
    { title: '问题', dataIndex: 'findingCount', width: 70, align: 'right' },
    { title: '发布', dataIndex: 'releasedAt', width: 100, responsive: ['sm'], render: (v: string | null) => <ReleaseTag releasedAt={v} /> },
  ];

  return (
    <>
      <PageHeader
        title="督查计划"
        subTitle={list.data ? `共 ${list.data.data.length} 项` : undefined}
        extra={
          <>
            <Select
              allowClear
              placeholder="全部方式"
              style={{ width: 130 }}
              value={kind}
              onChange={setKind}
              options={INSPECTION_KINDS.map((k) => ({ value: k, label: INSPECTION_KIND_LABELS[k] }))}
              data-testid="inspection-kind-filter"
            />
            <Button onClick={() => navigate('/findings')} data-testid="nav-findings">
              问题清单
            </Button>
            {mayManage && <Button onClick={() => navigate('/inspections/settings')}>督查设置</Button>}
            <Button icon={<DownloadOutlined />} href={inspectionsXlsxUrl()} download>
              导出
            </Button>
            <Button icon={<ReloadOutlined />} onClick={list.reload} loading={list.loading && !!list.data}>
              刷新
            </Button>
            {mayManage && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/inspections/new')} data-testid="inspection-create">
                新建督查计划
              </Button>
            )}
          </>
        }
      />
      <ListTable<InspectionSummary>
        loading={list.loading && !list.data}
        columns={columns}
        dataSource={rows}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (n) => `共 ${n} 项` }}
        rowClassName={() => 'tj-row-clickable'}
        onRow={(r) => ({ onClick: () => navigate(`/inspections/${r.id}`), 'data-testid': 'inspection-row', 'data-inspection-id': r.id }) as object}
        locale={{
          emptyText: (
            <Empty
              image={Empty.PRESENTED_IMAGE_SIMPLE}
              description={
                list.error ? (
                  '督查计划加载失败'
                ) : mayManage ? (
                  '还没有督查计划，点击右上角“新建督查计划”开始'
                ) : (
                  <Space orientation="vertical" size={0}>
                    <span>暂无可查看的督查计划</span>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      督查人员只看到本人参与的计划；单位在问题发布后看到与本单位有关的问题。
                    </Typography.Text>
                  </Space>
                )
              }
            />
          ),
        }}
      />
    </>
  );
}
