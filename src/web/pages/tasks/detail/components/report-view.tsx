import { PaperClipOutlined } from '@ant-design/icons';
import { Alert, Space, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { attachmentUrl } from '#web/api/reports.ts';
import type { Attachment, Report } from '#core/api/reports.ts';
import { StageTag } from '#web/components/status-tag.tsx';
import { formatBytes } from '#web/utils/file-check.ts';
import { REPORT_STATUS_COLORS, reportStatusLabel } from '#web/utils/progress.ts';
import { shanghaiTime } from '#web/utils/time.ts';

/** Evidence files as download links with their sizes. */
export function AttachmentLinks({ attachments, extra }: { attachments: Attachment[]; extra?: (a: Attachment) => ReactNode }) {
  if (attachments.length === 0) return <Typography.Text type="secondary" style={{ fontSize: 12 }}>无佐证材料</Typography.Text>;
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 2 }} data-testid="attachment-list">
      {attachments.map((a) => (
        <div key={a.id} style={{ display: 'flex', alignItems: 'center', gap: 6, minWidth: 0 }}>
          <PaperClipOutlined style={{ color: '#8c8c8c' }} />
          <a href={attachmentUrl(a.id)} target="_blank" rel="noreferrer" download={a.fileName} style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }} data-testid="attachment-link">
            {a.fileName}
          </a>
          <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>{formatBytes(a.size)}</Typography.Text>
          {extra?.(a)}
        </div>
      ))}
    </div>
  );
}

/** A report read-only: stage, state, narrative, evidence, and the reviewer's comment when it was returned. */
export function ReportView({ report, title, actions }: { report: Report; title?: ReactNode; actions?: ReactNode }) {
  return (
    <div style={{ border: '1px solid #f0f0f0', borderRadius: 4, padding: '8px 12px', background: '#fafafa' }} data-testid="report-view" data-report-id={report.id}>
      <div style={{ display: 'flex', alignItems: 'center', gap: 8, flexWrap: 'wrap', marginBottom: 6 }}>
        {title && <Typography.Text strong>{title}</Typography.Text>}
        <StageTag stage={report.stage} />
        <Tag color={REPORT_STATUS_COLORS[report.status]} style={{ marginInlineEnd: 0 }}>{reportStatusLabel(report)}</Tag>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {report.submittedAt ? `报送于 ${shanghaiTime(report.submittedAt, 'minute')}` : '尚未报送'}
        </Typography.Text>
        {actions && <Space size={6} style={{ marginInlineStart: 'auto' }}>{actions}</Space>}
      </div>
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 6 }} ellipsis={{ rows: 6, expandable: 'collapsible' }}>
        {report.narrative || '（未填写进展）'}
      </Typography.Paragraph>
      <AttachmentLinks attachments={report.attachments} />
      {report.reviewComment && (
        <Alert
          type={report.status === 'returned' ? 'warning' : 'success'}
          showIcon
          style={{ marginTop: 8, paddingBlock: 4 }}
          title={
            <>
              {report.status === 'returned' ? '退回意见' : '审核意见'}：{report.reviewComment}
              {report.reviewedAt && (
                <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineStart: 8 }}>{shanghaiTime(report.reviewedAt, 'minute')}</Typography.Text>
              )}
            </>
          }
        />
      )}
    </div>
  );
}
