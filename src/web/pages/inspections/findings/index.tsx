import { DownloadOutlined } from '@ant-design/icons';
import { Button, Card, Col, Row, Segmented, Select, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { FINDING_GROUP_BY, FINDING_GROUP_BY_LABELS, type FindingGroupBy } from '#core/api/inspection-findings.ts';
import { FINDING_POLARITIES, FINDING_POLARITY_LABELS, FINDING_STATUS_LABELS, FINDING_STATUSES, type FindingStatus } from '#core/inspections/findings.ts';
import {
  findFindings,
  findingsXlsxUrl,
  findInspections,
  getFindingGroups,
  type Finding,
  type FindingFilter,
  type FindingGroups,
} from '#web/api/inspections.ts';
import { PageHeader } from '#web/components/page-header.tsx';
import { useRequest } from '#web/hooks/use-request.ts';
import { shanghaiTime } from '#web/utils/time.ts';
import { FindingStatusTag, PolarityTag } from '../components/tags.tsx';

type Group = FindingGroups['groups'][number];

/**
 * 问题清单 across inspections: counts by unit, indicator, category or severity (with their statuses),
 * then the findings themselves; every filter applies to both and to the .xlsx export. A unit sees only
 * released findings about itself, an inspector those of plans assigned to them (the server filters).
 */
export default function FindingsPage() {
  const [filter, setFilter] = useState<FindingFilter>({});
  const [by, setBy] = useState<FindingGroupBy>('unit');
  const key = JSON.stringify(filter);
  const inspections = useRequest((signal) => findInspections(signal), []);
  const groups = useRequest((signal) => getFindingGroups(by, filter, signal), [by, key]);
  const list = useRequest((signal) => findFindings(filter, signal), [key]);
  const set = (patch: Partial<FindingFilter>) => setFilter((f) => ({ ...f, ...patch }));
  // Clicking a group narrows the list to it ('' is "no indicator", which is no filter).
  const narrow = (g: Group) => {
    if (by === 'unit') set({ unitId: Number(g.key) });
    else if (by === 'indicator' && g.key) set({ indicatorCode: g.key });
    else if (by === 'category') set({ category: g.key });
    else if (by === 'severity') set({ severity: g.key });
  };

  const groupColumns: TableColumnsType<Group> = [
    {
      title: FINDING_GROUP_BY_LABELS[by].replace('按', ''),
      dataIndex: 'label',
      render: (l: string, g) => (
        <Button type="link" size="small" style={{ padding: 0 }} onClick={() => narrow(g)}>
          {l}
        </Button>
      ),
    },
    { title: '合计', dataIndex: 'total', width: 70, align: 'right' },
    ...FINDING_STATUSES.map((s) => ({
      title: FINDING_STATUS_LABELS[s],
      key: s,
      width: 84,
      align: 'right' as const,
      // On a phone: found and closed only.
      responsive: s === 'found' || s === 'closed' ? undefined : (['md'] as 'md'[]),
      render: (_: unknown, g: Group) => g.byStatus[s] ?? 0,
    })),
  ];
  const columns: TableColumnsType<Finding> = [
    {
      title: '问题',
      dataIndex: 'description',
      render: (d: string, f) => (
        <div>
          <Link to={`/findings/${f.id}`}>{d.length > 60 ? `${d.slice(0, 60)}…` : d}</Link>
          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
            {f.unitName} · {f.inspectionTitle}
          </Typography.Text>
        </div>
      ),
    },
    { title: '类型', dataIndex: 'polarity', width: 64, responsive: ['md'], render: (p: Finding['polarity']) => <PolarityTag polarity={p} /> },
    { title: '类别', dataIndex: 'categoryLabel', width: 110, responsive: ['sm'] },
    { title: '程度', dataIndex: 'severityLabel', width: 64, responsive: ['sm'] },
    { title: '发现时间', dataIndex: 'foundAt', width: 130, responsive: ['lg'], render: (v: string) => shanghaiTime(v, 'minute') },
    { title: '状态', dataIndex: 'status', width: 96, render: (s: FindingStatus) => <FindingStatusTag status={s} /> },
  ];
  const filtered = Object.values(filter).some((v) => v !== undefined);

  return (
    <>
      <PageHeader
        title="问题清单"
        crumbs={[{ title: '督查计划', to: '/inspections' }, { title: '问题清单' }]}
        extra={
          <Button icon={<DownloadOutlined />} href={findingsXlsxUrl(filter)} download data-testid="all-findings-export">
            导出 Excel
          </Button>
        }
      />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Row gutter={[8, 8]} align="middle">
          <Col xs={24} md={8}>
            <Select
              allowClear
              placeholder="全部督查计划"
              style={{ width: '100%' }}
              value={filter.inspectionId}
              onChange={(v?: number) => set({ inspectionId: v })}
              options={(inspections.data?.data ?? []).map((i) => ({ value: i.id, label: i.title }))}
            />
          </Col>
          <Col xs={12} md={4}>
            <Select
              allowClear
              placeholder="全部状态"
              style={{ width: '100%' }}
              value={filter.status}
              onChange={(v?: FindingStatus) => set({ status: v })}
              options={FINDING_STATUSES.map((s) => ({ value: s, label: FINDING_STATUS_LABELS[s] }))}
            />
          </Col>
          <Col xs={12} md={4}>
            <Select
              allowClear
              placeholder="问题与亮点"
              style={{ width: '100%' }}
              value={filter.polarity}
              onChange={(v?: Finding['polarity']) => set({ polarity: v })}
              options={FINDING_POLARITIES.map((p) => ({ value: p, label: FINDING_POLARITY_LABELS[p] }))}
            />
          </Col>
          <Col xs={24} md={8}>
            {filtered && (
              <Button type="link" onClick={() => setFilter({})}>
                清除筛选
              </Button>
            )}
          </Col>
        </Row>
      </Card>
      <Card
        size="small"
        title={`分类统计（共 ${groups.data?.total ?? 0} 条）`}
        extra={
          <Segmented
            size="small"
            value={by}
            onChange={(v) => setBy(v as FindingGroupBy)}
            options={FINDING_GROUP_BY.map((b) => ({ value: b, label: FINDING_GROUP_BY_LABELS[b] }))}
          />
        }
        style={{ marginBottom: 12 }}
      >
        <Table<Group>
          size="small"
          rowKey="key"
          loading={groups.loading && !groups.data}
          dataSource={groups.data?.groups ?? []}
          columns={groupColumns}
          pagination={{ pageSize: 10, hideOnSinglePage: true, size: 'small' }}
          data-testid="finding-groups"
        />
      </Card>
      <Card size="small" title={`问题（${list.data?.total ?? 0}）`} styles={{ body: { padding: 0 } }}>
        <Table<Finding>
          size="small"
          rowKey="id"
          loading={list.loading && !list.data}
          dataSource={list.data?.data ?? []}
          columns={columns}
          pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (n) => `共 ${n} 条` }}
        />
      </Card>
    </>
  );
}
