import { Card, List, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import type { MyRound } from '#web/api/rounds.ts';
import { dayLabel } from '#web/utils/format.ts';
import { shanghaiTime } from '#web/utils/time.ts';
import { UNIT_ROLE_LABELS } from '#core/tasks/tasks.ts';

/**
 * 本期调度: the open dispatch rounds the unit is asked to report for, with their due dates and the
 * unit's tasks that still need a report (each a link to its task page, where the report is written).
 */
export function RoundsCard({ rounds }: { rounds: MyRound[] }) {
  // The office's date, whatever the browser's zone: due dates are China dates.
  const today = shanghaiTime(new Date().toISOString()).slice(0, 10);
  return (
    <Card
      size="small"
      style={{ marginBottom: 12 }}
      data-testid="workbench-rounds"
      title={
        <Space size={8}>
          <span style={{ display: 'inline-block', width: 4, height: 14, background: '#b3261e', borderRadius: 2, verticalAlign: -2 }} />
          本期调度
          <Tag color={rounds.some((r) => !r.reported) ? 'red' : 'green'} style={{ marginInlineEnd: 0 }}>{rounds.length}</Tag>
        </Space>
      }
      styles={{ body: { paddingBlock: 4 } }}
    >
      <List
        size="small"
        dataSource={rounds}
        renderItem={(r) => {
          const pending = r.tasks.filter((t) => !t.reported);
          const late = r.dueDate < today;
          return (
            <List.Item style={{ paddingInline: 0, display: 'block' }} data-testid="workbench-round" data-round-id={r.id}>
              <Space size={8} wrap>
                <Link to={`/rounds/${r.id}`} style={{ fontWeight: 500 }}>{r.title}</Link>
                <Typography.Text type={late && !r.reported ? 'danger' : 'secondary'} style={{ fontSize: 12 }}>
                  {dayLabel(r.dueDate)}前报送{late && !r.reported ? '（已过截止日期）' : ''}
                </Typography.Text>
                {r.reported ? <Tag color="success">本单位已报送</Tag> : <Tag color="error">本单位未报送</Tag>}
              </Space>
              {pending.length === 0 ? (
                <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12, marginTop: 4 }}>本单位的任务均已报送。</Typography.Text>
              ) : (
                <div style={{ marginTop: 4 }}>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>待报送任务（{pending.length}）：</Typography.Text>
                  <div style={{ display: 'flex', flexWrap: 'wrap', gap: '2px 16px' }}>
                    {pending.map((t) => (
                      <Link key={t.taskId} to={`/tasks/${t.taskId}`} data-testid="workbench-round-task" style={{ fontSize: 13 }}>
                        <Tag color="blue" style={{ marginInlineEnd: 4 }}>{t.number}</Tag>
                        {t.title}
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>（{UNIT_ROLE_LABELS[t.role]}）</Typography.Text>
                      </Link>
                    ))}
                  </div>
                </div>
              )}
            </List.Item>
          );
        }}
      />
    </Card>
  );
}
