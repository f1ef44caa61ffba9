import { CheckOutlined, EditOutlined, RollbackOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Divider, Empty, Segmented, Space, Spin, Tag, Typography } from 'antd';
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { getTaskReports } from '#web/api/reports.ts';
import type { Attachment, Report } from '#core/api/reports.ts';
import type { TaskDetail } from '#core/api/tasks.ts';
import { ReviewModal, type ReviewTarget } from '#web/components/review-modal.tsx';
import { useRequest } from '#web/hooks/use-request.ts';
import { consolidatedReports, isClosedStatus, isEditable, latestReport, partStatuses, reportingUnits, type ReportingUnit } from '#web/utils/progress.ts';
import { shanghaiTime } from '#web/utils/time.ts';
import { ReportEditor } from './report-editor.tsx';
import { ReportView } from './report-view.tsx';
import { RoundHint } from './round-hint.tsx';

interface Props {
  task: TaskDetail;
  /** Whether the user may write for their units here (unit roles). */
  mayReport: boolean;
  /** Whether the user reviews consolidated reports (the coordinator). */
  mayReview: boolean;
  /** After a submission or a review: the task's status and timeline change. */
  onChanged: () => void;
}

function upsert(list: Report[], report: Report): Report[] {
  return list.some((r) => r.id === report.id) ? list.map((r) => (r.id === report.id ? report : r)) : [...list, report];
}

/**
 * 进展填报: a unit writes its report (a responsible unit its part, the lead unit the consolidated one,
 * after reading the parts); the coordinator reviews the consolidated reports.
 */
