import { Spin } from 'antd';

/** Shown while a page's code or first data loads. */
export function PageLoading() {
  return (
    <div style={{ padding: 80, textAlign: 'center' }}>
      <Spin description="加载中…" />
    </div>
  );
}
