import { CheckCircleOutlined, DownloadOutlined, SafetyCertificateOutlined, WarningOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, InputNumber, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { AUDIT_RETENTION_MAX_DAYS, AUDIT_RETENTION_MIN_DAYS } from '#core/audit/retention.ts';
import { ApiError } from '#web/api/request.ts';
import { auditArchiveUrl, getAuditRetention, putAuditRetention, verifyAuditChain } from '#web/api/audit.ts';
import type { AuditArchive, AuditVerification } from '#core/api/audit.ts';
import { useRequest } from '#web/hooks/use-request.ts';
import { shanghaiTime } from '#web/utils/time.ts';

/**
 * 保留与完整性: how long the trail is kept (the audit administrator's setting, at least 180 days), the
 * hash-chain check, and the archives of purged rows as they were written (each with its SHA-256).
 */
export function AuditIntegrityCard() {
  const { message } = App.useApp();
  const info = useRequest((signal) => getAuditRetention(signal), []);
  const [days, setDays] = useState<number | null>(null);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [check, setCheck] = useState<AuditVerification | null>(null);
  const [checking, setChecking] = useState<'chain' | 'archives' | null>(null);
  const current = info.data?.days ?? AUDIT_RETENTION_MIN_DAYS;

  const save = async () => {
    if (days === null) return;
    setSaving(true);
    setError(null);
    try {
      info.setData(await putAuditRetention(days));
      setDays(null);
      void message.success(`审计日志保留期限已设为 ${days} 天`);
    } catch (err) {
      if (err instanceof ApiError) setError(err.message);
    } finally {
      setSaving(false);
    }
  };

  const verify = async (what: 'chain' | 'archives') => {
    setChecking(what);
    try {
      setCheck(await verifyAuditChain(what === 'archives'));
    } catch {
      // shown by the request policy
    } finally {
      setChecking(null);
    }
  };
  const checkTitle = (v: AuditVerification): string => {
    if (v.firstBroken) return `哈希链在第 ${v.firstBroken.seq} 条断开：${v.firstBroken.message}`;
    const a = v.archives;
    if (a?.firstBroken) return `归档 ${a.firstBroken.file}${a.firstBroken.seq ? ` 第 ${a.firstBroken.seq} 条` : ''}：${a.firstBroken.message}`;
    const db = `哈希链完整：已校验 ${v.checked} 条（至第 ${v.lastSeq} 条）`;
    return a ? `${db}；${a.archives} 个归档文件、${a.rows} 条归档记录完整` : db;
  };

  const columns = [
    { title: '序号范围', key: 'seq', render: (_: unknown, a: AuditArchive) => `${a.fromSeq}–${a.toSeq}` },
    { title: '条数', dataIndex: 'rows' },
    { title: '时间范围（北京时间）', key: 'at', render: (_: unknown, a: AuditArchive) => `${shanghaiTime(a.firstAt, 'minute')} — ${shanghaiTime(a.lastAt, 'minute')}` },
    { title: 'SHA-256', dataIndex: 'sha256', render: (h: string) => <Typography.Text code copyable={{ text: h }}>{h.slice(0, 16)}…</Typography.Text> },
    { title: '', key: 'download', render: (_: unknown, a: AuditArchive) => <a href={auditArchiveUrl(a.id)} download data-testid="audit-archive-download"><DownloadOutlined /> 下载</a> },
  ];

  return (
    <Card size="small" title={<><SafetyCertificateOutlined /> 保留与完整性</>} style={{ marginBottom: 12 }} data-testid="audit-integrity">
      <Space wrap size={24} style={{ marginBottom: 8 }}>
        <Space>
          <span>在线保留</span>
          <InputNumber
            min={AUDIT_RETENTION_MIN_DAYS}
            max={AUDIT_RETENTION_MAX_DAYS}
            value={days ?? current}
            onChange={(v) => setDays(typeof v === 'number' ? v : null)}
            suffix="天"
            style={{ width: 140 }}
            data-testid="audit-retention-days"
          />
          <Button onClick={() => void save()} loading={saving} disabled={days === null || days === current}>保存</Button>
        </Space>
        <Typography.Text type="secondary">
          不少于 {AUDIT_RETENTION_MIN_DAYS} 天（网络安全法第二十一条）；更早的记录每日先归档再清理
          {info.data?.oldestAt ? `，库中最早一条：${shanghaiTime(info.data.oldestAt, 'minute')}` : ''}
        </Typography.Text>
        <Space>
          <Button icon={<CheckCircleOutlined />} onClick={() => void verify('chain')} loading={checking === 'chain'} data-testid="audit-verify">校验哈希链</Button>
          <Button onClick={() => void verify('archives')} loading={checking === 'archives'} data-testid="audit-verify-archives">连同归档文件校验</Button>
        </Space>
      </Space>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 8 }} />}
      {check && (
        <Alert
          style={{ marginBottom: 8 }}
          showIcon
          icon={check.ok ? <CheckCircleOutlined /> : <WarningOutlined />}
          type={check.ok ? 'success' : 'error'}
          data-testid="audit-verify-result"
          title={checkTitle(check)}
        />
      )}
      {(info.data?.archives.length ?? 0) > 0 && (
        <Table<AuditArchive> rowKey="id" size="small" pagination={false} columns={columns} dataSource={info.data?.archives ?? []} />
      )}
    </Card>
  );
}
