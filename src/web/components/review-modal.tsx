import { Alert, App, Form, Input, Modal, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { reviewReport } from '../api/reports.ts';
import type { Report, ReportStage, ReviewDecision } from '#core/api/reports.ts';
import { stageLabel } from '../utils/progress.ts';

/** The consolidated report the coordinator is deciding on. */
export interface ReviewTarget {
  reportId: number;
  decision: ReviewDecision;
  /** 区发改局 · 任务 3 */
  label: string;
  stage: ReportStage;
  attachmentCount: number;
}

interface Props {
  target: ReviewTarget | null;
  onClose: () => void;
  onDone: (report: Report) => void;
}

const COMMENT_MAX = 2000;

/** 通过 / 退回 a consolidated report; a return needs a comment the unit will read. */
export function ReviewModal({ target, onClose, onDone }: Props) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ comment?: string }>();
  const [busy, setBusy] = useState(false);
  const returning = target?.decision === 'return';
  const closes = target?.decision === 'accept' && target.stage === 'done';

  useEffect(() => {
    if (target) form.resetFields();
  }, [target, form]);

  async function submit({ comment }: { comment?: string }) {
    if (!target) return;
    setBusy(true);
    try {
      const report = await reviewReport(target.reportId, target.decision, (comment ?? '').trim());
      void message.success(target.decision === 'accept' ? (closes ? '已审核通过，任务已销号' : '已审核通过') : '已退回');
      onDone(report);
    } catch {
      // Shown by the request policy.
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      title={returning ? '退回汇总报告' : '审核通过'}
      open={target !== null}
      okText={returning ? '退回' : '通过'}
      okButtonProps={{ danger: returning, 'data-testid': 'review-confirm' }}
      cancelText="取消"
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      forceRender
    >
      {target && (
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
          {target.label} · 申报阶段：{stageLabel(target.stage)} · 佐证材料 {target.attachmentCount} 份
        </Typography.Paragraph>
      )}
      {closes && target.attachmentCount > 0 && (
        <Alert type="success" showIcon style={{ marginBottom: 12 }} title="该报告申报“已完成”，通过后任务即销号。" />
      )}
      {closes && target.attachmentCount === 0 && (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} title="该报告申报“已完成”但没有佐证材料，通过后任务不会销号。" />
      )}
      <Form form={form} layout="vertical" onFinish={submit} autoComplete="off">
        <Form.Item
          name="comment"
          label={returning ? '退回意见' : '审核意见（可不填）'}
          rules={returning ? [{ required: true, whitespace: true, message: '请填写退回意见，说明需要补充或修改的内容' }] : []}
        >
          <Input.TextArea
            rows={4}
            maxLength={COMMENT_MAX}
            showCount
            placeholder={returning ? '如：佐证材料不全，请补充验收报告' : '如：同意销号'}
            data-testid="review-comment"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
