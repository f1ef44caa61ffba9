import { Button, Result } from 'antd';
import { Link, isRouteErrorResponse, useRouteError } from 'react-router';
import type { ApiError } from '../api/request.ts';

/** Unknown path. */
export function NotFound() {
  return (
    <Result
      status="404"
      title="页面不存在"
      subTitle="请检查地址，或从上方菜单进入。"
      extra={
        <Link to="/plans">
          <Button type="primary">返回方案列表</Button>
        </Link>
      }
    />
  );
}

/** A failed load: 404 reads as "not found", anything else as a load failure with a retry. */
export function LoadFailed({ error, what, onRetry }: { error: ApiError | null; what: string; onRetry?: () => void }) {
  if (error?.status === 403) {
    return (
      <Result
        status="403"
        title={`无权查看该${what}`}
        subTitle={error.message}
        extra={
          <Link to="/">
            <Button>返回首页</Button>
          </Link>
        }
      />
    );
  }
  if (error?.status === 404) {
    return (
      <Result
        status="404"
        title={`${what}不存在`}
        subTitle={error.message}
        extra={
          <Link to="/plans">
            <Button>返回方案列表</Button>
          </Link>
        }
      />
    );
  }
  return (
    <Result
      status="warning"
      title={`${what}加载失败`}
      subTitle={error?.message ?? '请稍后重试'}
      extra={
        onRetry ? (
          <Button type="primary" onClick={onRetry}>
            重试
          </Button>
        ) : undefined
      }
    />
  );
}

/** Render errors (including a page chunk that failed to load after a deploy). */
export function RouteError() {
  const error = useRouteError();
  if (isRouteErrorResponse(error) && error.status === 404) return <NotFound />;
  return (
    <Result
      status="error"
      title="页面出错了"
      subTitle="可能是系统刚刚更新，请刷新页面后重试。"
      extra={
        <Button type="primary" onClick={() => window.location.reload()}>
          刷新页面
        </Button>
      }
    />
  );
}
