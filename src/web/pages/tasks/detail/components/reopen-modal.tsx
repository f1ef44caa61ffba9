import { App, Form, Input, Modal, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { reopenMilestone, reopenTask } from '#web/api/reports.ts';

interface Props {
  open: boolean;
  /** What is reopened: the whole task, or one of its milestones. */
  target: { kind: 'task'; id: number } | { kind: 'milestone'; id: number };
  /** How it is named in the explanation, e.g. "任务 3" or "时间节点“6月底前”". */
  label: string;
  onClose: () => void;
  onDone: () => void;
}

/** 重新打开 a closed (销号) task or milestone; the reason goes on the timeline. */
export function ReopenModal({ open, target, label, onClose, onDone }: Props) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (open) form.resetFields();
  }, [open, form]);

  async function submit({ reason }: { reason: string }) {
    setBusy(true);
    try {
      await (target.kind === 'task' ? reopenTask(target.id, reason.trim()) : reopenMilestone(target.id, reason.trim()));
      void message.success(target.kind === 'task' ? '任务已重新打开' : '时间节点已重新打开');
      onDone();
    } catch {
      // Shown by the request policy.
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      title={target.kind === 'task' ? '重新打开任务' : '重新打开时间节点'}
      open={open}
      okText="重新打开"
      okButtonProps={{ danger: true, 'data-testid': 'reopen-confirm' }}
      cancelText="取消"
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      forceRender
    >
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {label} 已销号。重新打开后，牵头单位需再次汇总报送{target.kind === 'milestone' ? '（任务已销号的，一并重新打开）' : ''}，原因将记入时间线。
      </Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={submit} autoComplete="off">
        <Form.Item name="reason" label="重新打开原因" rules={[{ required: true, whitespace: true, message: '请填写重新打开的原因' }]}>
          <Input.TextArea rows={3} maxLength={1000} showCount placeholder="如：督查发现佐证材料与实际不符" data-testid="reopen-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
