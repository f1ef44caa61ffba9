import { Button, Card, Result } from 'antd';
import { Link } from 'react-router';

/** What a unit page shows an account that belongs to no unit (我的单位, 工作台): why it is empty, and where to go. */
export function NoUnit() {
  return (
    <Card>
      <Result
        status="info"
        title="当前账号未关联单位"
        subTitle="请联系系统管理员为账号设置所属单位，或从“方案”查看全部任务。"
        extra={
          <Link to="/plans">
            <Button type="primary">查看方案</Button>
          </Link>
        }
      />
    </Card>
  );
}
