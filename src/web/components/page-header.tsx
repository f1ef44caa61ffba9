import { Breadcrumb, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';

export interface Crumb {
  title: string;
  to?: string;
}

interface Props {
  title: ReactNode;
  /** Small text after the title, e.g. the document number. */
  subTitle?: ReactNode;
  crumbs?: Crumb[];
  /** Actions on the right. */
  extra?: ReactNode;
  children?: ReactNode;
}

/** The head of a page: breadcrumb, title and actions, on a white band. */
export function PageHeader({ title, subTitle, crumbs, extra, children }: Props) {
  return (
    <div style={{ background: '#fff', padding: '10px 16px 12px', marginBottom: 12, borderRadius: 4 }}>
      {crumbs && crumbs.length > 0 && (
        <Breadcrumb style={{ marginBottom: 4, fontSize: 12 }} items={crumbs.map((c) => ({ title: c.to ? <Link to={c.to}>{c.title}</Link> : c.title }))} />
      )}
      <div style={{ display: 'flex', alignItems: 'center', gap: 12, flexWrap: 'wrap' }}>
        <Typography.Title level={4} style={{ margin: 0, flex: '1 1 auto', minWidth: 0 }}>
          {title}
          {subTitle && (
            <Typography.Text type="secondary" style={{ fontSize: 13, fontWeight: 400, marginInlineStart: 12 }}>
              {subTitle}
            </Typography.Text>
          )}
        </Typography.Title>
        {extra && <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap' }}>{extra}</div>}
      </div>
      {children && <div style={{ marginTop: 8 }}>{children}</div>}
    </div>
  );
}
