import { FileExcelOutlined, FilePdfOutlined, FileWordOutlined } from '@ant-design/icons';
import { Button, Space } from 'antd';
import type { ReactNode } from 'react';
import { circularFileUrl, type CircularFileType } from '#web/api/circulars.ts';

const FILES: { type: CircularFileType; label: string; icon: ReactNode }[] = [
  { type: 'docx', label: 'Word', icon: <FileWordOutlined /> },
  { type: 'pdf', label: 'PDF', icon: <FilePdfOutlined /> },
  { type: 'xlsx', label: '台账 Excel', icon: <FileExcelOutlined /> },
];

/** The issued circular's three archived files, as plain download links (the session cookie authorises them). */
export function CircularDownloads({ id, size, types = ['docx', 'pdf', 'xlsx'] }: { id: number; size?: 'small' | 'middle'; types?: CircularFileType[] }) {
  return (
    <Space size={6} wrap>
      {FILES.filter((f) => types.includes(f.type)).map((f) => (
        <Button key={f.type} size={size} icon={f.icon} href={circularFileUrl(id, f.type)} download data-testid={`circular-download-${f.type}`}>
          {f.label}
        </Button>
      ))}
    </Space>
  );
}
