import { Button, Card, Col, Empty, List, Result, Row, Space, Statistic, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { getWorkbench } from '#web/api/reports.ts';
import { findMyRounds } from '#web/api/rounds.ts';
import type { WorkbenchTask } from '#core/api/workbench.ts';
import { LoadFailed } from '#web/components/page-error.tsx';
import { PageHeader } from '#web/components/page-header.tsx';
import { PageLoading } from '#web/components/page-loading.tsx';
import { StatusTag } from '#web/components/status-tag.tsx';
import { useRequest } from '#web/hooks/use-request.ts';
import { dayLabel } from '#web/utils/format.ts';
import { sortByDue } from '#web/utils/my-tasks.ts';
import { RoundsCard } from './rounds-card.tsx';
import { UNIT_ROLE_LABELS } from '#core/tasks/tasks.ts';

/** Accent per panel: the bar's CSS colour and the count tag's preset. */
const ACCENTS = {
  overdue: { bar: '#cf1322', tag: 'red' },
  dueSoon: { bar: '#d46b08', tag: 'orange' },
  returned: { bar: '#d4380d', tag: 'volcano' },
  toConsolidate: { bar: '#1d39c4', tag: 'geekblue' },
} as const;

interface PanelProps {
  title: string;
  count: number;
  accent: keyof typeof ACCENTS;
  testId: string;
  empty: string;
  children: ReactNode;
}

function Panel({ title, count, accent, testId, empty, children }: PanelProps) {
  const { bar, tag } = ACCENTS[accent];
  return (
    <Card
      size="small"
      title={
        <Space size={8}>
          <span style={{ display: 'inline-block', width: 4, height: 14, background: bar, borderRadius: 2, verticalAlign: -2 }} />
          {title}
          <Tag color={count > 0 ? tag : 'default'} style={{ marginInlineEnd: 0 }}>{count}</Tag>
        </Space>
      }
      style={{ height: '100%' }}
      styles={{ body: { paddingBlock: 4, maxHeight: 360, overflowY: 'auto' } }}
      data-testid={testId}
      data-count={count}
    >
      {count === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} style={{ marginBlock: 12 }} /> : children}
    </Card>
  );
}

function TaskList({ tasks }: { tasks: WorkbenchTask[] }) {
  return (
    <List
      size="small"
      dataSource={sortByDue(tasks)}
      renderItem={(t) => (
        <List.Item style={{ paddingInline: 0 }} extra={<StatusTag status={t.status} />}>
          <div style={{ minWidth: 0 }}>
            <Link to={`/tasks/${t.id}`} data-testid="workbench-task-link">
              {t.number && <Tag color="blue">{t.number}</Tag>}
              {t.title}
            </Link>
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
              {UNIT_ROLE_LABELS[t.role]}
              {t.planNumber ? ` · ${t.planNumber}` : ''}
              {t.nextDue ? ` · 截止 ${dayLabel(t.nextDue)}` : ''}
            </Typography.Text>
          </div>
        </List.Item>
      )}
    />
  );
}

/** 工作台: what the unit must act on now — overdue and due-soon tasks, returned reports, parts to consolidate. */
export default function WorkbenchPage() {
  const wb = useRequest((signal) => getWorkbench(signal), []);
  const rounds = useRequest((signal) => findMyRounds(signal), []);

  if (wb.loading && !wb.data) return <PageLoading />;
  if (!wb.data) return <LoadFailed error={wb.error} what="工作台" onRetry={wb.reload} />;
  const { unit, counts } = wb.data;
  if (!unit) {
    return (
      <Card>
        <Result status="info" title="当前账号未关联单位" subTitle="请联系系统管理员为账号设置所属单位，或从“方案”查看全部任务。" extra={<Link to="/plans"><Button type="primary">查看方案</Button></Link>} />
      </Card>
    );
  }

  return (
    <>
      <PageHeader title="工作台" subTitle={unit.name} extra={<Link to="/my"><Button>本单位全部任务</Button></Link>}>
        <Space size={40} align="start" wrap>
          <Statistic title="逾期" value={counts.overdue} suffix="项" styles={{ content: { color: counts.overdue ? '#cf1322' : undefined } }} />
          <Statistic title="临期" value={counts.dueSoon} suffix="项" styles={{ content: { color: counts.dueSoon ? '#d46b08' : undefined } }} />
          <Statistic title="被退回" value={counts.returned} suffix="份" styles={{ content: { color: counts.returned ? '#cf1322' : undefined } }} />
          <Statistic title="待汇总" value={counts.toConsolidate} suffix="项" styles={{ content: { color: counts.toConsolidate ? '#1d39c4' : undefined } }} />
        </Space>
      </PageHeader>
      {rounds.data && rounds.data.data.length > 0 && <RoundsCard rounds={rounds.data.data} />}
      <Row gutter={[12, 12]}>
        <Col xs={24} lg={12}>
          <Panel title="逾期" count={counts.overdue} accent="overdue" testId="workbench-overdue" empty="没有逾期任务">
            <TaskList tasks={wb.data.overdue} />
          </Panel>
        </Col>
        <Col xs={24} lg={12}>
          <Panel title="临期" count={counts.dueSoon} accent="dueSoon" testId="workbench-due-soon" empty="近期没有到期任务">
            <TaskList tasks={wb.data.dueSoon} />
          </Panel>
        </Col>
        <Col xs={24} lg={12}>
          <Panel title="被退回" count={counts.returned} accent="returned" testId="workbench-returned" empty="没有被退回的报告">
            <List
              size="small"
              dataSource={wb.data.returned}
              renderItem={(r) => (
                <List.Item style={{ paddingInline: 0 }}>
                  <div style={{ minWidth: 0 }}>
                    <Link to={`/tasks/${r.taskId}`} data-testid="workbench-returned-link">{r.taskTitle}</Link>
                    <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12, whiteSpace: 'pre-wrap' }}>
                      退回意见：{r.comment || '（无）'}
                    </Typography.Text>
                  </div>
                </List.Item>
              )}
            />
          </Panel>
        </Col>
        <Col xs={24} lg={12}>
          <Panel title="待汇总" count={counts.toConsolidate} accent="toConsolidate" testId="workbench-to-consolidate" empty="没有待汇总的责任单位进展">
            <List
              size="small"
              dataSource={wb.data.toConsolidate}
              renderItem={(r) => (
                <List.Item style={{ paddingInline: 0 }} extra={<Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.partReports} 份单位进展</Typography.Text>}>
                  <Link to={`/tasks/${r.taskId}`} data-testid="workbench-consolidate-link">{r.taskTitle}</Link>
                </List.Item>
              )}
            />
          </Panel>
        </Col>
      </Row>
    </>
  );
}
