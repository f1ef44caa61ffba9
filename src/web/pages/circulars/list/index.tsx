import { ReloadOutlined } from '@ant-design/icons';
import { Button, Empty, Space, Typography } from 'antd';
import type { TableColumnsType as ColumnsType } from 'antd';
import { Link, useNavigate } from 'react-router';
import { findCirculars, type CircularSummary } from '#web/api/circulars.ts';
import { useCan } from '#web/auth/auth-context.tsx';
import { PageHeader } from '#web/components/page-header.tsx';
import { useRequest } from '#web/hooks/use-request.ts';
import { shanghaiTime } from '#web/utils/time.ts';
import { DispatchNav } from '#web/pages/rounds/components/dispatch-nav.tsx';
import { CircularStatusTag } from '#web/pages/rounds/components/round-tags.tsx';
import { CircularDownloads } from '../components/circular-downloads.tsx';
import { ListTable } from '#web/components/list-table.tsx';

/** 通报归档: issued circulars for everyone, drafts too for the coordinator; each downloadable. */
export default function CircularListPage() {
  const navigate = useNavigate();
  const mayManage = useCan()('round.manage');
  const list = useRequest((signal) => findCirculars(signal), []);
  const rows = list.data?.data ?? [];
  const drafts = rows.filter((c) => c.status === 'draft').length;

  const columns: ColumnsType<CircularSummary> = [
    {
      title: '通报',
      dataIndex: 'title',
      render: (title: string, c) => (
        <div>
          <Link to={`/circulars/${c.id}`} onClick={(e) => e.stopPropagation()} data-testid="circular-link">{title}</Link>
          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>{c.issuer}</Typography.Text>
        </div>
      ),
    },
    { title: '文号/期号', dataIndex: 'docNumber', width: 120, render: (v: string | null) => v ?? '—' },
    {
      title: '调度',
      dataIndex: 'roundTitle',
      width: 150,
      render: (t: string, c) => <Link to={`/rounds/${c.roundId}`} onClick={(e) => e.stopPropagation()}>{t}</Link>,
    },
    { title: '状态', dataIndex: 'status', width: 80, align: 'center', render: (_, c) => <CircularStatusTag status={c.status} /> },
    {
      title: '签发时间',
      key: 'time',
      width: 150,
      render: (_, c) =>
        c.issuedAt ? shanghaiTime(c.issuedAt, 'minute') : <Typography.Text type="secondary">修改于 {shanghaiTime(c.updatedAt, 'minute')}</Typography.Text>,
    },
    {
      title: '下载',
      key: 'files',
      width: 300,
      render: (_, c) =>
        c.status === 'issued' ? (
          // biome-ignore lint/a11y/noStaticElementInteractions: not a control; it keeps a click on the download buttons inside from opening the row.
          // biome-ignore lint/a11y/useKeyWithClickEvents: the buttons inside take the keyboard; this wrapper only stops the click bubbling.
          <span onClick={(e) => e.stopPropagation()}>
            <CircularDownloads id={c.id} size="small" />
          </span>
        ) : (
          <Link to={`/circulars/${c.id}`} onClick={(e) => e.stopPropagation()}>编辑草稿</Link>
        ),
    },
  ];

  return (
    <>
      <PageHeader
        title="调度通报"
        subTitle={list.data ? `已签发 ${rows.length - drafts} 份${mayManage && drafts ? `，草稿 ${drafts} 份` : ''}` : undefined}
        extra={
          <Space>
            <DispatchNav current="circulars" />
            <Button icon={<ReloadOutlined />} onClick={list.reload} loading={list.loading && !!list.data}>刷新</Button>
          </Space>
        }
      />
      <ListTable<CircularSummary>
          loading={list.loading && !list.data}
          columns={columns}
          dataSource={rows}
          pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (n) => `共 ${n} 份` }}
          rowClassName={() => 'tj-row-clickable'}
          onRow={(c) => ({ onClick: () => navigate(`/circulars/${c.id}`), 'data-testid': 'circular-row' }) as object}
          locale={{
            emptyText: (
              <Empty
                image={Empty.PRESENTED_IMAGE_SIMPLE}
                description={list.error ? '通报列表加载失败' : mayManage ? '还没有通报：结束一期调度后，在调度页点击“生成通报”' : '还没有签发的通报'}
              />
            ),
          }}
        />
    </>
  );
}
