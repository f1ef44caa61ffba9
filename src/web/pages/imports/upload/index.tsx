import { InboxOutlined } from '@ant-design/icons';
import { Alert, Card, Col, Row, Spin, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { uploadPlanDocument } from '#web/api/imports.ts';
import { ApiError } from '#web/api/request.ts';
import { PageHeader } from '#web/components/page-header.tsx';
import { PLAN_FILE_ACCEPT, checkPlanFile, formatBytes } from '#web/utils/file-check.ts';
import { type Conflict, ConflictAlert, conflictOf } from '../conflict.tsx';
import { ImportSteps } from '../steps.tsx';

/** 导入方案: upload a plan document; the server reads it into a draft, which opens in the editor. */
export default function ImportUploadPage() {
  const navigate = useNavigate();
  const [uploading, setUploading] = useState<{ name: string; size: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [conflict, setConflict] = useState<Conflict | null>(null);

  async function send(file: File) {
    setError(null);
    setConflict(null);
    setUploading({ name: file.name, size: file.size });
    try {
      const draft = await uploadPlanDocument(file);
      navigate(`/imports/${draft.id}`);
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) setConflict(conflictOf(err));
      else if (err instanceof ApiError) setError(err.message);
    } finally {
      setUploading(null);
    }
  }

  return (
    <>
      <PageHeader title="导入方案" crumbs={[{ title: '方案列表', to: '/plans' }, { title: '导入方案' }]}>
        <ImportSteps current={0} />
      </PageHeader>
      <Row gutter={12}>
        <Col xs={24} lg={16}>
          <Card size="small">
            {conflict && <ConflictAlert conflict={conflict} />}
            {error && <Alert type="error" showIcon style={{ marginBottom: 12 }} title={error} data-testid="import-error" />}
            <Spin spinning={uploading !== null} description={uploading ? `正在读取 ${uploading.name}（${formatBytes(uploading.size)}）…` : undefined}>
              {/* The test id sits on a wrapper: antd copies data-* props onto the hidden input itself. */}
              <div data-testid="import-upload">
                <Upload.Dragger
                  accept={PLAN_FILE_ACCEPT}
                  multiple={false}
                  showUploadList={false}
                  disabled={uploading !== null}
                  beforeUpload={(file) => {
                    const problem = checkPlanFile(file);
                    if (problem) {
                      setConflict(null);
                      setError(problem);
                    } else {
                      void send(file);
                    }
                    // The file is sent by `send` through the API client, never by the Upload component.
                    return Upload.LIST_IGNORE;
                  }}
                  style={{ padding: '24px 0' }}
                >
                  <p className="ant-upload-drag-icon">
                    <InboxOutlined />
                  </p>
                  <p className="ant-upload-text">点击或将方案文件拖到此处上传</p>
                  <p className="ant-upload-hint">支持 .docx、.doc、.wps、.pdf、.html、.txt，单个文件不超过 10 MB</p>
                </Upload.Dragger>
              </div>
            </Spin>
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <Card size="small" title="导入说明">
            <Typography.Paragraph style={{ fontSize: 13, marginBottom: 8 }}>
              系统读取文件中的文号、发文机关、发文日期、标题，以及附件中按章节编号的各项任务，识别每项任务的
              <Typography.Text mark>截止时间</Typography.Text>、牵头单位和责任单位。
            </Typography.Paragraph>
            <Typography.Paragraph style={{ fontSize: 13, marginBottom: 8 }}>
              上传后先生成<strong>草稿</strong>：可对照原文逐条核对，合并被拆开的任务、拆分粘连的任务、补充遗漏内容，确认无误后再提交为正式方案。
            </Typography.Paragraph>
            <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 0 }}>
              同一文件已导入为方案时，系统会提示并给出已有方案的链接，不会重复导入。
            </Typography.Paragraph>
          </Card>
        </Col>
      </Row>
    </>
  );
}
