import { DeleteOutlined, FilePdfOutlined, FileWordOutlined, SafetyCertificateOutlined, SaveOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Form, Input, List, Row, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { CASE_BLOCK_KEYS, CASE_BLOCK_LABELS, CASE_POLARITY_LABELS, type CaseCircularBlocks } from '#core/circulars/cases.ts';
import { caseCircularFileUrl, deleteCaseCircular, getCaseCircular, issueCaseCircular, updateCaseCircular, type CaseCircular } from '#web/api/rectifications.ts';
import { useCan } from '#web/auth/auth-context.tsx';
import { LoadFailed } from '#web/components/page-error.tsx';
import { PageHeader } from '#web/components/page-header.tsx';
import { PageLoading } from '#web/components/page-loading.tsx';
import { useRequest } from '#web/hooks/use-request.ts';
import { FindingStatusTag } from '#web/pages/inspections/components/tags.tsx';
import { CircularStatusTag } from '#web/pages/rounds/components/round-tags.tsx';

interface Fields {
  title: string;
  docNumber: string;
  issuer: string;
  blocks: CaseCircularBlocks;
}

const fieldsOf = (c: CaseCircular): Fields => ({ title: c.title, docNumber: c.docNumber ?? '', issuer: c.issuer, blocks: { ...c.blocks } });

/**
 * 典型案例通报 editor: the head and the prose drafted from the picked findings, beside the cases it
 * links back to. The coordinator saves and issues it; issued, it is read-only and its files download.
 */
export default function CaseCircularEditorPage() {
  const id = Number(useParams().id);
  const navigate = useNavigate();
  const { modal, message } = App.useApp();
  const mayManage = useCan()('inspection.manage');
  const loaded = useRequest((signal) => getCaseCircular(id, signal), [id]);
  const [fields, setFields] = useState<Fields | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (loaded.data) setFields(fieldsOf(loaded.data));
  }, [loaded.data]);

  if (loaded.loading && !loaded.data) return <PageLoading />;
  if (!loaded.data) return <LoadFailed error={loaded.error} what="通报" onRetry={loaded.reload} />;
  const c = loaded.data;
  const editable = mayManage && c.status === 'draft';

  async function save(): Promise<boolean> {
    if (!fields) return false;
    try {
      loaded.setData(
        await updateCaseCircular(id, { title: fields.title, docNumber: fields.docNumber.trim() || null, issuer: fields.issuer, blocks: fields.blocks }),
      );
      return true;
    } catch {
      return false;
    }
  }

  const issue = () =>
    modal.confirm({
      title: '签发典型案例通报？',
      content: '签发后不可修改，Word 与 PDF 正文随即归档。',
      okText: '签发',
      cancelText: '取消',
      onOk: async () => {
        setBusy(true);
        try {
          if (await save()) {
            loaded.setData(await issueCaseCircular(id));
            void message.success('通报已签发');
          }
        } catch {
          // Shown by the request policy.
        } finally {
          setBusy(false);
        }
      },
    });

  const remove = () =>
    modal.confirm({
      title: '删除通报草稿？',
      okText: '删除',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onOk: async () => {
        await deleteCaseCircular(id);
        navigate('/case-circulars');
      },
    });

  return (
    <>
      <PageHeader
        title={c.title}
        subTitle={<CircularStatusTag status={c.status} />}
        crumbs={[{ title: '典型案例通报', to: '/case-circulars' }, { title: c.docNumber ?? '通报' }]}
        extra={
          <>
            {editable && (
              <>
                <Button danger icon={<DeleteOutlined />} onClick={remove}>
                  删除草稿
                </Button>
                <Button icon={<SaveOutlined />} loading={busy} onClick={async () => (await save()) && void message.success('已保存')}>
                  保存
                </Button>
                <Button type="primary" icon={<SafetyCertificateOutlined />} onClick={issue}>
                  签发
                </Button>
              </>
            )}
            <Button icon={<FileWordOutlined />} href={caseCircularFileUrl(id, 'docx')} download>
              Word
            </Button>
            <Button icon={<FilePdfOutlined />} href={caseCircularFileUrl(id, 'pdf')} download>
              PDF
            </Button>
          </>
        }
      />
      <Row gutter={[12, 12]}>
        <Col xs={24} lg={16}>
          <Card size="small">
            {fields && (
              <Form layout="vertical" disabled={!editable}>
                <Row gutter={12}>
                  <Col xs={24} md={12}>
                    <Form.Item label="标题">
                      <Input value={fields.title} maxLength={200} onChange={(e) => setFields({ ...fields, title: e.target.value })} />
                    </Form.Item>
                  </Col>
                  <Col xs={12} md={6}>
                    <Form.Item label="文号">
                      <Input value={fields.docNumber} maxLength={50} onChange={(e) => setFields({ ...fields, docNumber: e.target.value })} />
                    </Form.Item>
                  </Col>
                  <Col xs={12} md={6}>
                    <Form.Item label="发文机关">
                      <Input value={fields.issuer} maxLength={100} onChange={(e) => setFields({ ...fields, issuer: e.target.value })} />
                    </Form.Item>
                  </Col>
                </Row>
                {CASE_BLOCK_KEYS.map((k) => (
                  <Form.Item key={k} label={CASE_BLOCK_LABELS[k]}>
                    <Input.TextArea
                      autoSize={k === 'addressee' ? { minRows: 1, maxRows: 2 } : { minRows: 3, maxRows: 16 }}
                      value={fields.blocks[k]}
                      maxLength={k === 'addressee' ? 500 : 5000}
                      onChange={(e) => setFields({ ...fields, blocks: { ...fields.blocks, [k]: e.target.value } })}
                    />
                  </Form.Item>
                ))}
              </Form>
            )}
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <Card size="small" title={`案例（${c.cases.length}）`}>
            <List
              size="small"
              dataSource={c.cases}
              renderItem={(x) => (
                <List.Item>
                  <div>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {CASE_POLARITY_LABELS[x.polarity]} · {x.unitName}
                    </Typography.Text>
                    <div>
                      <Link to={`/findings/${x.findingId}`}>{x.description.length > 50 ? `${x.description.slice(0, 50)}…` : x.description}</Link>
                    </div>
                    <FindingStatusTag status={x.status} />
                  </div>
                </List.Item>
              )}
            />
          </Card>
        </Col>
      </Row>
    </>
  );
}
