import { App, Button, Card, Descriptions, Space, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { evidenceUrl, getFinding, uploadEvidence } from '#web/api/inspections.ts';
import { ApiError } from '#web/api/request.ts';
import { useCan } from '#web/auth/auth-context.tsx';
import { LoadFailed } from '#web/components/page-error.tsx';
import { PageHeader } from '#web/components/page-header.tsx';
import { PageLoading } from '#web/components/page-loading.tsx';
import { useRequest } from '#web/hooks/use-request.ts';
import { shanghaiTime } from '#web/utils/time.ts';
import { FindingStatusTag, PolarityTag } from '../components/tags.tsx';
import { checkEvidence, EVIDENCE_ACCEPT } from '../inspection-utils.ts';
import { EvidenceList } from './evidence-list.tsx';
import { EvidencePicker, type PickedFile } from './evidence-picker.tsx';
import { FindingRectification } from '#web/pages/rectifications/components/finding-rectification.tsx';

/** A finding (问题): what, where, when, the evidence as it arrived; inspectors add evidence here. */
export default function FindingDetailPage() {
  const id = Number(useParams().id);
  const { message } = App.useApp();
  const mayRecord = useCan()('inspection.record');
  const finding = useRequest((signal) => getFinding(id, signal), [id]);
  const [files, setFiles] = useState<PickedFile[]>([]);
  const [busy, setBusy] = useState(false);

  if (finding.loading && !finding.data) return <PageLoading />;
  if (!finding.data) return <LoadFailed error={finding.error} what="问题" onRetry={finding.reload} />;
  const f = finding.data;

  async function send() {
    setBusy(true);
    let sent = 0;
    for (const file of files) {
      if (file.error) continue;
      try {
        await uploadEvidence(f.id, file.file, file.file.name);
        sent++;
        setFiles((prev) => prev.filter((x) => x.key !== file.key));
      } catch (err) {
        const why = err instanceof ApiError ? err.message : '上传失败';
        setFiles((prev) => prev.map((x) => (x.key === file.key ? { ...x, error: why } : x)));
      }
    }
    setBusy(false);
    if (sent) void message.success(`已上传 ${sent} 件佐证`);
    finding.reload();
  }

  return (
    <>
      <PageHeader
        title="问题详情"
        subTitle={
          <Space size={6}>
            <PolarityTag polarity={f.polarity} />
            <FindingStatusTag status={f.status} />
          </Space>
        }
        crumbs={[{ title: '督查计划', to: '/inspections' }, { title: f.inspectionTitle, to: `/inspections/${f.inspectionId}` }, { title: '问题' }]}
      />
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        <Card size="small">
          <Typography.Paragraph style={{ fontSize: 15, whiteSpace: 'pre-wrap' }} data-testid="finding-description-text">
            {f.description}
          </Typography.Paragraph>
          <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }}>
            <Descriptions.Item label="单位">{f.unitName}</Descriptions.Item>
            <Descriptions.Item label="类别">{f.categoryLabel}</Descriptions.Item>
            <Descriptions.Item label="程度">{f.severityLabel}</Descriptions.Item>
            <Descriptions.Item label="位置">{f.location ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="发现时间">{shanghaiTime(f.foundAt, 'minute')}</Descriptions.Item>
            <Descriptions.Item label="关联任务">
              {f.tasks.length ? (
                <Space orientation="vertical" size={0}>
                  {f.tasks.map((task) => (
                    <Link key={task.id} to={`/tasks/${task.id}`}>
                      {task.title}
                    </Link>
                  ))}
                </Space>
              ) : (
                '—'
              )}
            </Descriptions.Item>
          </Descriptions>
        </Card>
        <Card size="small" title={`佐证材料（${f.evidence.length}）`}>
          <EvidenceList items={f.evidence} urlOf={evidenceUrl} />
          {mayRecord && f.status === 'found' && (
            <div style={{ marginTop: 12 }}>
              <EvidencePicker files={files} accept={EVIDENCE_ACCEPT} check={checkEvidence} onChange={setFiles} disabled={busy} />
              {files.some((x) => !x.error) && (
                <Button type="primary" style={{ marginTop: 8 }} loading={busy} onClick={send} data-testid="evidence-send">
                  上传
                </Button>
              )}
            </div>
          )}
        </Card>
        {f.status !== 'found' && (
          <>
            <Typography.Title level={5} style={{ margin: 0 }}>
              整改
            </Typography.Title>
            <FindingRectification findingId={f.id} onChanged={finding.reload} />
          </>
        )}
      </Space>
    </>
  );
}
