import { CopyOutlined, DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { Alert, App, Button, Modal, Space, Spin, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { ApiError } from '#web/api/request.ts';
import type { SheetRowError } from '#core/api/common.ts';
import type { ImportedAccounts } from '#core/api/users.ts';
import { USER_TEMPLATE_URL, importUsers } from '#web/api/users.ts';
import { accountsCsv, accountsTsv } from '#web/pages/admin/users/accounts-export.ts';

interface Props {
  open: boolean;
  onClose: () => void;
  /** Accounts were created: the list should reload. */
  onImported: () => void;
}

/** The row errors of a refused sheet, when the server sent them. */
function rowErrors(details: unknown): SheetRowError[] {
  if (!Array.isArray(details)) return [];
  return (details as unknown[]).filter(
    (d): d is SheetRowError => typeof d === 'object' && d !== null && typeof (d as SheetRowError).row === 'number' && typeof (d as SheetRowError).message === 'string',
  );
}

function download(name: string, text: string, type: string) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** 批量导入: fill the template, upload it; either every row becomes an account or none does. */
export function ImportUsersModal({ open, onClose, onImported }: Props) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ImportedAccounts | null>(null);
  const [failure, setFailure] = useState<{ message: string; rows: SheetRowError[] } | null>(null);

  async function send(file: File) {
    setBusy(true);
    setFailure(null);
    setResult(null);
    try {
      const imported = await importUsers(file);
      setResult(imported);
      onImported();
    } catch (err) {
      if (err instanceof ApiError && err.status === 400) setFailure({ message: err.message, rows: rowErrors(err.details) });
    } finally {
      setBusy(false);
    }
  }

  const reset = () => {
    setResult(null);
    setFailure(null);
  };

  return (
    <Modal
      title="批量导入账号"
      open={open}
      onCancel={onClose}
      afterClose={reset}
      width={720}
      footer={<Button onClick={onClose}>{result ? '完成' : '关闭'}</Button>}
      mask={{ closable: !result }}
    >
      {!result && (
        <>
          <Typography.Paragraph style={{ fontSize: 13 }}>
            1. 下载模板，每行填写一个账号：用户名、姓名、单位（与“单位”页面的名称一致）、角色（如“单位管理员”，多个角色用顿号分隔）。
            <br />
            2. 上传填好的 .xlsx 文件。任何一行有错误时不会导入任何账号，请按提示修改后重新上传。
          </Typography.Paragraph>
          <a href={USER_TEMPLATE_URL} download>
            <Button icon={<DownloadOutlined />} style={{ marginBottom: 12 }}>下载模板</Button>
          </a>
          <Spin spinning={busy} description="正在导入…">
            <div data-testid="users-import-upload">
              <Upload.Dragger
                accept=".xlsx"
                multiple={false}
                showUploadList={false}
                disabled={busy}
                beforeUpload={(file) => {
                  if (!file.name.toLowerCase().endsWith('.xlsx')) {
                    setFailure({ message: '请上传 .xlsx 格式的账号表（可先下载模板）', rows: [] });
                  } else {
                    void send(file);
                  }
                  return Upload.LIST_IGNORE;
                }}
              >
                <p className="ant-upload-drag-icon"><InboxOutlined /></p>
                <p className="ant-upload-text">点击或将账号表拖到此处上传</p>
                <p className="ant-upload-hint">仅支持 .xlsx</p>
              </Upload.Dragger>
            </div>
          </Spin>
        </>
      )}
      {failure && (
        <div style={{ marginTop: 12 }} data-testid="users-import-errors">
          <Alert type="error" showIcon title={failure.rows.length ? `账号表有 ${failure.rows.length} 处问题，未导入任何账号` : failure.message} style={{ marginBottom: 8 }} />
          {failure.rows.length > 0 && (
            <Table<SheetRowError>
              size="small"
              rowKey={(r, i) => `${r.row}-${r.column}-${i}`}
              dataSource={failure.rows}
              pagination={failure.rows.length > 10 ? { pageSize: 10, size: 'small' } : false}
              columns={[
                { title: '行', dataIndex: 'row', width: 60, align: 'center' },
                { title: '列', dataIndex: 'column', width: 100 },
                { title: '问题', dataIndex: 'message' },
              ]}
            />
          )}
        </div>
      )}
      {result && (
        <div data-testid="users-import-result">
          <Alert
            type="success"
            showIcon
            title={`已创建 ${result.created} 个账号`}
            description="初始密码只显示这一次，请复制或导出后通过安全渠道分发；各账号首次登录时须修改密码。"
            style={{ marginBottom: 12 }}
          />
          <Space style={{ marginBottom: 8 }}>
            <Button
              icon={<CopyOutlined />}
              onClick={() =>
                navigator.clipboard.writeText(accountsTsv(result.accounts)).then(
                  () => void message.success('已复制，可直接粘贴到 Excel'),
                  () => void message.error('复制失败，请使用“导出 CSV”'),
                )
              }
            >
              复制全部
            </Button>
            <Button icon={<DownloadOutlined />} onClick={() => download('新建账号.csv', accountsCsv(result.accounts), 'text/csv;charset=utf-8')}>
              导出 CSV
            </Button>
          </Space>
          <Table
            size="small"
            rowKey="username"
            dataSource={result.accounts}
            pagination={result.accounts.length > 10 ? { pageSize: 10, size: 'small' } : false}
            columns={[
              { title: '用户名', dataIndex: 'username' },
              {
                title: '初始密码',
                dataIndex: 'password',
                render: (p: string) => <Typography.Text code copyable={{ text: p, tooltips: ['复制', '已复制'] }}>{p}</Typography.Text>,
              },
            ]}
          />
        </div>
      )}
    </Modal>
  );
}
