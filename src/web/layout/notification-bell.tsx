import { BellOutlined } from '@ant-design/icons';
import { Badge } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useLocation } from 'react-router';
import { findNotifications } from '../api/notifications.ts';
import { NOTIFICATIONS_CHANGED, unreadBadge } from '#web/utils/notifications.ts';

/** How often the bell asks for unread notifications. */
export const NOTIFICATION_POLL_MS = 60_000;

/** The header bell: unread count, polled every minute, leading to 通知中心. */
export function NotificationBell() {
  const [unread, setUnread] = useState(0);
  const location = useLocation();

  useEffect(() => {
    let controller = new AbortController();
    const load = () => {
      controller.abort();
      controller = new AbortController();
      findNotifications({ unread: true, limit: 1 }, controller.signal).then(
        (res) => setUnread(res.unread),
        // A failed poll keeps the last count; the request policy already told the user.
        () => undefined,
      );
    };
    load();
    const timer = window.setInterval(load, NOTIFICATION_POLL_MS);
    window.addEventListener(NOTIFICATIONS_CHANGED, load);
    return () => {
      window.clearInterval(timer);
      window.removeEventListener(NOTIFICATIONS_CHANGED, load);
      controller.abort();
    };
  }, [location.pathname]);

  return (
    <Link to="/notifications" aria-label={`通知中心，${unread} 条未读`} data-testid="notification-bell" data-unread={unread} style={{ display: 'flex', alignItems: 'center', lineHeight: '48px' }}>
      <Badge count={unreadBadge(unread)} size="small" offset={[2, -2]}>
        <BellOutlined style={{ fontSize: 18, color: '#fff' }} />
      </Badge>
    </Link>
  );
}
