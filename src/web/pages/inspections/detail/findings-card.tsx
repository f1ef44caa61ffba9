import { DownloadOutlined } from '@ant-design/icons';
import { Button, Card, Input, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { FINDING_STATUS_LABELS, FINDING_STATUSES, type FindingStatus, type FindingTaxonomy } from '#core/inspections/findings.ts';
import { findingsXlsxUrl, type Finding } from '#web/api/inspections.ts';
import { shanghaiTime } from '#web/utils/time.ts';
import { countBy, filterRows, type GroupCount } from '../findings-view.ts';
import { FindingStatusTag, PolarityTag } from '../components/tags.tsx';
import { FindingsImport } from './findings-import.tsx';

type Key = 'unit' | 'category' | 'severity' | 'status';

interface Props {
  inspectionId: number;
  findings: Finding[];
  taxonomy: FindingTaxonomy;
  /** Template and import, for the plan's inspectors before release. */
  mayImport: boolean;
  onImported: () => void;
}

/** A row of grouped counts; clicking a group filters the table to it (and again to undo). */
function Groups({
  title,
  groups,
  active,
  onPick,
  testId,
}: {
  title: string;
  groups: GroupCount[];
  active: readonly string[];
  onPick: (key: string) => void;
  testId: string;
}) {
  if (groups.length === 0) return null;
  return (
    <div style={{ display: 'flex', gap: 6, flexWrap: 'wrap', alignItems: 'center', marginBottom: 6 }} data-testid={testId}>
      <Typography.Text type="secondary" style={{ fontSize: 12, minWidth: 48 }}>
        {title}
      </Typography.Text>
      {groups.map((g) => (
        <Tag.CheckableTag key={g.key} checked={active.includes(g.key)} onChange={() => onPick(g.key)} data-testid="finding-group" data-key={g.key}>
          {g.label} <b>{g.count}</b>
        </Tag.CheckableTag>
      ))}
    </div>
  );
}

/** 问题清单: grouped counts by unit, category, severity and status, filters, the table, export and import. */
export function FindingsCard({ inspectionId, findings, taxonomy, mayImport, onImported }: Props) {
  const [filter, setFilter] = useState<Partial<Record<Key, string[]>>>({});
  const [q, setQ] = useState('');
  // Labels as the server resolved them (a code no longer in the edited list keeps its old label).
  const labels = useMemo(() => {
    const m = { unit: new Map<string, string>(), category: new Map<string, string>(), severity: new Map<string, string>() };
    for (const f of findings) {
      m.unit.set(String(f.unitId), f.unitName);
      m.category.set(f.category, f.categoryLabel);
      m.severity.set(f.severity, f.severityLabel);
    }
    return m;
  }, [findings]);
  const catLabel = (code: string) => labels.category.get(code) ?? code;
  const sevLabel = (code: string) => labels.severity.get(code) ?? code;
  const fields = {
    unit: (f: Finding) => f.unitId,
    category: (f: Finding) => f.category,
    severity: (f: Finding) => f.severity,
    status: (f: Finding) => f.status,
  };
  const rows = useMemo(
    () => filterRows(findings, { ...filter, q }, fields, (f) => `${f.description} ${f.location ?? ''} ${f.unitName}`),
    // `fields` reads only the row.
    [findings, filter, q],
  );
  const toggle = (k: Key, key: string) =>
    setFilter((prev) => {
      const now = prev[k] ?? [];
      return { ...prev, [k]: now.includes(key) ? now.filter((x) => x !== key) : [...now, key] };
    });

  const columns: TableColumnsType<Finding> = [
    {
      title: '问题描述',
      dataIndex: 'description',
      render: (d: string, f) => (
        <div>
          <Link to={`/findings/${f.id}`} data-testid="finding-link">
            {d.length > 60 ? `${d.slice(0, 60)}…` : d}
          </Link>
          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
            {f.unitName}
            {f.location ? ` · ${f.location}` : ''}
            {f.evidenceCount > 0 ? ` · 佐证 ${f.evidenceCount} 件` : ''}
          </Typography.Text>
        </div>
      ),
    },
    { title: '类型', dataIndex: 'polarity', width: 64, responsive: ['md'], render: (p: Finding['polarity']) => <PolarityTag polarity={p} /> },
    { title: '类别', dataIndex: 'categoryLabel', width: 110, responsive: ['sm'] },
    { title: '程度', dataIndex: 'severityLabel', width: 64 },
    { title: '发现时间', dataIndex: 'foundAt', width: 130, responsive: ['lg'], render: (v: string) => shanghaiTime(v, 'minute') },
    { title: '状态', dataIndex: 'status', width: 96, render: (s: FindingStatus) => <FindingStatusTag status={s} /> },
  ];

  const statusOrder = FINDING_STATUSES as readonly string[];
  return (
    <Card
      size="small"
      title={`问题清单（${findings.length}）`}
      extra={
        <Space wrap>
          <Button size="small" icon={<DownloadOutlined />} href={findingsXlsxUrl({ inspectionId })} download data-testid="findings-export">
            导出 Excel
          </Button>
          {mayImport && <FindingsImport inspectionId={inspectionId} onImported={onImported} />}
        </Space>
      }
      data-testid="findings-card"
    >
      <Groups
        title="单位"
        groups={countBy(
          findings,
          (f) => f.unitId,
          (k) => labels.unit.get(k) ?? k,
        )}
        active={filter.unit ?? []}
        onPick={(k) => toggle('unit', k)}
        testId="findings-by-unit"
      />
      <Groups
        title="类别"
        groups={countBy(findings, (f) => f.category, catLabel, { order: taxonomy.categories.map((c) => c.code) })}
        active={filter.category ?? []}
        onPick={(k) => toggle('category', k)}
        testId="findings-by-category"
      />
      <Groups
        title="程度"
        groups={countBy(findings, (f) => f.severity, sevLabel, { order: taxonomy.severities.map((c) => c.code) })}
        active={filter.severity ?? []}
        onPick={(k) => toggle('severity', k)}
        testId="findings-by-severity"
      />
      <Groups
        title="状态"
        groups={countBy(
          findings,
          (f) => f.status,
          (k) => FINDING_STATUS_LABELS[k as FindingStatus] ?? k,
          { order: statusOrder },
        )}
        active={filter.status ?? []}
        onPick={(k) => toggle('status', k)}
        testId="findings-by-status"
      />
      <Space wrap style={{ margin: '6px 0 10px' }}>
        <Input.Search allowClear placeholder="搜索描述、地点、单位" style={{ width: 220 }} onSearch={setQ} onChange={(e) => !e.target.value && setQ('')} />
        <Select
          mode="multiple"
          allowClear
          placeholder="状态"
          style={{ minWidth: 140 }}
          value={filter.status ?? []}
          onChange={(v: string[]) => setFilter((p) => ({ ...p, status: v }))}
          options={FINDING_STATUSES.map((s) => ({ value: s, label: FINDING_STATUS_LABELS[s] }))}
          data-testid="findings-status-filter"
        />
        {(Object.values(filter).some((v) => v && v.length > 0) || q) && (
          <Button
            size="small"
            type="link"
            onClick={() => {
              setFilter({});
              setQ('');
            }}
          >
            清除筛选（显示 {rows.length}/{findings.length}）
          </Button>
        )}
      </Space>
      <Table<Finding>
        size="small"
        rowKey="id"
        columns={columns}
        dataSource={rows}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (n) => `共 ${n} 条` }}
        onRow={(f) => ({ 'data-testid': 'finding-row', 'data-finding-id': f.id, 'data-status': f.status }) as object}
      />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        类别与程度：{taxonomy.source}
      </Typography.Text>
    </Card>
  );
}
