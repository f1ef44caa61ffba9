import { EyeInvisibleOutlined } from '@ant-design/icons';
import { Tag } from 'antd';
import { FINDING_POLARITY_LABELS, FINDING_STATUS_LABELS, type FindingPolarity, type FindingStatus } from '#core/inspections/findings.ts';
import { INSPECTION_KIND_LABELS, type InspectionKind } from '#core/inspections/kinds.ts';

const KIND_COLORS: Record<InspectionKind, string> = { open: 'blue', covert: 'purple', focused: 'geekblue', random: 'cyan' };

/** 明察 / 暗访 / 专项督查 / 随机抽查; 暗访 with an eye crossed out, since units do not see it. */
export function KindTag({ kind }: { kind: InspectionKind }) {
  return (
    <Tag
      color={KIND_COLORS[kind]}
      icon={kind === 'covert' ? <EyeInvisibleOutlined /> : undefined}
      data-testid="inspection-kind"
      data-kind={kind}
      style={{ marginInlineEnd: 0 }}
    >
      {INSPECTION_KIND_LABELS[kind]}
    </Tag>
  );
}

/** 未发布 / 已发布 (the findings, to the units concerned). */
export function ReleaseTag({ releasedAt }: { releasedAt: string | null }) {
  return (
    <Tag color={releasedAt ? 'green' : 'default'} data-testid="inspection-release-state" data-released={releasedAt !== null} style={{ marginInlineEnd: 0 }}>
      {releasedAt ? '问题已发布' : '未发布'}
    </Tag>
  );
}

export const FINDING_STATUS_COLORS: Record<FindingStatus, string> = {
  found: 'default',
  noticed: 'processing',
  answered: 'gold',
  closed: 'green',
  returned: 'red',
};

export function FindingStatusTag({ status }: { status: FindingStatus }) {
  return (
    <Tag color={FINDING_STATUS_COLORS[status]} data-testid="finding-status" data-status={status} style={{ marginInlineEnd: 0 }}>
      {FINDING_STATUS_LABELS[status]}
    </Tag>
  );
}

/** 问题 (red) or 亮点 (green): a highlight feeds a positive typical case. */
export function PolarityTag({ polarity }: { polarity: FindingPolarity }) {
  return (
    <Tag color={polarity === 'problem' ? 'volcano' : 'green'} style={{ marginInlineEnd: 0 }}>
      {FINDING_POLARITY_LABELS[polarity]}
    </Tag>
  );
}
