import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Grid, Select, Space, Switch, Table, Tabs, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { chinaDay } from '#core/calendar/index.ts';
import { FINDING_STATUS_LABELS, FINDING_STATUSES, type FindingStatus } from '#core/inspections/findings.ts';
import {
  findNotices,
  findRectifications,
  getFigures,
  noticesXlsxUrl,
  rectificationsXlsxUrl,
  type NoticeSummary,
  type RectificationItem,
} from '#web/api/rectifications.ts';
import { useCan } from '#web/auth/auth-context.tsx';
import { PageHeader } from '#web/components/page-header.tsx';
import { useRequest } from '#web/hooks/use-request.ts';
import { FindingStatusTag } from '#web/pages/inspections/components/tags.tsx';
import { dayLabel } from '#web/utils/format.ts';
import { shanghaiTime } from '#web/utils/time.ts';
import { NoticeModal } from './components/notice-modal.tsx';
import { FiguresCard } from './figures-card.tsx';
import { deadlineText, TONE_COLORS } from './rect-utils.ts';

type TabKey = 'findings' | 'notices';

/**
 * 整改: the figures, the notices and every finding under rectification the user may see. The coordinator
 * issues notices here; a unit finds what it has to answer (its own findings only); an inspector opens
 * with the findings awaiting 复查.
 */
