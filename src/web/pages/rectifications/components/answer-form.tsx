import { Alert, App, Button, Input, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { ApiError } from '#web/api/request.ts';
import { saveAnswer, submitAnswer, uploadAnswerEvidence, type Answer, type RectificationDetail } from '#web/api/rectifications.ts';
import { EvidencePicker, type PickedFile } from '#web/pages/inspections/finding/evidence-picker.tsx';
import { checkEvidence, EVIDENCE_ACCEPT, EVIDENCE_LIMITS_TEXT } from '#web/pages/inspections/inspection-utils.ts';

interface Props {
  findingId: number;
  /** The unit's draft answer to this round, if it saved one. */
  draft: Answer | null;
  onChanged: (detail: RectificationDetail | null) => void;
}

/**
 * 填报整改情况: the measures taken and the evidence, saved as a draft and then sent (报送). Sending
 * needs at least one evidence file, as the server does; a refused file says why beside its name.
 */
export function AnswerForm({ findingId, draft, onChanged }: Props) {
  const { message } = App.useApp();
  const [measures, setMeasures] = useState(draft?.measures ?? '');
  const [files, setFiles] = useState<PickedFile[]>([]);
  const [busy, setBusy] = useState<'save' | 'submit' | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const stored = draft?.evidence.length ?? 0;

  useEffect(() => setMeasures(draft?.measures ?? ''), [draft?.id]);

  /** Saves the measures and sends the chosen files; the answer, or null when something failed (and says why). */
  async function save(): Promise<Answer | null> {
    if (!measures.trim()) {
      setProblem('请填写整改措施');
      return null;
    }
    if (files.some((f) => f.error)) {
      setProblem('有文件不能上传，请先移除');
      return null;
    }
    try {
      const answer = await saveAnswer(findingId, measures.trim());
      for (const f of files) {
        try {
          await uploadAnswerEvidence(answer.id, f.file, f.file.name);
          setFiles((prev) => prev.filter((x) => x.key !== f.key));
        } catch (err) {
          const why = err instanceof ApiError ? err.message : '上传失败';
          setFiles((prev) => prev.map((x) => (x.key === f.key ? { ...x, error: why } : x)));
          setProblem(`“${f.file.name}”未能上传：${why}`);
          return null;
        }
      }
      return answer;
    } catch (err) {
      if (err instanceof ApiError) setProblem(err.message);
      return null;
    }
  }

  async function run(kind: 'save' | 'submit') {
    setBusy(kind);
    setProblem(null);
    const answer = await save();
    if (answer && kind === 'save') {
      void message.success('已保存草稿');
      onChanged(null);
    }
    if (answer && kind === 'submit') {
      if (stored + files.filter((f) => !f.error).length === 0 && answer.evidence.length === 0) {
        setProblem('报送整改情况须上传至少一件佐证材料');
      } else {
        try {
          onChanged(await submitAnswer(answer.id));
          void message.success('整改情况已报送，等待复查');
        } catch (err) {
          if (err instanceof ApiError) setProblem(err.message);
        }
      }
    }
    setBusy(null);
  }

  return (
    <div data-testid="answer-form">
      <Typography.Text strong>整改措施</Typography.Text>
      <Input.TextArea
        rows={4}
        maxLength={4000}
        showCount
        value={measures}
        onChange={(e) => setMeasures(e.target.value)}
        placeholder="如：已调整窗口排班，设置AB岗，离岗须在系统登记，并由科长每日抽查。"
        style={{ margin: '6px 0 10px' }}
        data-testid="answer-measures"
      />
      <Typography.Text strong>佐证材料</Typography.Text>
      <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineStart: 8 }}>
        {stored > 0 ? `已上传 ${stored} 件；` : ''}上限：{EVIDENCE_LIMITS_TEXT}
      </Typography.Text>
      <div style={{ margin: '6px 0 10px' }}>
        <EvidencePicker files={files} accept={EVIDENCE_ACCEPT} check={checkEvidence} onChange={setFiles} disabled={busy !== null} />
      </div>
      {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 10 }} data-testid="answer-error" />}
      <Space wrap>
        <Button onClick={() => void run('save')} loading={busy === 'save'} disabled={busy === 'submit'} data-testid="answer-save">
          保存草稿
        </Button>
        <Button type="primary" onClick={() => void run('submit')} loading={busy === 'submit'} disabled={busy === 'save'} data-testid="answer-submit">
          报送整改情况
        </Button>
      </Space>
    </div>
  );
}
