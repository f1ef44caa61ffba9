import { CheckOutlined } from '@ant-design/icons';
import { App, Badge, Button, Card, Empty, List, Segmented, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { findNotifications, readAllNotifications, readNotification } from '#web/api/notifications.ts';
import type { AppNotification } from '#core/api/notifications.ts';
import { LoadFailed } from '#web/components/page-error.tsx';
import { PageHeader } from '#web/components/page-header.tsx';
import { useRequest } from '#web/hooks/use-request.ts';
import { NOTIFICATION_KIND_COLORS, NOTIFICATION_KIND_LABELS, NOTIFICATIONS_CHANGED } from '#web/utils/notifications.ts';
import { shanghaiTime } from '#web/utils/time.ts';

const PAGE_SIZE = 20;

/** 通知中心: reminders, 催办, 督办 and 约谈建议 addressed to the user, newest first. */
export default function NotificationsPage() {
  const { message } = App.useApp();
  const [onlyUnread, setOnlyUnread] = useState(false);
  const [page, setPage] = useState(1);
  const list = useRequest((signal) => findNotifications({ unread: onlyUnread, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }, signal), [onlyUnread, page]);
  const [busy, setBusy] = useState(false);

  const changed = () => window.dispatchEvent(new Event(NOTIFICATIONS_CHANGED));

  async function markRead(n: AppNotification) {
    try {
      const saved = await readNotification(n.id);
      if (list.data) list.setData({ ...list.data, data: list.data.data.map((x) => (x.id === n.id ? saved : x)), unread: Math.max(0, list.data.unread - 1) });
      changed();
    } catch {
      // Shown by the request policy.
    }
  }

  async function markAll() {
    setBusy(true);
    try {
      const { updated } = await readAllNotifications();
      void message.success(updated > 0 ? `已将 ${updated} 条通知标为已读` : '没有未读通知');
      list.reload();
      changed();
    } catch {
      // Shown by the request policy.
    } finally {
      setBusy(false);
    }
  }

  if (!list.data && !list.loading) return <LoadFailed error={list.error} what="通知" onRetry={list.reload} />;
  const unread = list.data?.unread ?? 0;

  return (
    <>
      <PageHeader
        title="通知中心"
        subTitle={`${unread} 条未读`}
        extra={
          <Button icon={<CheckOutlined />} onClick={markAll} loading={busy} disabled={unread === 0} data-testid="notifications-read-all">
            全部已读
          </Button>
        }
      />
      <Card size="small">
        <Segmented
          style={{ marginBottom: 8 }}
          value={onlyUnread ? 'unread' : 'all'}
          options={[{ value: 'all', label: '全部' }, { value: 'unread', label: '未读' }]}
          onChange={(v) => {
            setOnlyUnread(v === 'unread');
            setPage(1);
          }}
        />
        <List<AppNotification>
          loading={list.loading}
          dataSource={list.data?.data ?? []}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={onlyUnread ? '没有未读通知' : '暂无通知'} /> }}
          pagination={(list.data?.total ?? 0) > PAGE_SIZE ? { current: page, pageSize: PAGE_SIZE, total: list.data?.total, onChange: setPage, size: 'small' } : false}
          renderItem={(n) => (
            <List.Item
              data-testid="notification-item"
              data-read={n.readAt ? 'true' : 'false'}
              actions={n.readAt ? [] : [<Button key="read" type="link" size="small" onClick={() => markRead(n)} data-testid="notification-read">标为已读</Button>]}
            >
              <List.Item.Meta
                title={
                  <Space size={8} wrap>
                    {!n.readAt && <Badge status="error" />}
                    <Tag color={NOTIFICATION_KIND_COLORS[n.kind]}>{NOTIFICATION_KIND_LABELS[n.kind]}</Tag>
                    <Typography.Text strong={!n.readAt}>{n.title}</Typography.Text>
                    {n.taskId !== null && (
                      <Link to={`/tasks/${n.taskId}`} onClick={() => (n.readAt ? undefined : void markRead(n))}>
                        查看任务
                      </Link>
                    )}
                  </Space>
                }
                description={
                  <>
                    <Typography.Paragraph style={{ marginBottom: 4, whiteSpace: 'pre-wrap' }}>{n.body}</Typography.Paragraph>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>{shanghaiTime(n.createdAt, 'minute')}</Typography.Text>
                  </>
                }
              />
            </List.Item>
          )}
        />
      </Card>
    </>
  );
}
