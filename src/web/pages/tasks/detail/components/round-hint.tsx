import { Alert } from 'antd';
import { Link } from 'react-router';
import { findMyRounds } from '#web/api/rounds.ts';
import { useRequest } from '#web/hooks/use-request.ts';
import { dayLabel } from '#web/utils/format.ts';

/**
 * Tells a reporting unit which open dispatch round (调度) its report on this task counts for, and by
 * when; or that it has already reported the task for it. Nothing when the task is in no open round.
 */
export function RoundHint({ taskId, refreshKey }: { taskId: number; /** Changes when a report was sent, to ask again. */ refreshKey: number }) {
  const mine = useRequest((signal) => findMyRounds(signal), [refreshKey]);
  // A new report counts for one round: the open one with the latest due date (as the server tags it).
  const rounds = (mine.data?.data ?? [])
    .filter((r) => r.tasks.some((t) => t.taskId === taskId))
    .sort((a, b) => b.dueDate.localeCompare(a.dueDate) || b.id - a.id)
    .slice(0, 1);
  if (rounds.length === 0) return null;
  return (
    <>
      {rounds.map((r) => {
        const reported = r.tasks.find((t) => t.taskId === taskId)?.reported === true;
        const round = <Link to={`/rounds/${r.id}`}>{r.title}</Link>;
        return (
          <Alert
            key={r.id}
            type={reported ? 'success' : 'info'}
            showIcon
            style={{ marginBottom: 10 }}
            data-testid="round-hint"
            title={
              reported ? (
                <>本任务已在 {round} 中报送。</>
              ) : (
                <>
                  {round}：请于 {dayLabel(r.dueDate)} 前报送，本任务提交的进展计入本期调度。
                </>
              )
            }
          />
        );
      })}
    </>
  );
}
