import { Alert, Card, Empty, Space, Tag, Timeline, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { chinaDay } from '#core/calendar/index.ts';
import { answerEvidenceUrl, getRectification, type RectificationDetail } from '#web/api/rectifications.ts';
import { useCan } from '#web/auth/auth-context.tsx';
import { PageLoading } from '#web/components/page-loading.tsx';
import { useRequest } from '#web/hooks/use-request.ts';
import { FindingStatusTag } from '#web/pages/inspections/components/tags.tsx';
import { dayLabel } from '#web/utils/format.ts';
import { shanghaiTime } from '#web/utils/time.ts';
import { deadlineText, mayAnswer, mayRecheck, TONE_COLORS } from '../rect-utils.ts';
import { AnswerForm } from './answer-form.tsx';
import { RecheckForm } from './recheck-form.tsx';

interface Props {
  findingId: number;
  /** Shows the finding's description at the top (on the notice page, where several are listed). */
  showDescription?: boolean;
  /** After an answer is sent or a re-check recorded, for the page to refresh its lists. */
  onChanged?: () => void;
}

interface Entry {
  at: string;
  color: string;
  children: ReactNode;
}

/** The history of one finding's rectification, oldest first: notices, answers, re-checks. */
function entriesOf(d: RectificationDetail): Entry[] {
  const entries: Entry[] = [];
  for (const n of d.notices)
    entries.push({
      at: n.issuedAt,
      color: 'blue',
      children: (
        <>
          <Typography.Text strong>下发整改通知</Typography.Text> <Link to={`/rectifications/notices/${n.id}`}>{n.docNumber ?? n.title}</Link>
          <div style={{ fontSize: 12, color: '#8c8c8c' }}>
            {shanghaiTime(n.issuedAt, 'minute')} · 限 {dayLabel(n.dueDate)} 前整改（{n.limitText}，{n.basis}）
          </div>
        </>
      ),
    });
  for (const a of d.answers) {
    if (a.status !== 'submitted' || !a.submittedAt) continue;
    entries.push({
      at: a.submittedAt,
      color: 'gold',
      children: (
        <div data-testid="rect-answer">
          <Typography.Text strong>报送整改情况</Typography.Text>
          <div style={{ fontSize: 12, color: '#8c8c8c' }}>
            {shanghaiTime(a.submittedAt, 'minute')}
            {a.submittedBy ? ` · ${a.submittedBy}` : ''}
          </div>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: '4px 0' }}>{a.measures}</Typography.Paragraph>
          <Space wrap size={4}>
            {a.evidence.map((e) => (
              <a key={e.id} href={answerEvidenceUrl(e.id)} download>
                {e.fileName}
              </a>
            ))}
          </Space>
        </div>
      ),
    });
  }
  for (const r of d.rechecks)
    entries.push({
      at: r.checkedAt,
      color: r.passed ? 'green' : 'red',
      children: (
        <div data-testid="rect-recheck" data-passed={r.passed}>
          <Typography.Text strong type={r.passed ? 'success' : 'danger'}>
            {r.passed ? '复查通过，已销号' : '复查未通过，退回整改'}
          </Typography.Text>
          <div style={{ fontSize: 12, color: '#8c8c8c' }}>
            {shanghaiTime(r.checkedAt, 'minute')}
            {r.checkedBy ? ` · ${r.checkedBy}` : ''}
          </div>
          {r.reasons && <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: '4px 0' }}>{r.reasons}</Typography.Paragraph>}
        </div>
      ),
    });
  return entries.sort((x, y) => x.at.localeCompare(y.at));
}

/**
 * A finding's rectification: where it stands and by when, its history, and the one step the user may
 * take now — the unit answers (noticed, returned), the inspector re-checks (answered).
 */
export function FindingRectification({ findingId, showDescription, onChanged }: Props) {
  const can = useCan();
  const detail = useRequest((signal) => getRectification(findingId, signal), [findingId]);
  if (detail.loading && !detail.data) return <PageLoading />;
  const d = detail.data;
  if (!d) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="整改情况加载失败" />;
  const deadline = deadlineText(d.dueDate, chinaDay(Date.now()), d.status, d.isOverdue);
  const draft = [...d.answers].reverse().find((a) => a.status === 'draft') ?? null;
  const lastFail = [...d.rechecks].reverse().find((r) => !r.passed);
  const changed = (next: RectificationDetail | null) => {
    if (next) detail.setData(next);
    else detail.reload();
    onChanged?.();
  };

  return (
    <Card size="small" data-testid="finding-rectification" data-finding-id={d.findingId} data-status={d.status}>
      {showDescription && (
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>
          <Link to={`/findings/${d.findingId}`}>{d.description}</Link>
          {d.location && <Typography.Text type="secondary"> · {d.location}</Typography.Text>}
        </Typography.Paragraph>
      )}
      <Space wrap size={6} style={{ marginBottom: 10 }}>
        <FindingStatusTag status={d.status} />
        <Tag color={TONE_COLORS[deadline.tone]} data-testid="rect-deadline" data-tone={deadline.tone} style={{ marginInlineEnd: 0 }}>
          {d.dueDate && d.status !== 'closed' ? `${dayLabel(d.dueDate)}前 · ${deadline.text}` : deadline.text}
        </Tag>
        {d.noticeCount > 1 && <Tag style={{ marginInlineEnd: 0 }}>第 {d.noticeCount} 次交办</Tag>}
        {d.needsEscalation && (
          <Tag color="magenta" style={{ marginInlineEnd: 0 }}>
            建议提级办理
          </Tag>
        )}
      </Space>
      <Timeline items={entriesOf(d).map((e) => ({ color: e.color, content: e.children }))} />
      {can('rectification.answer') && mayAnswer(d.status) && (
        <>
          {d.status === 'returned' && lastFail && (
            <Alert type="warning" showIcon style={{ marginBottom: 10 }} title="复查未通过，请按复查意见重新整改后再次报送" description={lastFail.reasons} />
          )}
          <AnswerForm findingId={d.findingId} draft={draft} onChanged={changed} />
        </>
      )}
      {can('inspection.record') && mayRecheck(d.status) && <RecheckForm findingId={d.findingId} onChecked={changed} />}
    </Card>
  );
}
