import { FilePdfOutlined, FileWordOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Space, Tag, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { getNotice, noticeFileUrl } from '#web/api/rectifications.ts';
import { LoadFailed } from '#web/components/page-error.tsx';
import { PageHeader } from '#web/components/page-header.tsx';
import { PageLoading } from '#web/components/page-loading.tsx';
import { useRequest } from '#web/hooks/use-request.ts';
import { KindTag } from '#web/pages/inspections/components/tags.tsx';
import { dayLabel } from '#web/utils/format.ts';
import { shanghaiTime } from '#web/utils/time.ts';
import { FindingRectification } from '../components/finding-rectification.tsx';

/**
 * 整改通知书: the notice to one unit, its deadline and the rule that gave it, its archived .docx/.pdf, and
 * every finding in it with its rectification — where the unit answers and the inspector re-checks.
 */
export default function NoticePage() {
  const id = Number(useParams().id);
  const notice = useRequest((signal) => getNotice(id, signal), [id]);
  if (notice.loading && !notice.data) return <PageLoading />;
  if (!notice.data) return <LoadFailed error={notice.error} what="整改通知" onRetry={notice.reload} />;
  const n = notice.data;

  return (
    <>
      <PageHeader
        title={n.title}
        subTitle={n.docNumber ?? undefined}
        crumbs={[{ title: '整改', to: '/rectifications' }, { title: n.unitName }]}
        extra={
          <>
            <Button icon={<FileWordOutlined />} href={noticeFileUrl(n.id, 'docx')} download data-testid="notice-download-docx">
              Word
            </Button>
            <Button icon={<FilePdfOutlined />} href={noticeFileUrl(n.id, 'pdf')} download data-testid="notice-download-pdf">
              PDF
            </Button>
          </>
        }
      />
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        <Card size="small">
          <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }}>
            <Descriptions.Item label="整改单位">{n.unitName}</Descriptions.Item>
            <Descriptions.Item label="督查计划">
              <Space size={6}>
                <Link to={`/inspections/${n.inspectionId}`}>{n.inspectionTitle}</Link>
                <KindTag kind={n.inspectionKind} />
              </Space>
            </Descriptions.Item>
            <Descriptions.Item label="发文机关">{n.issuer}</Descriptions.Item>
            <Descriptions.Item label="下发">{shanghaiTime(n.issuedAt, 'minute')}</Descriptions.Item>
            <Descriptions.Item label="整改期限">
              <span data-testid="notice-due">
                {dayLabel(n.dueDate)}前（{n.limitText}）
              </span>
              {n.overdueCount > 0 && (
                <Tag color="red" style={{ marginInlineStart: 6 }}>
                  {n.overdueCount} 项逾期
                </Tag>
              )}
            </Descriptions.Item>
            <Descriptions.Item label="时限依据">{n.basis}</Descriptions.Item>
            <Descriptions.Item label="进度">
              已销号 {n.closedCount}/{n.findingCount}
            </Descriptions.Item>
            {n.requirements && (
              <Descriptions.Item label="其他要求" span={{ xs: 1, sm: 2, lg: 3 }}>
                <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{n.requirements}</Typography.Text>
              </Descriptions.Item>
            )}
          </Descriptions>
        </Card>
        <Typography.Title level={5} style={{ margin: 0 }}>
          问题与整改（{n.findings.length}）
        </Typography.Title>
        {n.findings.map((f) => (
          <FindingRectification key={f.findingId} findingId={f.findingId} showDescription onChanged={notice.reload} />
        ))}
      </Space>
    </>
  );
}
