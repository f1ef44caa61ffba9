import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, DatePicker, Empty, Input, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import type { DraftTask, DraftTaskPatch } from '#core/draft/types.ts';
import { CommitInput } from './commit-input.tsx';

interface Props {
  task: DraftTask | null;
  index: number;
  onChange: (patch: DraftTaskPatch) => void;
  /** Caret offset in the text, for 拆分. */
  onCaret: (offset: number) => void;
  caret: number | null;
}

/** The selected task's full text (where 拆分 cuts, at the caret) and its deadlines. */
export function TaskEditor({ task, index, onChange, onCaret, caret }: Props) {
  const [newText, setNewText] = useState('');
  const [newDate, setNewDate] = useState<string | null>(null);

  if (!task) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="在上方表格中选择一项任务进行编辑" style={{ margin: '12px 0' }} />;

  const setDeadline = (i: number, change: Partial<{ text: string; date: string | null }>) =>
    onChange({ deadlines: task.deadlines.map((d, j) => (j === i ? { ...d, ...change } : d)) });

  return (
    <div style={{ display: 'flex', gap: 12, height: '100%' }}>
      <div style={{ flex: 3, minWidth: 0, display: 'flex', flexDirection: 'column' }}>
        <div style={{ display: 'flex', justifyContent: 'space-between', marginBottom: 4, fontSize: 12 }}>
          <Typography.Text strong style={{ fontSize: 12 }}>第 {index + 1} 项 · 正文</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {caret !== null ? `光标在第 ${caret} 字后，点“拆分”从此处分为两项` : '在正文中点击，定位拆分位置'}
          </Typography.Text>
        </div>
        <CommitInput
          key={task.key}
          multiline
          autoSize={false}
          value={task.text}
          onCommit={(text) => onChange({ text })}
          onCaret={onCaret}
          testId="draft-text"
          style={{ flex: 1, resize: 'none', fontSize: 13, lineHeight: 1.7 }}
        />
      </div>
      <div style={{ flex: 2, minWidth: 0, display: 'flex', flexDirection: 'column' }}>
        <Typography.Text strong style={{ fontSize: 12, marginBottom: 4 }}>截止时间（原文写法 · 日期）</Typography.Text>
        <div style={{ flex: 1, overflow: 'auto' }}>
          {task.deadlines.length === 0 && <Typography.Text type="secondary" style={{ fontSize: 12 }}>无</Typography.Text>}
          {task.deadlines.map((d, i) => (
            <Space.Compact key={`${task.key}-${i}`} block style={{ marginBottom: 4 }}>
              <CommitInput value={d.text} onCommit={(text) => setDeadline(i, { text: text.trim() })} style={{ width: '45%' }} />
              <DatePicker
                size="small"
                style={{ width: '40%' }}
                placeholder="无具体日期"
                value={d.date ? dayjs(d.date) : null}
                onChange={(v) => setDeadline(i, { date: v ? v.format('YYYY-MM-DD') : null })}
              />
              <Button size="small" icon={<DeleteOutlined />} title="删除此截止时间" onClick={() => onChange({ deadlines: task.deadlines.filter((_, j) => j !== i) })} />
            </Space.Compact>
          ))}
        </div>
        <Space.Compact block>
          <Input size="small" placeholder="如：9月底前" value={newText} onChange={(e) => setNewText(e.target.value)} style={{ width: '45%' }} />
          <DatePicker size="small" style={{ width: '40%' }} placeholder="日期" value={newDate ? dayjs(newDate) : null} onChange={(v) => setNewDate(v ? v.format('YYYY-MM-DD') : null)} />
          <Button
            size="small"
            icon={<PlusOutlined />}
            disabled={newText.trim() === ''}
            onClick={() => {
              onChange({ deadlines: [...task.deadlines, { text: newText.trim(), date: newDate }] });
              setNewText('');
              setNewDate(null);
            }}
          >
            添加
          </Button>
        </Space.Compact>
        {task.spans === null && (
          <Tag color="purple" bordered={false} style={{ marginTop: 6, alignSelf: 'flex-start' }}>人工编辑：原文位置按文字匹配</Tag>
        )}
      </div>
    </div>
  );
}
