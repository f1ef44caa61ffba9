import { DeleteOutlined, ImportOutlined, LoadingOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Input, Popconfirm, Radio, Select, Space, Typography, Upload, type UploadProps } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { createReport, deleteAttachment, submitReport, updateReport, uploadAttachment } from '#web/api/reports.ts';
import type { Attachment, Report, ReportStage } from '#core/api/reports.ts';
import type { Milestone } from '#core/api/tasks.ts';
import {
  checkEvidenceFile,
  EVIDENCE_ACCEPT,
  isEditable,
  mergeNarratives,
  NARRATIVE_MAX_LENGTH,
  STAGE_LABELS,
  STAGES,
  submitBlocker,
  type PartStatus,
  type ReportingUnit,
} from '#web/utils/progress.ts';
import { AttachmentLinks } from './report-view.tsx';

interface Props {
  taskId: number;
  unit: ReportingUnit;
  /** The report being edited (a draft or a returned one), or null to start a new one. */
  report: Report | null;
  /** The stage to start a new report from (the unit's last one). */
  initialStage?: ReportStage;
  /** For a consolidated report: what the responsible units sent. */
  parts?: PartStatus[];
  /** For a consolidated report at 已完成: the task's milestones, one of which it may close on its own. */
  milestones?: Milestone[];
  onSaved: (report: Report) => void;
  onAttachment: (reportId: number, attachment: Attachment) => void;
  onAttachmentRemoved: (reportId: number, attachmentId: number) => void;
  onSubmitted: (report: Report) => void;
  onCancel?: () => void;
}

interface PendingUpload {
  uid: string;
  name: string;
  error: string | null;
}

