import { FileOutlined } from '@ant-design/icons';
import { Empty, Image, Space, Typography } from 'antd';
import type { Evidence } from '#web/api/inspections.ts';
import { formatBytes } from '#web/utils/file-check.ts';
import { shanghaiTime } from '#web/utils/time.ts';

/**
 * The evidence of a finding as it arrived: photos as thumbnails that open large, audio and video
 * playable in place, documents as links; each with its SHA-256 prefix and upload time, since a covert
 * visit's evidence is kept unaltered and must be shown to be.
 */
export function EvidenceList({ items, urlOf }: { items: Evidence[]; urlOf: (id: number) => string }) {
  if (items.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有佐证材料" />;
  return (
    <Space wrap size={12} align="start" data-testid="evidence-list">
      {items.map((e) => (
        <div key={e.id} style={{ width: 180 }} data-testid="evidence-item" data-kind={e.kind}>
          {e.kind === 'photo' ? (
            <Image src={urlOf(e.id)} alt={e.fileName} width={180} height={120} style={{ objectFit: 'cover', borderRadius: 4 }} />
          ) : e.kind === 'video' ? (
            // biome-ignore lint/a11y/useMediaCaption: evidence recorded on site has no captions to offer.
            <video src={urlOf(e.id)} controls preload="metadata" style={{ width: 180, height: 120, background: '#000', borderRadius: 4 }} />
          ) : e.kind === 'audio' ? (
            // biome-ignore lint/a11y/useMediaCaption: evidence recorded on site has no captions to offer.
            <audio src={urlOf(e.id)} controls preload="none" style={{ width: 180 }} />
          ) : (
            <a href={urlOf(e.id)} download style={{ display: 'flex', height: 60, alignItems: 'center', gap: 6 }}>
              <FileOutlined style={{ fontSize: 24 }} />
              下载
            </a>
          )}
          <Typography.Text ellipsis style={{ display: 'block', fontSize: 12, marginTop: 4 }} title={e.fileName}>
            <a href={urlOf(e.id)} download data-testid="evidence-download">
              {e.fileName}
            </a>
          </Typography.Text>
          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 11 }}>
            {formatBytes(e.size)} · {shanghaiTime(e.createdAt, 'minute')}
          </Typography.Text>
          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 11, fontFamily: 'monospace' }} title={e.sha256}>
            SHA-256 {e.sha256.slice(0, 12)}…
          </Typography.Text>
        </div>
      ))}
    </Space>
  );
}