export default function RectificationsPage() {
  const can = useCan();
  const navigate = useNavigate();
  const [search, setSearch] = useSearchParams();
  const mayManage = can('inspection.manage');
  const inspector = can('inspection.record') && !mayManage;
  const tab = (search.get('tab') as TabKey | null) ?? 'findings';
  const [status, setStatus] = useState<FindingStatus | undefined>(inspector ? 'answered' : undefined);
  const [overdue, setOverdue] = useState(false);
  const [creating, setCreating] = useState(false);
  const today = chinaDay(Date.now());
  // On a phone the status and deadline go under the description: four columns leave it no room.
  const narrow = !Grid.useBreakpoint().sm;
  const figures = useRequest((signal) => getFigures(undefined, signal), []);
  const notices = useRequest((signal) => findNotices({}, signal), []);
  const query = { status, overdue: overdue ? ('true' as const) : undefined };
  const items = useRequest((signal) => findRectifications(query, signal), [status, overdue]);

  const deadlineTag = (r: RectificationItem) => {
    const d = deadlineText(r.dueDate, today, r.status, r.isOverdue);
    return (
      <Tag color={TONE_COLORS[d.tone]} style={{ marginInlineEnd: 0 }} data-testid="rect-item-deadline" data-tone={d.tone}>
        {d.text}
      </Tag>
    );
  };
  const itemColumns: TableColumnsType<RectificationItem> = [
    {
      title: '问题',
      dataIndex: 'description',
      render: (d: string, r) => (
        <div>
          <Link to={r.noticeId ? `/rectifications/notices/${r.noticeId}` : `/findings/${r.findingId}`} data-testid="rect-item-link">
            {d.length > 50 ? `${d.slice(0, 50)}…` : d}
          </Link>
          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
            {r.unitName} · {r.inspectionTitle}
          </Typography.Text>
          {narrow && (
            <Space size={4} wrap style={{ marginTop: 4 }}>
              <FindingStatusTag status={r.status} />
              {r.dueDate && r.status !== 'closed' && <span style={{ fontSize: 12 }}>{dayLabel(r.dueDate)}</span>}
              {deadlineTag(r)}
            </Space>
          )}
        </div>
      ),
    },
    { title: '状态', dataIndex: 'status', width: 100, responsive: ['sm'], render: (s: FindingStatus) => <FindingStatusTag status={s} /> },
    {
      title: '整改期限',
      key: 'due',
      width: 170,
      responsive: ['sm'],
      render: (_, r) => (
        <Space size={4} wrap>
          {r.dueDate && r.status !== 'closed' && <span>{dayLabel(r.dueDate)}</span>}
          {deadlineTag(r)}
        </Space>
      ),
    },
    {
      title: '交办',
      dataIndex: 'noticeCount',
      width: 70,
      responsive: ['md'],
      render: (n: number, r) => (
        <>
          {n}
          {r.needsEscalation && (
            <Tag color="magenta" style={{ marginInlineStart: 4 }}>
              提级
            </Tag>
          )}
        </>
      ),
    },
  ];

  const noticeColumns: TableColumnsType<NoticeSummary> = [
    {
      title: '整改通知',
      dataIndex: 'title',
      render: (t: string, n) => (
        <div>
          <Link to={`/rectifications/notices/${n.id}`} data-testid="notice-link">
            {t}
          </Link>
          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
            {n.docNumber ? `${n.docNumber} · ` : ''}
            {n.unitName}
          </Typography.Text>
        </div>
      ),
    },
    { title: '下发', dataIndex: 'issuedAt', width: 130, responsive: ['md'], render: (v: string) => shanghaiTime(v, 'minute') },
    {
      title: '期限',
      dataIndex: 'dueDate',
      width: 150,
      render: (d: string, n) => (
        <>
          {dayLabel(d)}
          {n.overdueCount > 0 && (
            <Tag color="red" style={{ marginInlineStart: 6 }}>
              {n.overdueCount} 项逾期
            </Tag>
          )}
        </>
      ),
    },
    { title: '销号', key: 'closed', width: 80, align: 'right', render: (_, n) => `${n.closedCount}/${n.findingCount}` },
  ];

  return (
    <>
      <PageHeader
        title="整改"
        subTitle={inspector ? '复查单位报送的整改情况' : can('rectification.answer') ? '本单位的整改通知与问题' : undefined}
        extra={
          <>
            <Button onClick={() => navigate('/case-circulars')} data-testid="nav-case-circulars">
              典型案例通报
            </Button>
            {mayManage && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="notice-create">
                下发整改通知
              </Button>
            )}
          </>
        }
      />
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        {figures.data && <FiguresCard figures={figures.data} />}
        <Card size="small" styles={{ body: { paddingTop: 0 } }}>
          <Tabs
            activeKey={tab}
            onChange={(k) => setSearch(k === 'findings' ? {} : { tab: k }, { replace: true })}
            items={[
              {
                key: 'findings',
                label: `问题整改${items.data ? `（${items.data.total}）` : ''}`,
                children: (
                  <>
                    <Space wrap style={{ marginBottom: 10 }}>
                      <Select
                        allowClear
                        placeholder="全部状态"
                        style={{ width: 140 }}
                        value={status}
                        onChange={setStatus}
                        options={FINDING_STATUSES.filter((s) => s !== 'found').map((s) => ({
                          value: s,
                          label: s === 'answered' ? `${FINDING_STATUS_LABELS[s]}（待复查）` : FINDING_STATUS_LABELS[s],
                        }))}
                        data-testid="rect-status-filter"
                      />
                      <Space size={4}>
                        <Switch size="small" checked={overdue} onChange={setOverdue} data-testid="rect-overdue-filter" />
                        只看逾期
                      </Space>
                      <Button size="small" icon={<DownloadOutlined />} href={rectificationsXlsxUrl(query)} download>
                        导出 Excel
                      </Button>
                    </Space>
                    <Table<RectificationItem>
                      size="small"
                      rowKey="findingId"
                      loading={items.loading && !items.data}
                      columns={itemColumns}
                      dataSource={items.data?.data ?? []}
                      pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (n) => `共 ${n} 条` }}
                      onRow={(r) => ({ 'data-testid': 'rect-item-row', 'data-finding-id': r.findingId, 'data-status': r.status }) as object}
                      locale={{
                        emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={status === 'answered' ? '没有待复查的整改' : '没有整改中的问题'} />,
                      }}
                    />
                  </>
                ),
              },
              {
                key: 'notices',
                label: `整改通知${notices.data ? `（${notices.data.total}）` : ''}`,
                children: (
                  <>
                    <Space style={{ marginBottom: 10 }}>
                      <Button size="small" icon={<DownloadOutlined />} href={noticesXlsxUrl({})} download>
                        导出 Excel
                      </Button>
                    </Space>
                    <Table<NoticeSummary>
                      size="small"
                      rowKey="id"
                      loading={notices.loading && !notices.data}
                      columns={noticeColumns}
                      dataSource={notices.data?.data ?? []}
                      pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (n) => `共 ${n} 份` }}
                      onRow={(n) => ({ 'data-testid': 'notice-row', 'data-notice-id': n.id }) as object}
                    />
                  </>
                ),
              },
            ]}
          />
        </Card>
      </Space>
      {mayManage && (
        <NoticeModal
          open={creating}
          onClose={() => setCreating(false)}
          onCreated={(n) => {
            setCreating(false);
            navigate(`/rectifications/notices/${n.id}`);
          }}
        />
      )}
    </>
  );
}
