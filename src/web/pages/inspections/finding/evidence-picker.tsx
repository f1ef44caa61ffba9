import { CameraOutlined, DeleteOutlined, PaperClipOutlined } from '@ant-design/icons';
import { Button, List, Space, Typography } from 'antd';
import { useRef } from 'react';
import { formatBytes } from '#web/utils/file-check.ts';

/** A file waiting to be sent with the finding, and why it cannot be, if it cannot. */
export interface PickedFile {
  key: string;
  file: File;
  error: string | null;
}

interface Props {
  files: PickedFile[];
  /** What the picker takes from the file chooser (the camera takes image/video/audio). */
  accept: string;
  check: (file: { name: string; size: number; type: string }) => string | null;
  onChange: (files: PickedFile[]) => void;
  disabled?: boolean;
}

let counter = 0;

/**
 * 佐证材料: on a phone, "拍照/录像" opens the back camera straight away (`capture="environment"`), and
 * "选择文件" the gallery or files. Each file is checked here (type, size) and a refused one says why
 * beside its name, before anything is sent.
 */
export function EvidencePicker({ files, accept, check, onChange, disabled }: Props) {
  const camera = useRef<HTMLInputElement>(null);
  const chooser = useRef<HTMLInputElement>(null);

  const add = (list: FileList | null) => {
    if (!list) return;
    const picked = Array.from(list, (file) => ({ key: `f${++counter}`, file, error: check(file) }));
    onChange([...files, ...picked]);
  };

  return (
    <div data-testid="evidence-picker">
      <input
        ref={camera}
        type="file"
        accept="image/*,video/*,audio/*"
        capture="environment"
        style={{ display: 'none' }}
        onChange={(e) => {
          add(e.target.files);
          e.target.value = '';
        }}
        data-testid="evidence-camera"
      />
      <input
        ref={chooser}
        type="file"
        accept={accept}
        multiple
        style={{ display: 'none' }}
        onChange={(e) => {
          add(e.target.files);
          e.target.value = '';
        }}
        data-testid="evidence-file"
      />
      <Space wrap>
        <Button icon={<CameraOutlined />} onClick={() => camera.current?.click()} disabled={disabled} size="large">
          拍照/录像
        </Button>
        <Button icon={<PaperClipOutlined />} onClick={() => chooser.current?.click()} disabled={disabled} size="large">
          选择文件
        </Button>
      </Space>
      {files.length > 0 && (
        <List
          size="small"
          style={{ marginTop: 8 }}
          dataSource={files}
          renderItem={(f) => (
            <List.Item
              data-testid="evidence-picked"
              data-error={f.error !== null}
              actions={[
                <Button
                  key="rm"
                  type="text"
                  size="small"
                  icon={<DeleteOutlined />}
                  aria-label="移除"
                  onClick={() => onChange(files.filter((x) => x.key !== f.key))}
                />,
              ]}
            >
              <div style={{ minWidth: 0 }}>
                <Typography.Text ellipsis style={{ maxWidth: 260 }}>
                  {f.file.name}
                </Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineStart: 8 }}>
                  {formatBytes(f.file.size)}
                </Typography.Text>
                {f.error && (
                  <Typography.Text type="danger" style={{ display: 'block', fontSize: 12 }} data-testid="evidence-error">
                    {f.error}
                  </Typography.Text>
                )}
              </div>
            </List.Item>
          )}
        />
      )}
    </div>
  );
}
