import { App, Form, Input, Modal, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { updateTaskContact } from '../api/me.ts';
import type { ContactUpdate } from '#core/api/tasks.ts';

export interface ContactTarget {
  taskId: number;
  taskLabel: string;
  unitId: number;
  unitName: string;
  contact: ContactUpdate;
}

interface Props {
  target: ContactTarget | null;
  onClose: () => void;
  onSaved: (saved: ContactUpdate) => void;
}

interface Values {
  contactName?: string;
  contactPhone?: string;
  note?: string;
}

const blankToNull = (v: string | undefined): string | null => (v && v.trim() ? v.trim() : null);

/** Edits a unit's contact (联系人, 电话, 备注) for one task. */
export function ContactModal({ target, onClose, onSaved }: Props) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (target) {
      form.setFieldsValue({
        contactName: target.contact.contactName ?? '',
        contactPhone: target.contact.contactPhone ?? '',
        note: target.contact.note ?? '',
      });
    }
  }, [target, form]);

  async function submit(values: Values) {
    if (!target) return;
    const body: ContactUpdate = { contactName: blankToNull(values.contactName), contactPhone: blankToNull(values.contactPhone), note: blankToNull(values.note) };
    setBusy(true);
    try {
      await updateTaskContact(target.taskId, target.unitId, body);
      void message.success('联系人已保存');
      onSaved(body);
    } catch {
      // Shown by the request policy (403 when the task is not the unit's).
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      title="编辑联系人"
      open={target !== null}
      okText="保存"
      cancelText="取消"
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      forceRender
      okButtonProps={{ 'data-testid': 'contact-save' } as Record<string, string>}
    >
      {target && (
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
          {target.unitName} · {target.taskLabel}
        </Typography.Paragraph>
      )}
      <Form<Values> form={form} layout="vertical" onFinish={submit} autoComplete="off">
        <Form.Item name="contactName" label="联系人" rules={[{ max: 50, message: '姓名不超过 50 字' }]}>
          <Input placeholder="负责此项任务的联系人姓名" data-testid="contact-name" />
        </Form.Item>
        <Form.Item
          name="contactPhone"
          label="联系电话"
          rules={[{ pattern: /^[\d\s+()-]{0,30}$/, message: '联系电话只能包含数字、空格和 + - ( )，不超过 30 位' }]}
        >
          <Input placeholder="座机或手机" data-testid="contact-phone" />
        </Form.Item>
        <Form.Item name="note" label="备注" rules={[{ max: 500, message: '备注不超过 500 字' }]}>
          <Input.TextArea rows={3} showCount maxLength={500} placeholder="如分管科室、进展说明" data-testid="contact-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
