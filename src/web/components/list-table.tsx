import { Card, Table, type TableProps } from 'antd';
import type { ReactNode } from 'react';

/**
 * A page's main list: a small table flush in a card, keyed by `id` unless told otherwise. One piece
 * for every list page (tasks, plans, accounts, audit, rounds, circulars, reviews, interviews), so
 * they look and page alike.
 */
export function ListTable<T extends object>({ title, rowKey = 'id', ...table }: TableProps<T> & { title?: ReactNode }) {
  return (
    <Card size="small" title={title} styles={{ body: { padding: 0 } }}>
      <Table<T> size="small" rowKey={rowKey} {...table} />
    </Card>
  );
}
