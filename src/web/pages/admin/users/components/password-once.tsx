import { Alert, Modal, Typography } from 'antd';

export interface PasswordNotice {
  title: string;
  username: string;
  displayName?: string;
  password: string;
}

/** Shows an initial or reset password once, with a copy button; it cannot be looked up again. */
export function PasswordOnceModal({ notice, onClose }: { notice: PasswordNotice | null; onClose: () => void }) {
  return (
    <Modal
      title={notice?.title}
      open={notice !== null}
      onCancel={onClose}
      onOk={onClose}
      okText="我已记下"
      cancelButtonProps={{ style: { display: 'none' } }}
      mask={{ closable: false }}
    >
      {notice && (
        <>
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 16 }}
            title="初始密码只显示这一次"
            description="请复制后通过安全渠道交给本人；对方首次登录时须修改密码。关闭后如遗失，只能重置密码。"
          />
          <div style={{ display: 'grid', gridTemplateColumns: '72px 1fr', rowGap: 8, alignItems: 'center' }}>
            <Typography.Text type="secondary">用户名</Typography.Text>
            <Typography.Text strong>
              {notice.username}
              {notice.displayName ? `（${notice.displayName}）` : ''}
            </Typography.Text>
            <Typography.Text type="secondary">密码</Typography.Text>
            <Typography.Text code copyable={{ text: notice.password, tooltips: ['复制', '已复制'] }} style={{ fontSize: 16 }} data-testid="password-once">
              {notice.password}
            </Typography.Text>
          </div>
        </>
      )}
    </Modal>
  );
}