export function ProgressCard({ task, mayReport, mayReview, onChanged }: Props) {
  const units = useMemo(() => (mayReport ? reportingUnits(task) : []), [task, mayReport]);
  const loaded = useRequest((signal) => getTaskReports(task.id, signal), [task.id]);
  const [reports, setReports] = useState<Report[] | null>(null);
  const [unitId, setUnitId] = useState<number | null>(units[0]?.unitId ?? null);
  const [composing, setComposing] = useState(false);
  const [review, setReview] = useState<ReviewTarget | null>(null);

  useEffect(() => {
    if (loaded.data) setReports(loaded.data.data);
  }, [loaded.data]);

  /** A write changed the task: its status and timeline, and perhaps other reports (parts taken up). */
  const changed = () => {
    loaded.reload();
    onChanged();
  };

  const unit: ReportingUnit | null = units.find((u) => u.unitId === unitId) ?? units[0] ?? null;

  if (units.length === 0 && !mayReview) return null;

  const title = units.length > 0 ? '进展填报' : '进展审核';
  if (!reports) {
    return (
      <Card size="small" title={title} style={{ marginBottom: 12 }}>
        {loaded.error ? <Alert type="error" showIcon title="填报记录加载失败" action={<Button size="small" onClick={loaded.reload}>重试</Button>} /> : <Spin />}
      </Card>
    );
  }

  const saved = (r: Report) => setReports((list) => upsert(list ?? [], r));
  const addAttachment = (reportId: number, a: Attachment) =>
    setReports((list) => (list ?? []).map((r) => (r.id === reportId ? { ...r, attachments: [...r.attachments, a] } : r)));
  const removeAttachment = (reportId: number, attachmentId: number) =>
    setReports((list) => (list ?? []).map((r) => (r.id === reportId ? { ...r, attachments: r.attachments.filter((a) => a.id !== attachmentId) } : r)));

  const closed = isClosedStatus(task.status) || !!task.closedOn;
  const parts = partStatuses(task, reports);
  const consolidated = consolidatedReports(reports);

  function unitSection(u: ReportingUnit) {
    const latest = latestReport(reports ?? [], u.unitId, u.kind);
    const editor = (report: Report | null, onCancel?: () => void) => (
      <ReportEditor
        key={`${u.unitId}-${u.kind}`}
        taskId={task.id}
        unit={u}
        report={report}
        initialStage={latest?.stage}
        parts={u.kind === 'consolidated' ? parts : undefined}
        milestones={u.kind === 'consolidated' ? task.milestones : undefined}
        onSaved={saved}
        onAttachment={addAttachment}
        onAttachmentRemoved={removeAttachment}
        onSubmitted={() => {
          setComposing(false);
          changed();
        }}
        onCancel={onCancel}
      />
    );
    let body: ReactNode;
    if (closed) {
      // The server refuses writes on a closed task until the coordinator reopens it.
      body = (
        <>
          {latest && <ReportView report={latest} title="最近一次报送" />}
          <Alert type="success" showIcon style={{ marginTop: latest ? 8 : 0 }} title="任务已销号，无需继续填报；如需补充，请联系统筹部门重新打开。" />
        </>
      );
    } else if (latest === null || isEditable(latest)) {
      body = editor(latest);
    } else if (latest.status === 'submitted') {
      body = (
        <>
          <ReportView report={latest} title="最近一次报送" />
          <Typography.Text type="secondary" style={{ display: 'block', marginTop: 6, fontSize: 12 }} data-testid="report-waiting">
            {u.kind === 'part' ? '已报送牵头单位，等待汇总。' : '已提交统筹部门，等待审核。'}
          </Typography.Text>
        </>
      );
    } else {
      // Accepted: the next period's report starts afresh.
      body = (
        <>
          <ReportView report={latest} title="最近一次报送" />
          {composing ? (
            <div style={{ marginTop: 12 }}>{editor(null, () => setComposing(false))}</div>
          ) : (
            <Button style={{ marginTop: 8 }} icon={<EditOutlined />} onClick={() => setComposing(true)} data-testid="report-new">
              填报新进展
            </Button>
          )}
        </>
      );
    }
    return (
      <>
        {u.kind === 'consolidated' && (
          <>
            <Divider titlePlacement="start" plain style={{ marginBlock: '0 8px' }}>
              责任单位进展（{parts.filter((p) => p.report).length}/{parts.length}）
            </Divider>
            {parts.length === 0 ? (
              <Typography.Text type="secondary">本任务没有其他责任单位。</Typography.Text>
            ) : (
              <Space orientation="vertical" size={8} style={{ width: '100%' }} data-testid="part-reports">
                {parts.map((p) =>
                  p.report ? (
                    <ReportView key={p.unit.id} report={p.report} title={p.unit.name} />
                  ) : (
                    <div key={p.unit.id} style={{ padding: '6px 12px', border: '1px dashed #d9d9d9', borderRadius: 4 }}>
                      <Typography.Text strong>{p.unit.name}</Typography.Text> <Tag style={{ marginInlineStart: 8 }}>未报送</Tag>
                    </div>
                  ),
                )}
              </Space>
            )}
            <Divider titlePlacement="start" plain style={{ marginBlock: '16px 8px' }}>
              汇总报告（{u.unitName} 牵头）
            </Divider>
          </>
        )}
        {body}
      </>
    );
  }

  return (
    <Card
      size="small"
      title={title}
      style={{ marginBottom: 12 }}
      data-testid="progress-card"
      extra={
        units.length > 1 ? (
          <Segmented<number>
            size="small"
            value={unit?.unitId}
            onChange={(v) => {
              setUnitId(v);
              setComposing(false);
            }}
            options={units.map((u) => ({ value: u.unitId, label: `${u.unitName}（${u.kind === 'consolidated' ? '牵头' : '责任'}）` }))}
          />
        ) : unit ? (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {unit.unitName} · {unit.kind === 'consolidated' ? '牵头单位，汇总后报统筹部门' : '责任单位，报送牵头单位'}
          </Typography.Text>
        ) : null
      }
    >
      {unit && !closed && <RoundHint taskId={task.id} refreshKey={reports.filter((r) => r.status !== 'draft').length} />}
      {unit && unitSection(unit)}
      {mayReview && (
        <>
          {unit && <Divider plain style={{ marginBlock: 16 }} />}
          {consolidated.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="牵头单位尚未提交汇总报告" />
          ) : (
            <Space orientation="vertical" size={8} style={{ width: '100%' }} data-testid="consolidated-reports">
              {consolidated.map((r) => (
                <ReportView
                  key={r.id}
                  report={r}
                  title={`${r.unitName} 汇总报告`}
                  actions={
                    r.status === 'submitted' ? (
                      <>
                        <Button
                          size="small"
                          type="primary"
                          icon={<CheckOutlined />}
                          onClick={() => setReview({ reportId: r.id, decision: 'accept', label: `${r.unitName} · 任务 ${task.number}`, stage: r.stage, attachmentCount: r.attachments.length })}
                          data-testid="review-accept"
                        >
                          通过
                        </Button>
                        <Button
                          size="small"
                          danger
                          icon={<RollbackOutlined />}
                          onClick={() => setReview({ reportId: r.id, decision: 'return', label: `${r.unitName} · 任务 ${task.number}`, stage: r.stage, attachmentCount: r.attachments.length })}
                          data-testid="review-return"
                        >
                          退回
                        </Button>
                      </>
                    ) : r.reviewedAt ? (
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>审核于 {shanghaiTime(r.reviewedAt, 'minute')}</Typography.Text>
                    ) : null
                  }
                />
              ))}
            </Space>
          )}
          <ReviewModal
            target={review}
            onClose={() => setReview(null)}
            onDone={(r) => {
              saved(r);
              setReview(null);
              changed();
            }}
          />
        </>
      )}
    </Card>
  );
}
