import { Alert, App, Button, Input, Radio, Space } from 'antd';
import { useState } from 'react';
import { ApiError } from '#web/api/request.ts';
import { recheck, type RectificationDetail } from '#web/api/rectifications.ts';

/**
 * 复查: the inspector's verdict on the unit's answer. 通过 closes the finding (销号); 未通过 returns it to
 * the unit and needs the reasons, which the unit reads before answering again.
 */
export function RecheckForm({ findingId, onChecked }: { findingId: number; onChecked: (detail: RectificationDetail) => void }) {
  const { message } = App.useApp();
  const [passed, setPassed] = useState<boolean | null>(null);
  const [reasons, setReasons] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  async function send() {
    if (passed === null) {
      setProblem('请选择复查结果');
      return;
    }
    if (!passed && !reasons.trim()) {
      setProblem('复查未通过须写明原因');
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      const detail = await recheck(findingId, { passed, reasons: reasons.trim() });
      void message.success(passed ? '复查通过，问题已销号' : '复查未通过，已退回单位重新整改');
      setPassed(null);
      setReasons('');
      onChecked(detail);
    } catch (err) {
      if (err instanceof ApiError) setProblem(err.message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div data-testid="recheck-form">
      <Radio.Group value={passed} onChange={(e) => setPassed(e.target.value as boolean)} buttonStyle="solid" style={{ marginBottom: 8 }}>
        <Radio.Button value={true} data-testid="recheck-pass">
          整改到位（销号）
        </Radio.Button>
        <Radio.Button value={false} data-testid="recheck-fail">
          未到位（退回）
        </Radio.Button>
      </Radio.Group>
      <Input.TextArea
        rows={3}
        maxLength={2000}
        showCount
        value={reasons}
        onChange={(e) => setReasons(e.target.value)}
        placeholder={passed === false ? '写明未到位的原因与下一步要求（必填）' : '复查意见（选填）'}
        style={{ marginBottom: 8 }}
        data-testid="recheck-reasons"
      />
      {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 8 }} data-testid="recheck-error" />}
      <Space>
        <Button type="primary" onClick={() => void send()} loading={busy} data-testid="recheck-submit">
          提交复查结果
        </Button>
      </Space>
    </div>
  );
}
