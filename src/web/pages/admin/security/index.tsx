import { Col, Row } from 'antd';
import { SecuritySettingsCard } from '#web/auth/security-settings-card.tsx';
import { PageHeader } from '#web/components/page-header.tsx';

/**
 * 安全设置: the sign-in and session rules (timeouts, lock, password expiry, who needs a second factor).
 * The security administrator's page, apart from the system settings (三权分立).
 */
export default function SecuritySettingsPage() {
  return (
    <>
      <PageHeader title="安全设置" crumbs={[{ title: '安全设置' }]} />
      <Row gutter={12}>
        <Col xs={24} xl={12}>
          <SecuritySettingsCard />
        </Col>
      </Row>
    </>
  );
}
