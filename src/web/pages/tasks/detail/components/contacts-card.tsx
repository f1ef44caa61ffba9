import { EditOutlined, PhoneOutlined } from '@ant-design/icons';
import { Button, Card, Empty, List, Space, Tag, Typography } from 'antd';
import type { UnitRef } from '#core/api/common.ts';
import type { TaskContact } from '#core/api/tasks.ts';
import { UNIT_ROLE_LABELS } from '#core/tasks/tasks.ts';

interface Props {
  contacts: TaskContact[];
  units: UnitRef[];
  /** Units whose contact the user may edit. */
  editableUnitIds: number[];
  onEdit: (contact: TaskContact, unitName: string) => void;
}

/** 各单位联系人: who to call at each unit named on the task; the user's own unit can edit its entry. */
export function ContactsCard({ contacts, units, editableUnitIds, onEdit }: Props) {
  const nameOf = (id: number) => units.find((u) => u.id === id)?.name ?? `单位 ${id}`;
  return (
    <Card size="small" title="各单位联系人" style={{ marginBottom: 12 }} styles={{ body: { paddingBlock: 4 } }} data-testid="task-contacts">
      {contacts.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="本任务未写明单位" />
      ) : (
        <List
          size="small"
          dataSource={contacts}
          renderItem={(c) => {
            const name = nameOf(c.unitId);
            const editable = editableUnitIds.includes(c.unitId);
            return (
              <List.Item
                style={{ paddingInline: 0, alignItems: 'flex-start' }}
                extra={
                  editable ? (
                    <Button type="link" size="small" icon={<EditOutlined />} onClick={() => onEdit(c, name)} data-testid="task-contact-edit">
                      编辑
                    </Button>
                  ) : undefined
                }
              >
                <div style={{ minWidth: 0 }}>
                  <Space size={6}>
                    <Tag color={c.role === 'lead' ? 'blue' : 'green'} style={{ marginInlineEnd: 0 }}>{UNIT_ROLE_LABELS[c.role]}</Tag>
                    <Typography.Text strong={editable}>{name}</Typography.Text>
                    {editable && <Tag color="gold">本单位</Tag>}
                  </Space>
                  <div style={{ marginTop: 2, fontSize: 12 }}>
                    {c.contactName || c.contactPhone ? (
                      <Space size={12} wrap>
                        <span>{c.contactName ?? '—'}</span>
                        {c.contactPhone && <Typography.Text type="secondary" style={{ fontSize: 12 }}><PhoneOutlined /> {c.contactPhone}</Typography.Text>}
                      </Space>
                    ) : (
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>未填写联系人</Typography.Text>
                    )}
                    {c.note && <div style={{ color: '#595959', whiteSpace: 'pre-wrap' }}>备注：{c.note}</div>}
                  </div>
                </div>
              </List.Item>
            );
          }}
        />
      )}
    </Card>
  );
}
