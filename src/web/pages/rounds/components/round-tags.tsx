import { Tag } from 'antd';
import type { RoundStatus, RoundUnit } from '#web/api/rounds.ts';
import type { CircularStatus } from '#web/api/circulars.ts';
import { REPORT_STATE_COLORS, REPORT_STATE_LABELS, reportState } from '../round-utils.ts';

/** 进行中 / 已结束. */
export function RoundStatusTag({ status }: { status: RoundStatus }) {
  return (
    <Tag color={status === 'open' ? 'processing' : 'default'} data-testid="round-status" data-status={status} style={{ marginInlineEnd: 0 }}>
      {status === 'open' ? '进行中' : '已结束'}
    </Tag>
  );
}

/** 已报送 / 逾期报送 / 未报送 for one unit of a round. */
export function ReportStateTag({ unit }: { unit: Pick<RoundUnit, 'reported' | 'late'> }) {
  const state = reportState(unit);
  return (
    <Tag color={REPORT_STATE_COLORS[state]} data-testid="unit-report-state" data-state={state} style={{ marginInlineEnd: 0 }}>
      {REPORT_STATE_LABELS[state]}
    </Tag>
  );
}

/** 草稿 / 已签发. */
export function CircularStatusTag({ status }: { status: CircularStatus }) {
  return (
    <Tag color={status === 'issued' ? 'green' : 'orange'} data-testid="circular-status" data-status={status} style={{ marginInlineEnd: 0 }}>
      {status === 'issued' ? '已签发' : '草稿'}
    </Tag>
  );
}
