import { Card, Col, Empty, Progress, Row, Typography } from 'antd';
import { Link } from 'react-router';
import { getPublicPlans } from '#web/api/public.ts';
import { PageLoading } from '#web/components/page-loading.tsx';
import { useRequest } from '#web/hooks/use-request.ts';
import { PublicFailure, PublicFrame } from './public-frame.tsx';

/** 公开进展: the published plans and how far each has come; no sign-in. */
export default function PublicPlansPage() {
  const plans = useRequest((signal) => getPublicPlans(signal), []);
  return (
    <PublicFrame title="公开进展">
      {plans.loading && !plans.data ? (
        <PageLoading />
      ) : !plans.data ? (
        <PublicFailure error={plans.error} onRetry={plans.reload} />
      ) : (
        <>
          <Typography.Title level={3} style={{ margin: '8px 0 16px' }}>方案落实进展</Typography.Title>
          {plans.data.data.length === 0 ? (
            <Empty description="暂无公开的方案" />
          ) : (
            <Row gutter={[16, 16]}>
              {plans.data.data.map((p) => (
                <Col key={p.id} xs={24} md={12}>
                  <Link to={`/public/plans/${p.id}`} data-testid="public-plan-link">
                    <Card hoverable style={{ height: '100%' }}>
                      <Typography.Title level={5} style={{ marginTop: 0 }}>{p.title}</Typography.Title>
                      <Typography.Text type="secondary">{[p.number, p.year ? `${p.year}年` : null].filter(Boolean).join(' · ')}</Typography.Text>
                      <div style={{ marginTop: 12, display: 'flex', alignItems: 'center', gap: 12 }}>
                        <Progress percent={p.tasks ? Math.round((p.done / p.tasks) * 1000) / 10 : 0} strokeColor="#52c41a" style={{ flex: 1, margin: 0 }} />
                        <Typography.Text style={{ whiteSpace: 'nowrap' }}>已完成 {p.done} / {p.tasks} 项</Typography.Text>
                      </div>
                    </Card>
                  </Link>
                </Col>
              ))}
            </Row>
          )}
        </>
      )}
    </PublicFrame>
  );
}
