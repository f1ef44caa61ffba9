import { DeleteOutlined, EyeOutlined, SafetyCertificateOutlined, SaveOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Dropdown, Form, Input, Row, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { CIRCULAR_BLOCK_KEYS, CIRCULAR_BLOCK_LABELS } from '#core/circulars/types.ts';
import { circularFileUrl, deleteCircular, getCircular, issueCircular, updateCircular, type Circular, type CircularBlocks, type CircularFileType } from '#web/api/circulars.ts';
import { useCan } from '#web/auth/auth-context.tsx';
import { LoadFailed } from '#web/components/page-error.tsx';
import { PageHeader } from '#web/components/page-header.tsx';
import { PageLoading } from '#web/components/page-loading.tsx';
import { useRequest } from '#web/hooks/use-request.ts';
import { shanghaiTime } from '#web/utils/time.ts';
import { CircularStatusTag } from '#web/pages/rounds/components/round-tags.tsx';
import { CircularDownloads } from '../components/circular-downloads.tsx';
import { blockPreview } from './block-preview.tsx';
import { changesOf, fieldsOf, fieldsProblem, type CircularFields } from './editor-state.ts';
import { useLeaveGuard } from '#web/hooks/use-leave-guard.ts';

/** Rows a block's text area starts with: the one-line 主送机关 small, the prose larger. */
const BLOCK_ROWS: Partial<Record<keyof CircularBlocks, { minRows: number; maxRows: number }>> = { addressee: { minRows: 1, maxRows: 2 } };

/** Starts a download of `url` as a click on a link would (the session cookie authorises it). */
function download(url: string) {
  const a = document.createElement('a');
  a.href = url;
  a.download = '';
  document.body.append(a);
  a.click();
  a.remove();
}

/**
 * 通报编辑: the circular's head (title, 文号, 发文机关) and its text blocks, each beside the snapshot
 * figures it is written about. The coordinator saves, previews, and issues it; an issued circular is
 * read-only and its three archived files download.
 */
export default function CircularEditorPage() {
  const id = Number(useParams().id);
  const navigate = useNavigate();
  const { modal, message } = App.useApp();
  const mayManage = useCan()('round.manage');
  const loaded = useRequest((signal) => getCircular(id, signal), [id]);
  const [saved, setSaved] = useState<CircularFields | null>(null);
  const [edited, setEdited] = useState<CircularFields | null>(null);
  const [busy, setBusy] = useState<'save' | 'issue' | 'preview' | 'delete' | null>(null);

  useEffect(() => {
    if (!loaded.data) return;
    setSaved(fieldsOf(loaded.data));
    setEdited(fieldsOf(loaded.data));
  }, [loaded.data]);

  const c = loaded.data;
  const editable = mayManage && c?.status === 'draft';
  const changes = useMemo(() => (saved && edited ? changesOf(saved, edited) : null), [saved, edited]);
  const dirty = editable === true && changes !== null;
  const allowLeave = useLeaveGuard(dirty, '通报');

  /** PATCHes what changed; true when the circular on the server now matches the editor. */
  const save = useCallback(async (): Promise<boolean> => {
    if (!edited || !saved) return false;
    const problem = fieldsProblem(edited);
    if (problem) {
      void message.error(problem);
      return false;
    }
    const update = changesOf(saved, edited);
    if (!update) return true;
    try {
      const next: Circular = await updateCircular(id, update);
      loaded.setData(next);
      return true;
    } catch {
      // Shown by the request policy.
      return false;
    }
  }, [edited, saved, id, loaded, message]);

  async function onSave() {
    setBusy('save');
    if (await save()) void message.success('已保存');
    setBusy(null);
  }

  // Ctrl+S / ⌘S saves, as in a word processor.
  useEffect(() => {
    if (!editable) return;
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') {
        e.preventDefault();
        void onSave();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  async function preview(type: CircularFileType) {
    setBusy('preview');
    // The preview is generated from what the server holds: save the edits first.
    if (await save()) download(circularFileUrl(id, type));
    setBusy(null);
  }

  const issue = () =>
    modal.confirm({
      title: '签发通报？',
      content: '签发后不可修改。签发时生成并归档 Word、PDF 正文和 Excel 台账附件，今后下载的都是这三份文件。',
      okText: '签发',
      okButtonProps: { 'data-testid': 'circular-issue-confirm' },
      cancelText: '取消',
      onOk: async () => {
        setBusy('issue');
        try {
          if (!(await save())) return;
          const issued = await issueCircular(id);
          loaded.setData(issued);
          void message.success('通报已签发');
        } catch {
          // Shown by the request policy.
        } finally {
          setBusy(null);
        }
      },
    });

  const remove = () =>
    modal.confirm({
      title: '删除通报草稿？',
      content: '删除后可在调度页重新生成。',
      okText: '删除',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onOk: async () => {
        if (!c) return;
        setBusy('delete');
        try {
          await deleteCircular(id);
          // Nothing left to lose: leave without the unsaved-changes question.
          allowLeave();
          void message.success('草稿已删除');
          navigate(`/rounds/${c.roundId}`);
        } catch {
          // Shown by the request policy.
        } finally {
          setBusy(null);
        }
      },
    });

  if (loaded.loading && !c) return <PageLoading />;
  if (!c) return <LoadFailed error={loaded.error} what="通报" onRetry={loaded.reload} />;
  if (!edited) return <PageLoading />;

  const setHead = (patch: Partial<Omit<CircularFields, 'blocks'>>) => setEdited((f) => (f ? { ...f, ...patch } : f));
  const setBlock = (key: keyof CircularBlocks, text: string) => setEdited((f) => (f ? { ...f, blocks: { ...f.blocks, [key]: text } } : f));

  return (
    <>
      {/* While editing, the head with 保存 and 签发 stays in view under the top bar however far down the text is. */}
      <div style={editable ? { position: 'sticky', top: 48, zIndex: 9, background: '#f0f2f5' } : undefined}>
        <PageHeader
          title={
            // A circular's title is long: one line, cut short, so that the actions keep their place.
            <div style={{ display: 'flex', alignItems: 'center', gap: 10, minWidth: 0 }}>
              <span style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', minWidth: 0 }} title={c.title}>{c.title}</span>
              <CircularStatusTag status={c.status} />
              <Typography.Text type={dirty ? 'warning' : 'secondary'} style={{ fontSize: 13, fontWeight: 400, whiteSpace: 'nowrap' }} data-testid="circular-save-state">
                {c.issuedAt ? `签发于 ${shanghaiTime(c.issuedAt, 'minute')}` : dirty ? '有未保存的修改' : `保存于 ${shanghaiTime(c.updatedAt, 'minute')}`}
              </Typography.Text>
            </div>
          }
          crumbs={[{ title: '调度通报', to: '/circulars' }, { title: c.roundTitle, to: `/rounds/${c.roundId}` }, { title: c.docNumber ?? '通报' }]}
          extra={
            editable ? (
              <>
                <Button danger icon={<DeleteOutlined />} onClick={remove} loading={busy === 'delete'} data-testid="circular-delete">删除草稿</Button>
                <Dropdown
                  menu={{
                    items: [
                      { key: 'docx', label: '预览 Word（.docx）' },
                      { key: 'pdf', label: '预览 PDF' },
                    ],
                    onClick: ({ key }) => void preview(key as CircularFileType),
                  }}
                >
                  <Button icon={<EyeOutlined />} loading={busy === 'preview'} data-testid="circular-preview">预览下载</Button>
                </Dropdown>
                <Button icon={<SaveOutlined />} onClick={() => void onSave()} loading={busy === 'save'} disabled={!dirty} data-testid="circular-save">
                  保存
                </Button>
                <Button type="primary" icon={<SafetyCertificateOutlined />} onClick={issue} loading={busy === 'issue'} data-testid="circular-issue">
                  签发
                </Button>
              </>
            ) : c.status === 'issued' ? (
              <CircularDownloads id={c.id} />
            ) : undefined
          }
        />
      </div>
      {c.status === 'issued' && (
        <Alert type="success" showIcon style={{ marginBottom: 12 }} title="通报已签发归档，内容不可修改；下载的文件即签发时归档的文件。" data-testid="circular-issued" />
      )}
      {editable && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={
            <>
              通报的表格（各领域推进情况、逾期任务、单位排名）取自 <Link to={`/rounds/${c.roundId}`}>{c.roundTitle}</Link> 结束时冻结的快照，不可修改；可修改的是表格前后的文字。
            </>
          }
        />
      )}
      <Card size="small" title="文头" style={{ marginBottom: 12 }}>
        {editable ? (
          <Form layout="vertical" autoComplete="off" requiredMark="optional">
            <Row gutter={16}>
              <Col xs={24} lg={12}>
                <Form.Item label="标题" required style={{ marginBottom: 8 }} tooltip="回车处即印刷标题的换行处；不换行则自动断行">
                  <Input.TextArea
                    value={edited.title}
                    maxLength={200}
                    autoSize={{ minRows: 1, maxRows: 3 }}
                    onChange={(e) => setHead({ title: e.target.value })}
                    data-testid="circular-title"
                  />
                </Form.Item>
              </Col>
              <Col xs={12} lg={5}>
                <Form.Item label="文号/期号" style={{ marginBottom: 8 }}>
                  <Input value={edited.docNumber} maxLength={50} placeholder="如：第3期，或 山政办〔2021〕12号" onChange={(e) => setHead({ docNumber: e.target.value })} data-testid="circular-doc-number" />
                </Form.Item>
              </Col>
              <Col xs={12} lg={7}>
                <Form.Item label="发文机关" required style={{ marginBottom: 8 }}>
                  <Input value={edited.issuer} maxLength={100} onChange={(e) => setHead({ issuer: e.target.value })} data-testid="circular-issuer" />
                </Form.Item>
              </Col>
            </Row>
          </Form>
        ) : (
          <div style={{ textAlign: 'center' }}>
            <Typography.Text style={{ color: '#b3261e', fontSize: 18, fontWeight: 600 }}>{c.issuer}</Typography.Text>
            {c.docNumber && <div style={{ marginTop: 4 }}>{c.docNumber}</div>}
            <Typography.Title level={4} style={{ marginTop: 12, marginBottom: 0, whiteSpace: 'pre-line' }}>{c.title}</Typography.Title>
          </div>
        )}
      </Card>
      {CIRCULAR_BLOCK_KEYS.map((key) => {
        const preview = blockPreview(key, c.snapshot);
        const text = (
          <div>
            <Typography.Text strong style={{ display: 'block', marginBottom: 6 }}>{CIRCULAR_BLOCK_LABELS[key]}</Typography.Text>
            {editable ? (
              <Input.TextArea
                value={edited.blocks[key]}
                onChange={(e) => setBlock(key, e.target.value)}
                autoSize={BLOCK_ROWS[key] ?? { minRows: 4, maxRows: 16 }}
                maxLength={key === 'addressee' ? 500 : 5000}
                aria-label={CIRCULAR_BLOCK_LABELS[key]}
                data-testid={`block-${key}`}
              />
            ) : (
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }} data-testid={`block-${key}`}>
                {c.blocks[key] || <Typography.Text type="secondary">（空）</Typography.Text>}
              </Typography.Paragraph>
            )}
          </div>
        );
        return (
          <Card key={key} size="small" style={{ marginBottom: 12 }} data-testid={`block-card-${key}`}>
            {preview ? (
              <Row gutter={16}>
                <Col xs={24} xl={11}>{text}</Col>
                <Col xs={24} xl={13}>
                  <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 6, fontSize: 12 }}>快照数据（只读）</Typography.Text>
                  {preview}
                </Col>
              </Row>
            ) : (
              text
            )}
          </Card>
        );
      })}
    </>
  );
}
