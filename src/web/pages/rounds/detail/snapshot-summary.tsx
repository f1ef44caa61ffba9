import { Alert, Button, Card, Col, Row, Spin, Typography } from 'antd';
import type { RoundSnapshot } from '#web/api/rounds.ts';
import { shanghaiTime } from '#web/utils/time.ts';
import { CheckpointsTable, OverallFigures, OverdueTable, RankingTable, SectionsTable } from '../components/snapshot-tables.tsx';

interface Props {
  snapshot: RoundSnapshot | undefined;
  loading: boolean;
  failed: boolean;
  onRetry: () => void;
}

/** The frozen figures of a closed round: what its circular is written from. */
export function SnapshotSummary({ snapshot, loading, failed, onRetry }: Props) {
  if (!snapshot) {
    return (
      <Card size="small" title="调度快照">
        {failed ? <Alert type="error" showIcon title="快照加载失败" action={<Button size="small" onClick={onRetry}>重试</Button>} /> : loading ? <Spin /> : null}
      </Card>
    );
  }
  const missing = snapshot.reporting.missing;
  return (
    <div data-testid="round-snapshot">
      <Card
        size="small"
        title="调度快照"
        extra={<Typography.Text type="secondary" style={{ fontSize: 12 }}>冻结于 {shanghaiTime(snapshot.takenAt, 'minute')}，统计截至 {snapshot.asOf}</Typography.Text>}
        style={{ marginBottom: 12 }}
      >
        <OverallFigures snapshot={snapshot} />
        {missing.length > 0 && (
          <Alert
            type="warning"
            showIcon
            style={{ marginTop: 12 }}
            title={
              <Typography.Paragraph style={{ marginBottom: 0 }} ellipsis={{ rows: 2, expandable: 'collapsible' }} data-testid="snapshot-missing">
                未报送单位（{missing.length}）：{missing.map((m) => m.name).join('、')}
              </Typography.Paragraph>
            }
          />
        )}
      </Card>
      <Row gutter={12}>
        <Col xs={24} xl={12}>
          <Card size="small" title="各领域（指标）推进情况" style={{ marginBottom: 12 }} styles={{ body: { padding: 0 } }}>
            <SectionsTable snapshot={snapshot} />
          </Card>
          {snapshot.checkpoints.length > 0 && (
            <Card size="small" title="时间节点" style={{ marginBottom: 12 }} styles={{ body: { padding: 0 } }}>
              <CheckpointsTable snapshot={snapshot} />
            </Card>
          )}
        </Col>
        <Col xs={24} xl={12}>
          <Card size="small" title={`逾期任务（${snapshot.overdue.length}）`} style={{ marginBottom: 12 }} styles={{ body: { padding: 0 } }}>
            <OverdueTable snapshot={snapshot} compact />
          </Card>
          <Card size="small" title="单位排名" style={{ marginBottom: 12 }} styles={{ body: { padding: 0 } }}>
            <RankingTable snapshot={snapshot} />
          </Card>
        </Col>
      </Row>
    </div>
  );
}
