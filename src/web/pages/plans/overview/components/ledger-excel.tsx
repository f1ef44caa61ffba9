import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Space, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { importLedger, ledgerXlsxUrl } from '#web/api/ledger.ts';
import type { SheetRowError } from '#core/api/common.ts';

interface Props {
  planId: number;
  /** The signed-in user's unit, when they may write its ledger (导入 and the unit's own export). */
  unit: { id: number; name: string } | null;
}

/** 工作台账 Excel: the whole plan's ledger (or the unit's) to download, and a unit's filled-in sheet to upload. */
export function LedgerExcelCard({ planId, unit }: Props) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [refused, setRefused] = useState<{ message: string; rows: SheetRowError[] } | null>(null);

  async function upload(file: File) {
    setBusy(true);
    setRefused(null);
    try {
      const result = await importLedger(planId, file, file.name);
      if (result.ok) void message.success(`已更新 ${result.applied} 项`);
      else setRefused({ message: result.message, rows: result.rows });
    } catch {
      // Shown by the request policy.
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card size="small" title="工作台账" style={{ marginBottom: 12 }} data-testid="ledger-excel">
      <Space wrap>
        <Button icon={<DownloadOutlined />} href={ledgerXlsxUrl(planId)} download data-testid="ledger-export">
          导出台账
        </Button>
        {unit && (
          <>
            <Button icon={<DownloadOutlined />} href={ledgerXlsxUrl(planId, unit.id)} download data-testid="ledger-export-unit">
              导出本单位台账
            </Button>
            <Upload
              accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              showUploadList={false}
              beforeUpload={(file) => {
                void upload(file);
                return false;
              }}
            >
              <Button type="primary" icon={<UploadOutlined />} loading={busy} data-testid="ledger-import">
                导入台账
              </Button>
            </Upload>
          </>
        )}
      </Space>
      {unit && (
        <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0', fontSize: 12 }}>
          先导出本单位台账，在表中填写具体举措后导入，即可批量更新{unit.name}的台账。
        </Typography.Paragraph>
      )}
      {refused && (
        <div style={{ marginTop: 12 }} data-testid="ledger-import-errors">
          <Alert type="error" showIcon title={refused.message} style={{ marginBottom: 8 }} closable={{ onClose: () => setRefused(null) }} />
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
    </Card>
  );
}
