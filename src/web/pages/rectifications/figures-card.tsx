import { DownloadOutlined } from '@ant-design/icons';
import { Button, Card, Col, Row, Statistic, Table, Typography } from 'antd';
import { figuresXlsxUrl, type RectificationFigures } from '#web/api/rectifications.ts';
import { rateText } from './rect-utils.ts';

/** 整改率 and overdue, overall and per unit (most overdue first), as the reader may see them. */
export function FiguresCard({ figures }: { figures: RectificationFigures }) {
  const o = figures.overall;
  return (
    <Card
      size="small"
      title="整改情况"
      extra={
        <Button size="small" icon={<DownloadOutlined />} href={figuresXlsxUrl()} download>
          导出
        </Button>
      }
      data-testid="rect-figures"
    >
      <Row gutter={[16, 12]}>
        <Col xs={12} sm={8} md={4}>
          <Statistic title="已交办问题" value={o.noticed} data-testid="rect-noticed" />
        </Col>
        <Col xs={12} sm={8} md={4}>
          <Statistic title="已销号" value={o.closed} data-testid="rect-closed" />
        </Col>
        <Col xs={12} sm={8} md={4}>
          <Statistic title="整改率" value={rateText(o.rate)} data-testid="rect-rate" />
        </Col>
        <Col xs={12} sm={8} md={4}>
          <Statistic title="逾期未改" value={o.overdue} styles={{ content: o.overdue > 0 ? { color: '#cf1322' } : undefined }} data-testid="rect-overdue" />
        </Col>
        <Col xs={12} sm={8} md={4}>
          <Statistic title="待复查" value={o.awaitingRecheck} data-testid="rect-awaiting" />
        </Col>
        <Col xs={12} sm={8} md={4}>
          <Statistic title="建议提级" value={figures.escalations} />
        </Col>
      </Row>
      {figures.units.length > 1 && (
        <Table
          size="small"
          style={{ marginTop: 12 }}
          rowKey="unitId"
          dataSource={figures.units}
          pagination={figures.units.length > 10 ? { pageSize: 10, size: 'small' } : false}
          columns={[
            { title: '单位', dataIndex: 'unitName' },
            { title: '交办', key: 'n', width: 70, align: 'right', responsive: ['sm'], render: (_, u) => u.figures.noticed },
            { title: '销号', key: 'c', width: 70, align: 'right', responsive: ['sm'], render: (_, u) => u.figures.closed },
            { title: '整改率', key: 'r', width: 80, align: 'right', render: (_, u) => rateText(u.figures.rate) },
            {
              title: '逾期',
              key: 'o',
              width: 70,
              align: 'right',
              render: (_, u) => (u.figures.overdue > 0 ? <Typography.Text type="danger">{u.figures.overdue}</Typography.Text> : 0),
            },
          ]}
        />
      )}
    </Card>
  );
}
