import { Input } from 'antd';
import type { GetProps } from 'antd';
import { useEffect, useState, type CSSProperties, type SyntheticEvent } from 'react';

interface Props {
  value: string;
  /** Called once the user leaves the field (or presses Enter in a one-line field) with a changed value. */
  onCommit: (value: string) => void;
  placeholder?: string;
  multiline?: boolean;
  autoSize?: GetProps<typeof Input.TextArea>['autoSize'];
  status?: 'error';
  /** Caret position changes (for splitting a task at the cursor). */
  onCaret?: (offset: number) => void;
  testId?: string;
  style?: CSSProperties;
}

/**
 * A field that edits locally and commits on blur, so typing in one task does not re-render the whole
 * task table on every keystroke, and each edit is one undo step.
 */
export function CommitInput({ value, onCommit, placeholder, multiline, autoSize, status, onCaret, testId, style }: Props) {
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  const commit = () => {
    if (text !== value) onCommit(text);
  };
  const caret = (e: SyntheticEvent<HTMLInputElement | HTMLTextAreaElement>) => onCaret?.(e.currentTarget.selectionStart ?? 0);
  if (multiline) {
    return (
      <Input.TextArea
        size="small"
        value={text}
        placeholder={placeholder}
        status={status}
        autoSize={autoSize ?? { minRows: 1, maxRows: 6 }}
        onChange={(e) => setText(e.target.value)}
        onBlur={commit}
        onSelect={caret}
        onClick={(e) => e.stopPropagation()}
        data-testid={testId}
        style={style}
      />
    );
  }
  return (
    <Input
      size="small"
      value={text}
      placeholder={placeholder}
      status={status}
      onChange={(e) => setText(e.target.value)}
      onBlur={commit}
      onPressEnter={commit}
      onClick={(e) => e.stopPropagation()}
      data-testid={testId}
      style={style}
    />
  );
}
