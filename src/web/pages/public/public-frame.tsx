import { Button, Result } from 'antd';
import { useEffect, type ReactNode } from 'react';
import { Link } from 'react-router';
import type { ApiError } from '#web/api/request.ts';
import { PRODUCT_NAME } from '#web/config/product.ts';

/** The frame of the public pages: the product's navy band and the page, nothing of the signed-in app. */
export function PublicFrame({ title, children }: { title: string; children: ReactNode }) {
  useEffect(() => {
    document.title = `${title} - ${PRODUCT_NAME}`;
  }, [title]);
  return (
    <div style={{ flex: 1, display: 'flex', flexDirection: 'column', background: '#f0f2f5' }}>
      <header style={{ background: '#0f2c55', color: '#fff', height: 52, display: 'flex', alignItems: 'center', padding: '0 24px', gap: 10 }}>
        <Link to="/public" style={{ display: 'flex', alignItems: 'center', gap: 8, color: '#fff' }}>
          <span aria-hidden style={{ width: 28, height: 28, lineHeight: '28px', textAlign: 'center', borderRadius: 4, background: '#b3261e', fontWeight: 700, fontSize: 16 }}>
            推
          </span>
          <span style={{ fontSize: 17, fontWeight: 600, letterSpacing: 1 }}>方案落实进展公开</span>
        </Link>
      </header>
      <main style={{ width: '100%', maxWidth: 1200, margin: '0 auto', padding: '16px 16px 32px', boxSizing: 'border-box', flex: 1 }}>{children}</main>
      <footer style={{ textAlign: 'center', padding: '8px 16px 16px', color: '#8c8c8c', fontSize: 12 }}>{PRODUCT_NAME}</footer>
    </div>
  );
}

/** A failed public load: the page turned off by the administrator, a plan that is not public, or a network failure. */
export function PublicFailure({ error, onRetry }: { error: ApiError | null; onRetry: () => void }) {
  if (error?.status === 404 && error.message.includes('关闭')) {
    return <Result status="info" title="公开页面已关闭" subTitle="方案落实进展暂不对外公开。" data-testid="public-closed" />;
  }
  if (error?.status === 404) {
    return <Result status="404" title="方案不存在或未公开" extra={<Link to="/public"><Button type="primary">查看公开的方案</Button></Link>} />;
  }
  return <Result status="warning" title="加载失败" subTitle={error?.message ?? '请稍后重试'} extra={<Button type="primary" onClick={onRetry}>重试</Button>} />;
}
