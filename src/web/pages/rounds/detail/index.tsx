import { FileTextOutlined, ReloadOutlined, StopOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Descriptions, Progress, Row, Space, Statistic, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { createCircular, findCirculars } from '#web/api/circulars.ts';
import { ApiError } from '#web/api/request.ts';
import { closeRound, getRound, getRoundSnapshot } from '#web/api/rounds.ts';
import { useCan } from '#web/auth/auth-context.tsx';
import { LoadFailed } from '#web/components/page-error.tsx';
import { PageHeader } from '#web/components/page-header.tsx';
import { PageLoading } from '#web/components/page-loading.tsx';
import { useRequest } from '#web/hooks/use-request.ts';
import { dayLabel } from '#web/utils/format.ts';
import { shanghaiTime } from '#web/utils/time.ts';
import { CircularStatusTag, RoundStatusTag } from '../components/round-tags.tsx';
import { countUnits, periodLabel, progressPercent } from '../round-utils.ts';
import { SnapshotSummary } from './snapshot-summary.tsx';
import { UnitsTable } from './units-table.tsx';

/** How often an open round's page asks again who has reported. */
const REFRESH_MS = 30_000;

/** 调度详情: who has reported, live while the round is open; the frozen snapshot once it is closed. */
export default function RoundDetailPage() {
  const id = Number(useParams().id);
  const navigate = useNavigate();
  const { modal, message } = App.useApp();
  const mayManage = useCan()('round.manage');
  const round = useRequest((signal) => getRound(id, signal), [id]);
  const status = round.data?.status;
  const snapshot = useRequest((signal) => (status === 'closed' ? getRoundSnapshot(id, signal) : Promise.resolve(undefined)), [id, status]);
  const circulars = useRequest((signal) => (status === 'closed' ? findCirculars(signal) : Promise.resolve(undefined)), [id, status]);
  const [generating, setGenerating] = useState(false);
  const [refreshedAt, setRefreshedAt] = useState(() => new Date().toISOString());

  useEffect(() => {
    if (status !== 'open') return;
    const timer = window.setInterval(() => {
      round.reload();
      setRefreshedAt(new Date().toISOString());
    }, REFRESH_MS);
    return () => window.clearInterval(timer);
  }, [status, round.reload]);

  if (round.loading && !round.data) return <PageLoading />;
  if (!round.data) return <LoadFailed error={round.error} what="调度" onRetry={round.reload} />;
  const r = round.data;
  const counts = countUnits(r.units);
  const mine = (circulars.data?.data ?? []).filter((c) => c.roundId === r.id);

  const close = () =>
    modal.confirm({
      title: `结束${r.title}？`,
      content: (
        <>
          结束后将冻结快照，通报以快照为准。
          {counts.missing > 0 && <div style={{ marginTop: 8, color: '#cf1322' }}>尚有 {counts.missing} 个单位未报送，结束后将计为未报送。</div>}
        </>
      ),
      okText: '结束调度',
      okButtonProps: { danger: true, 'data-testid': 'round-close-confirm' },
      cancelText: '取消',
      onOk: async () => {
        try {
          const closed = await closeRound(r.id);
          round.setData(closed);
          void message.success('调度已结束，快照已冻结');
        } catch (err) {
          // Someone else closed it meanwhile: show the closed round.
          if (err instanceof ApiError && err.status === 409) {
            void message.warning(err.message);
            round.reload();
          }
        }
      },
    });

  async function generate() {
    setGenerating(true);
    try {
      const c = await createCircular(r.id);
      void message.success('已生成通报草稿');
      navigate(`/circulars/${c.id}`);
    } catch {
      // Shown by the request policy.
    } finally {
      setGenerating(false);
    }
  }

  const period = periodLabel(r.periodStart, r.periodEnd);
  return (
    <>
      <PageHeader
        title={
          <Space size={10}>
            {r.title}
            <RoundStatusTag status={r.status} />
          </Space>
        }
        subTitle={period ? `报送期间 ${period}` : undefined}
        crumbs={[{ title: '调度通报', to: '/rounds' }, { title: r.title }]}
        extra={
          <>
            <Button
              icon={<ReloadOutlined />}
              onClick={() => {
                round.reload();
                setRefreshedAt(new Date().toISOString());
              }}
              loading={round.loading}
              data-testid="round-refresh"
            >
              刷新
            </Button>
            {mayManage && r.status === 'open' && (
              <Button danger icon={<StopOutlined />} onClick={close} data-testid="round-close">结束调度</Button>
            )}
            {mayManage && r.status === 'closed' && (
              <Button type="primary" icon={<FileTextOutlined />} onClick={() => void generate()} loading={generating} data-testid="circular-generate">
                {mine.length > 0 ? '再生成一份通报' : '生成通报'}
              </Button>
            )}
          </>
        }
      />
      {/* Once closed, the frozen figures matter most: they come first, the units' list after. */}
      {r.status === 'closed' && (
        <SnapshotSummary snapshot={snapshot.data} loading={snapshot.loading} failed={!!snapshot.error} onRetry={snapshot.reload} />
      )}
      <Row gutter={12}>
        <Col xs={24} lg={9}>
          <Card size="small" title="调度信息" style={{ marginBottom: 12 }}>
            <Descriptions
              size="small"
              column={1}
              styles={{ label: { width: 84 } }}
              items={[
                {
                  key: 'plans',
                  label: '调度方案',
                  children: (
                    <Space orientation="vertical" size={2}>
                      {r.plans.map((p) => (
                        <Link key={p.id} to={`/plans/${p.id}`}>{p.number ? `${p.number} ${p.title}` : p.title}</Link>
                      ))}
                    </Space>
                  ),
                },
                {
                  key: 'due',
                  label: '报送截止',
                  children:
                    r.status === 'open' && r.dueDate < shanghaiTime(new Date().toISOString()).slice(0, 10) ? (
                      <Typography.Text type="danger">{dayLabel(r.dueDate)}（已过，此后报送计为逾期报送）</Typography.Text>
                    ) : (
                      dayLabel(r.dueDate)
                    ),
                },
                { key: 'created', label: '发起时间', children: shanghaiTime(r.createdAt, 'minute') },
                ...(r.closedAt ? [{ key: 'closed', label: '结束时间', children: shanghaiTime(r.closedAt, 'minute') }] : []),
                ...(r.note ? [{ key: 'note', label: '调度要求', children: <span style={{ whiteSpace: 'pre-wrap' }}>{r.note}</span> }] : []),
                ...(r.status === 'closed'
                  ? [
                      {
                        key: 'circulars',
                        label: '通报',
                        children:
                          mine.length === 0 ? (
                            <Typography.Text type="secondary">{mayManage ? '尚未生成，点击右上角“生成通报”' : '尚未签发'}</Typography.Text>
                          ) : (
                            <Space orientation="vertical" size={2}>
                              {mine.map((c) => (
                                <Space key={c.id} size={6}>
                                  <Link to={`/circulars/${c.id}`} data-testid="round-circular-link">{c.docNumber ? `${c.title}（${c.docNumber}）` : c.title}</Link>
                                  <CircularStatusTag status={c.status} />
                                </Space>
                              ))}
                            </Space>
                          ),
                      },
                    ]
                  : []),
              ]}
            />
          </Card>
          <Card size="small" title="报送情况" style={{ marginBottom: 12 }} data-testid="round-counts">
            <Progress
              percent={progressPercent(r.reported, r.expected)}
              format={() => `${r.reported}/${r.expected}`}
              status={r.status === 'open' ? 'active' : r.reported < r.expected ? 'exception' : 'success'}
            />
            <Space size={28} style={{ marginTop: 8 }} wrap>
              <Statistic title="应报单位" value={r.expected} data-testid="count-expected" />
              <Statistic title="已报送" value={counts.onTime} styles={{ content: { color: '#389e0d' } }} data-testid="count-on-time" />
              <Statistic title="逾期报送" value={counts.late} styles={{ content: { color: counts.late ? '#d46b08' : undefined } }} data-testid="count-late" />
              <Statistic title="未报送" value={counts.missing} styles={{ content: { color: counts.missing ? '#cf1322' : undefined } }} data-testid="count-missing" />
            </Space>
            {r.status === 'open' && (
              <Typography.Text type="secondary" style={{ display: 'block', marginTop: 8, fontSize: 12 }}>
                每 30 秒自动刷新 · 最近刷新 {shanghaiTime(refreshedAt)}
              </Typography.Text>
            )}
          </Card>
        </Col>
        <Col xs={24} lg={15}>
          <UnitsTable units={r.units} loading={round.loading && !round.data} />
        </Col>
      </Row>
    </>
  );
}
