import { App, Form, Input, Modal, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { reopenTask } from '../../../../api/reports.ts';

interface Props {
  open: boolean;
  taskId: number;
  taskLabel: string;
  onClose: () => void;
  onDone: () => void;
}

/** 重新打开 a closed (销号) task; the reason goes on the timeline. */
export function ReopenModal({ open, taskId, taskLabel, onClose, onDone }: Props) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (open) form.resetFields();
  }, [open, form]);

  async function submit({ reason }: { reason: string }) {
    setBusy(true);
    try {
      await reopenTask(taskId, reason.trim());
      void message.success('任务已重新打开');
      onDone();
    } catch {
      // Shown by the request policy.
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      title="重新打开任务"
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
        {taskLabel} 已销号。重新打开后，牵头单位需再次汇总报送，原因将记入时间线。
      </Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={submit} autoComplete="off">
        <Form.Item name="reason" label="重新打开原因" rules={[{ required: true, whitespace: true, message: '请填写重新打开的原因' }]}>
          <Input.TextArea rows={3} maxLength={1000} showCount placeholder="如：督查发现佐证材料与实际不符" data-testid="reopen-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
