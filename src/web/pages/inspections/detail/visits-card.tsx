import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Col, Grid, Row, Table, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import type { Visit } from '#web/api/inspections.ts';
import { shanghaiTime } from '#web/utils/time.ts';
import { VisitMap } from './visit-map.tsx';
import { VisitModal } from './visit-modal.tsx';

interface Props {
  inspectionId: number;
  visits: Visit[];
  /** The units an inspector may record a visit at; empty for those who cannot record. */
  recordableUnits: { id: number; name: string }[];
  mayRecord: boolean;
  onVisitCreated: (visit: Visit) => void;
}

/** 走访: the list and its schematic map side by side (stacked on a phone), and new visits for inspectors. */
export function VisitsCard({ inspectionId, visits, recordableUnits, mayRecord, onVisitCreated }: Props) {
  const [adding, setAdding] = useState(false);
  const narrow = !Grid.useBreakpoint().sm;
  const withFindings = useMemo(() => new Set(visits.filter((v) => v.findingCount > 0).map((v) => v.id)), [visits]);
  const mapVisits = useMemo(() => visits.map((v) => ({ id: v.id, lat: v.latitude, lng: v.longitude, place: v.place })), [visits]);

  return (
    <Card
      size="small"
      title={`走访（${visits.length}）`}
      extra={
        mayRecord && (
          <Button size="small" type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="visit-add">
            新增走访
          </Button>
        )
      }
      data-testid="visits-card"
    >
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={13}>
          <Table<Visit>
            size="small"
            rowKey="id"
            pagination={{ pageSize: 10, hideOnSinglePage: true }}
            dataSource={visits}
            onRow={(v) => ({ 'data-testid': 'visit-row', 'data-visit-id': v.id }) as object}
            columns={[
              { title: '#', key: 'n', width: 40, responsive: ['sm'], render: (_, __, i) => i + 1 },
              { title: '时间', dataIndex: 'visitedAt', width: 130, responsive: ['sm'], render: (v: string) => shanghaiTime(v, 'minute') },
              {
                title: '检查对象与地点',
                key: 'place',
                render: (_, v) => (
                  <div>
                    {v.unitName}
                    <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                      {v.place}
                    </Typography.Text>
                    {/* On a phone the time column is hidden: the time goes here. */}
                    {narrow && (
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {shanghaiTime(v.visitedAt, 'minute')}
                      </Typography.Text>
                    )}
                  </div>
                ),
              },
              { title: '问题', key: 'findings', width: 56, align: 'right', dataIndex: 'findingCount' },
              ...(mayRecord
                ? [
                    {
                      title: '',
                      key: 'record',
                      width: 76,
                      render: (_: unknown, v: Visit) => (
                        <Link to={`/inspections/${inspectionId}/findings/new?visit=${v.id}`} data-testid="finding-add">
                          记录问题
                        </Link>
                      ),
                    },
                  ]
                : []),
            ]}
          />
        </Col>
        <Col xs={24} lg={11}>
          <VisitMap visits={mapVisits} withFindings={withFindings} />
        </Col>
      </Row>
      {mayRecord && (
        <VisitModal
          open={adding}
          inspectionId={inspectionId}
          units={recordableUnits}
          onClose={() => setAdding(false)}
          onCreated={(v) => {
            setAdding(false);
            onVisitCreated(v);
          }}
        />
      )}
    </Card>
  );
}
