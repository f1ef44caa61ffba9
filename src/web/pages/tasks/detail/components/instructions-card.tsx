import { App, Button, Card, Empty, Input, List, Space, Typography } from 'antd';
import { useState } from 'react';
import { addInstruction } from '#web/api/tasks.ts';
import type { Instruction } from '#core/api/tasks.ts';
import { shanghaiTime } from '#web/utils/time.ts';

interface Props {
  taskId: number;
  instructions: Instruction[];
  canInstruct: boolean;
  onAdded: (instruction: Instruction) => void;
}

const MAX_LENGTH = 2000;

/** 领导批示: the leaders' instructions on the task, and a form for a leader of its section. */
export function InstructionsCard({ taskId, instructions, canInstruct, onAdded }: Props) {
  const { message } = App.useApp();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);

  async function submit() {
    const value = text.trim();
    if (!value) return;
    setBusy(true);
    try {
      const added = await addInstruction(taskId, value);
      onAdded(added);
      setText('');
      void message.success('批示已发布');
    } catch {
      // Shown by the request policy.
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card size="small" title={`领导批示（${instructions.length}）`} style={{ marginBottom: 12 }} data-testid="instructions">
      {instructions.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无批示" style={{ marginBlock: 8 }} />
      ) : (
        <List
          size="small"
          dataSource={instructions}
          renderItem={(i) => (
            <List.Item style={{ paddingInline: 0, display: 'block' }}>
              <Typography.Paragraph style={{ marginBottom: 4, whiteSpace: 'pre-wrap', borderInlineStart: '3px solid #b3261e', paddingInlineStart: 8 }}>
                {i.text}
              </Typography.Paragraph>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {i.userName} · {shanghaiTime(i.createdAt, 'minute')}
              </Typography.Text>
            </List.Item>
          )}
        />
      )}
      {canInstruct && (
        <Space orientation="vertical" size={28} style={{ width: '100%', marginTop: 8 }}>
          <Input.TextArea
            rows={3}
            maxLength={MAX_LENGTH}
            showCount
            placeholder="对本项任务作出批示，如工作要求、时限、协调事项"
            value={text}
            onChange={(e) => setText(e.target.value)}
            data-testid="instruction-text"
          />
          <div style={{ textAlign: 'right' }}>
            <Button type="primary" loading={busy} disabled={!text.trim()} onClick={() => void submit()} data-testid="instruction-submit">
              发布批示
            </Button>
          </div>
        </Space>
      )}
    </Card>
  );
}
