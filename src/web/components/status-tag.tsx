import { Tag } from 'antd';
import type { ReportStage } from '#core/api/reports.ts';
import type { WorkStatus } from '#core/status/status.ts';
import { STAGE_COLORS, stageLabel, statusColor, statusLabel } from '../utils/progress.ts';

/** A task's status (未启动 … 逾期完成) as a coloured tag. */
export function StatusTag({ status, testId, large }: { status: WorkStatus | null | undefined; testId?: string; large?: boolean }) {
  if (!status) return null;
  return (
    <Tag
      color={statusColor(status)}
      data-testid={testId}
      data-status={status}
      style={{ marginInlineEnd: 0, ...(large && { fontSize: 14, lineHeight: '24px', paddingInline: 10, fontWeight: 500 }) }}
    >
      {statusLabel(status)}
    </Tag>
  );
}

/** A reported stage (未启动 / 推进中 / 基本完成 / 已完成). */
export function StageTag({ stage }: { stage: ReportStage | null | undefined }) {
  if (!stage) return null;
  return (
    <Tag color={STAGE_COLORS[stage] ?? 'default'} style={{ marginInlineEnd: 0 }}>
      {stageLabel(stage)}
    </Tag>
  );
}
