import { Button, Result } from 'antd';
import { Link } from 'react-router';
import type { ImportDraft } from '#core/api/imports.ts';

/** A draft that is no longer open: committed (a link to its plan) or discarded (start again). */
export function ClosedDraft({ draft: d }: { draft: ImportDraft }) {
  if (d.status === 'committed') {
    return (
      <Result
        status="success"
        title="该草稿已提交为方案"
        extra={
          d.planId ? (
            <Link to={`/plans/${d.planId}`}>
              <Button type="primary">查看方案</Button>
            </Link>
          ) : (
            <Link to="/plans">
              <Button>方案列表</Button>
            </Link>
          )
        }
      />
    );
  }
  return (
    <Result
      status="info"
      title="该草稿已放弃"
      extra={
        <Link to="/imports/new">
          <Button type="primary">重新导入</Button>
        </Link>
      }
    />
  );
}