/** Writes a unit's report: stage, narrative and evidence; saves it as a draft and sends it on. */
export function ReportEditor({ taskId, unit, report, initialStage, parts, milestones = [], onSaved, onAttachment, onAttachmentRemoved, onSubmitted, onCancel }: Props) {
  const { message } = App.useApp();
  const editing = isEditable(report) ? report : null;
  const [stage, setStage] = useState<ReportStage | undefined>(editing?.stage ?? initialStage);
  const [narrative, setNarrative] = useState(editing?.narrative ?? '');
  // null: the report closes the whole task when accepted at 已完成; an id: only that milestone.
  const [milestoneId, setMilestoneId] = useState<number | null>(editing?.milestoneId ?? null);
  const openMilestones = milestones.filter((m) => !m.completedOn);
  const [busy, setBusy] = useState<'save' | 'submit' | null>(null);
  const [pending, setPending] = useState<PendingUpload[]>([]);
  // One draft even when several files are dropped at once before the first save.
  const creating = useRef<Promise<Report> | null>(null);
  const consolidated = unit.kind === 'consolidated';

  useEffect(() => {
    creating.current = null;
    if (editing) {
      setStage(editing.stage);
      setNarrative(editing.narrative);
      setMilestoneId(editing.milestoneId ?? null);
    }
    // Only when another report comes under edit (created, returned), not on every save of this one.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [editing?.id, editing?.status]);

  function ensureDraft(): Promise<Report> {
    if (editing) return Promise.resolve(editing);
    if (!creating.current) {
      const created = createReport(taskId, { unitId: unit.unitId, kind: unit.kind, stage: stage ?? 'in_progress', narrative: narrative.trim(), milestoneId: consolidated ? milestoneId : null });
      creating.current = created.then((r) => {
        onSaved(r);
        return r;
      });
      created.catch(() => {
        creating.current = null;
      });
    }
    return creating.current;
  }

  /** The report as it is on screen, saved: created, or patched when it changed. */
  async function save(): Promise<Report> {
    const current = await ensureDraft();
    const text = narrative.trim();
    const target = consolidated ? milestoneId : null;
    if (current.stage === stage && current.narrative === text && (current.milestoneId ?? null) === target) return current;
    const saved = await updateReport(current.id, { stage, narrative: text, milestoneId: target });
    onSaved(saved);
    return saved;
  }

  async function saveDraft() {
    setBusy('save');
    try {
      await save();
      void message.success('草稿已保存');
    } catch {
      // Shown by the request policy.
    } finally {
      setBusy(null);
    }
  }

  const attachments = editing?.attachments ?? [];
  const blocker = submitBlocker({ kind: unit.kind, stage, narrative, attachmentCount: attachments.length });

  async function submit() {
    if (blocker) {
      void message.warning(blocker);
      return;
    }
    setBusy('submit');
    try {
      const saved = await save();
      const sent = await submitReport(saved.id);
      onSaved(sent);
      void message.success(consolidated ? '汇总报告已提交审核' : '进展已报送牵头单位');
      onSubmitted(sent);
    } catch {
      // Shown by the request policy.
    } finally {
      setBusy(null);
    }
  }

  const customRequest: UploadProps['customRequest'] = (options) => {
    const file = options.file as File & { uid?: string };
    const uid = file.uid ?? `${file.name}-${Date.now()}`;
    setPending((p) => [...p, { uid, name: file.name, error: null }]);
    ensureDraft()
      .then((draft) => uploadAttachment(draft.id, file, file.name).then((a) => ({ draft, a })))
      .then(
        ({ draft, a }) => {
          setPending((p) => p.filter((x) => x.uid !== uid));
          onAttachment(draft.id, a);
          options.onSuccess?.(a);
        },
        (err: unknown) => {
          const text = err instanceof Error ? err.message : '上传失败';
          setPending((p) => p.map((x) => (x.uid === uid ? { ...x, error: text } : x)));
          options.onError?.(err instanceof Error ? err : new Error(text));
        },
      );
  };

  async function remove(a: Attachment) {
    if (!editing) return;
    try {
      await deleteAttachment(editing.id, a.id);
      onAttachmentRemoved(editing.id, a.id);
    } catch {
      // Shown by the request policy.
    }
  }

  const merged = consolidated && parts ? mergeNarratives(parts) : '';

  return (
    <div data-testid="report-editor" data-kind={unit.kind}>
      {report?.status === 'returned' && report.reviewComment && (
        <Alert type="warning" showIcon style={{ marginBottom: 10 }} title={`退回意见：${report.reviewComment}`} description="请按意见修改后重新提交。" data-testid="report-returned" />
      )}
      <div style={{ marginBottom: 10 }}>
        <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 4 }}>推进阶段</Typography.Text>
        <Radio.Group
          optionType="button"
          buttonStyle="solid"
          value={stage}
          onChange={(e) => setStage(e.target.value as ReportStage)}
          options={STAGES.map((s) => ({ value: s, label: STAGE_LABELS[s] }))}
          data-testid="report-stage"
        />
      </div>
      {consolidated && stage === 'done' && openMilestones.length > 1 && (
        <div style={{ marginBottom: 10 }}>
          <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 4 }}>申请销号</Typography.Text>
          <Select<number | 0>
            style={{ minWidth: 320 }}
            value={milestoneId ?? 0}
            onChange={(v) => setMilestoneId(v === 0 ? null : v)}
            options={[{ value: 0, label: '整个任务（全部时间节点）' }, ...openMilestones.map((m) => ({ value: m.id, label: `仅时间节点：${m.text}` }))]}
            data-testid="report-milestone"
          />
        </div>
      )}
      <div style={{ marginBottom: 10 }}>
        <div style={{ display: 'flex', alignItems: 'center', marginBottom: 4 }}>
          <Typography.Text type="secondary" style={{ flex: 1 }}>{consolidated ? '汇总进展情况' : '本单位进展情况'}</Typography.Text>
          {merged && (
            <Button
              size="small"
              type="link"
              icon={<ImportOutlined />}
              onClick={() => setNarrative((n) => (n.trim() ? `${n.trimEnd()}\n${merged}` : merged))}
              data-testid="report-merge"
            >
              引用责任单位进展
            </Button>
          )}
        </div>
        <Input.TextArea
          rows={5}
          maxLength={NARRATIVE_MAX_LENGTH}
          showCount
          value={narrative}
          onChange={(e) => setNarrative(e.target.value)}
          placeholder={consolidated ? '汇总各责任单位进展：已完成的工作、取得的成效、存在的问题及下一步安排' : '本周期已完成的工作、取得的成效、存在的问题及下一步安排'}
          data-testid="report-narrative"
        />
      </div>
      <div style={{ marginBottom: 12 }}>
        <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 4 }}>佐证材料</Typography.Text>
        <div style={{ marginBottom: 6 }}>
          <AttachmentLinks
            attachments={attachments}
            extra={(a) => (
              <Popconfirm title={`删除“${a.fileName}”？`} okText="删除" cancelText="取消" okButtonProps={{ danger: true }} onConfirm={() => remove(a)}>
                <Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label={`删除 ${a.fileName}`} data-testid="attachment-delete" />
              </Popconfirm>
            )}
          />
          {pending.map((p) => (
            <div key={p.uid} style={{ display: 'flex', alignItems: 'center', gap: 6, fontSize: 13 }} data-testid="attachment-pending">
              {p.error ? (
                <>
                  <Typography.Text type="danger">{p.name}：{p.error}</Typography.Text>
                  <Button type="link" size="small" onClick={() => setPending((list) => list.filter((x) => x.uid !== p.uid))}>移除</Button>
                </>
              ) : (
                <Typography.Text type="secondary"><LoadingOutlined /> {p.name} 上传中…</Typography.Text>
              )}
            </div>
          ))}
        </div>
        <span data-testid="evidence-upload">
          <Upload
            multiple
            accept={EVIDENCE_ACCEPT}
            showUploadList={false}
            beforeUpload={(file) => {
              const reason = checkEvidenceFile(file);
              if (reason) {
                void message.error(reason);
                return Upload.LIST_IGNORE;
              }
              return true;
            }}
            customRequest={customRequest}
          >
            <Button icon={<UploadOutlined />}>上传佐证材料</Button>
          </Upload>
        </span>
        <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineStart: 8 }}>图片、PDF、Word（.docx）、Excel（.xlsx），每个不超过 20 MB</Typography.Text>
      </div>
      <Space wrap>
        <Button type="primary" loading={busy === 'submit'} disabled={busy === 'save' || pending.some((p) => !p.error)} onClick={() => void submit()} data-testid="report-submit">
          {consolidated ? '提交审核' : '报送牵头单位'}
        </Button>
        <Button loading={busy === 'save'} disabled={busy === 'submit'} onClick={() => void saveDraft()} data-testid="report-save">
          保存草稿
        </Button>
        {onCancel && !editing && <Button type="text" onClick={onCancel}>取消</Button>}
        {blocker && narrative.trim() && (
          <Typography.Text type="warning" style={{ fontSize: 12 }} data-testid="report-blocker">{blocker}</Typography.Text>
        )}
      </Space>
    </div>
  );
}
