import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Modal, Space, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import type { SheetRowError } from '#core/api/common.ts';
import { findingsTemplateUrl, importFindings, type FindingImportResult } from '#web/api/inspections.ts';
import { sheetRowErrors } from '#web/api/ledger.ts';
import { ApiError } from '#web/api/request.ts';
import { shanghaiTime } from '#web/utils/time.ts';

/**
 * 离线填写: the plan's findings .xlsx template for teams that write offline, and its upload. The sheet
 * is first checked without writing (every row, all or none); its rows are shown, and only then imported.
 * A refused sheet lists its bad rows so that they can be fixed and the same file sent again.
 */
export function FindingsImport({ inspectionId, onImported }: { inspectionId: number; onImported: () => void }) {
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [checked, setChecked] = useState<{ file: File; result: FindingImportResult } | null>(null);
  const [refused, setRefused] = useState<{ message: string; rows: SheetRowError[] } | null>(null);

  async function send(file: File, dryRun: boolean) {
    setBusy(true);
    setRefused(null);
    try {
      const result = await importFindings(inspectionId, file, dryRun);
      if (dryRun) setChecked({ file, result });
      else {
        void message.success(`已导入 ${result.created} 条问题（${result.visits} 次走访）`);
        setOpen(false);
        setChecked(null);
        onImported();
      }
    } catch (err) {
      if (err instanceof ApiError && err.status === 400) {
        setChecked(null);
        setRefused({ message: err.message, rows: sheetRowErrors(err.details) });
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <Button size="small" icon={<UploadOutlined />} onClick={() => setOpen(true)} data-testid="findings-import-open">
        导入
      </Button>
      <Modal title="从 Excel 导入问题" open={open} footer={null} onCancel={() => setOpen(false)} width={720}>
        <Typography.Paragraph>
          1. 下载本计划的模板，离线时每行填写一条问题。
          <Button type="link" icon={<DownloadOutlined />} href={findingsTemplateUrl(inspectionId)} download data-testid="findings-template">
            下载模板
          </Button>
        </Typography.Paragraph>
        <Typography.Paragraph>2. 上传填好的表格：先逐行检查，确认后才导入；有一行有误则一行也不导入。佐证材料导入后在问题页上传。</Typography.Paragraph>
        <Upload
          accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          showUploadList={false}
          beforeUpload={(file) => {
            void send(file, true);
            return false;
          }}
        >
          <Button icon={<UploadOutlined />} loading={busy && !checked} data-testid="findings-import-file">
            选择文件
          </Button>
        </Upload>
        {checked && (
          <div style={{ marginTop: 12 }} data-testid="findings-import-preview">
            <Alert
              type="success"
              showIcon
              title={`“${checked.file.name}”共 ${checked.result.rows} 行，将建立 ${checked.result.visits} 次走访`}
              style={{ marginBottom: 8 }}
            />
            <Table
              size="small"
              rowKey="row"
              dataSource={checked.result.preview}
              pagination={checked.result.preview.length > 8 ? { pageSize: 8, size: 'small' } : false}
              scroll={{ x: 'max-content' }}
              columns={[
                { title: '行', dataIndex: 'row', width: 50 },
                { title: '单位', dataIndex: 'unitName' },
                { title: '时间', dataIndex: 'visitedAt', render: (v: string) => shanghaiTime(v, 'minute') },
                { title: '地点', dataIndex: 'place' },
                { title: '问题', dataIndex: 'description', render: (d: string) => (d.length > 30 ? `${d.slice(0, 30)}…` : d) },
                { title: '类别', dataIndex: 'categoryLabel' },
                { title: '程度', dataIndex: 'severityLabel' },
              ]}
            />
            <Space style={{ marginTop: 8 }}>
              <Button type="primary" loading={busy} onClick={() => void send(checked.file, false)} data-testid="findings-import-confirm">
                确认导入
              </Button>
              <Button onClick={() => setChecked(null)}>取消</Button>
            </Space>
          </div>
        )}
        {refused && (
          <div style={{ marginTop: 12 }} data-testid="findings-import-errors">
            <Alert type="error" showIcon title={refused.message} style={{ marginBottom: 8 }} />
            {refused.rows.length > 0 && (
              <Table<SheetRowError>
                size="small"
                rowKey={(r) => `${r.row}-${r.column}-${r.message}`}
                dataSource={refused.rows}
                pagination={refused.rows.length > 10 ? { pageSize: 10, size: 'small' } : false}
                columns={[
                  { title: '行', dataIndex: 'row', width: 60 },
                  { title: '列', dataIndex: 'column', width: 120 },
                  { title: '问题', dataIndex: 'message' },
                ]}
              />
            )}
          </div>
        )}
      </Modal>
    </>
  );
}
