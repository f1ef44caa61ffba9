import { DownloadOutlined, SearchOutlined } from '@ant-design/icons';
import { AutoComplete, Button, Card, DatePicker, Form, Input, Select, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType as ColumnsType } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { Link, useSearchParams } from 'react-router';
import { auditExportUrl, findAuditEvents } from '#web/api/audit.ts';
import type { AuditEvent, AuditQuery } from '#core/api/audit.ts';
import { AUDIT_OUTCOME_LABELS, AUDIT_OUTCOMES, type AuditOutcome } from '#core/audit/outcomes.ts';
import { PageHeader } from '#web/components/page-header.tsx';
import { useRequest } from '#web/hooks/use-request.ts';
import { AUDIT_ACTION_LABELS, ENTITY_TYPE_LABELS, actionLabel, entityPath, entityTypeLabel } from '#web/pages/admin/audit/audit-labels.ts';
import { readSnapshot } from '#web/pages/admin/audit/audit-diff.ts';
import { shanghaiTime } from '#web/utils/time.ts';
import { AuditDiffView } from './diff-view.tsx';
import { AuditIntegrityCard } from './integrity-card.tsx';
import { ListTable } from '#web/components/list-table.tsx';

const PAGE_SIZES = [20, 50, 100];
const isDay = (v: string | null) => (v && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : null);

/** The filters as they stand in the URL, so a filtered view can be shared and survives a reload. */
function readQuery(params: URLSearchParams): AuditQuery & { page: number; pageSize: number } {
  const outcome = params.get('outcome');
  const pageSize = Number(params.get('pageSize'));
  return {
    actor: params.get('actor'),
    action: params.get('action'),
    entityType: params.get('entityType'),
    outcome: AUDIT_OUTCOMES.find((o) => o === outcome) ?? null,
    from: isDay(params.get('from')),
    to: isDay(params.get('to')),
    page: Math.max(1, Number(params.get('page')) || 1),
    pageSize: PAGE_SIZES.includes(pageSize) ? pageSize : 50,
  };
}

interface FilterValues {
  actor?: string;
  action?: string;
  entityType?: string;
  outcome?: AuditOutcome;
  range?: [Dayjs | null, Dayjs | null] | null;
}

/**
 * 审计日志 (the audit administrator's page alone): every write and every refused attempt, newest first;
 * read-only, exportable to Excel, with the retention setting, the chain check and the archives above.
 */
export default function AuditPage() {
  const [params, setParams] = useSearchParams();
  const query = readQuery(params);
  const key = params.toString();
  const events = useRequest((signal) => findAuditEvents(query, signal), [key]);
  const [form] = Form.useForm<FilterValues>();

  useEffect(() => {
    form.setFieldsValue({
      actor: query.actor ?? undefined,
      action: query.action ?? undefined,
      entityType: query.entityType ?? undefined,
      outcome: query.outcome ?? undefined,
      range: query.from || query.to ? [query.from ? dayjs(query.from) : null, query.to ? dayjs(query.to) : null] : null,
    });
    // Only when the URL changes (back/forward), not on every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);

  const apply = (values: FilterValues) => {
    const next = new URLSearchParams();
    const set = (k: string, v: string | null | undefined) => {
      if (v && v.trim()) next.set(k, v.trim());
    };
    set('actor', values.actor);
    set('action', values.action);
    set('entityType', values.entityType);
    set('outcome', values.outcome);
    set('from', values.range?.[0]?.format('YYYY-MM-DD'));
    set('to', values.range?.[1]?.format('YYYY-MM-DD'));
    if (query.pageSize !== 50) next.set('pageSize', String(query.pageSize));
    setParams(next);
  };

  const columns: ColumnsType<AuditEvent> = [
    { title: '时间（北京时间）', dataIndex: 'at', width: 160, render: (at: string) => <span style={{ fontVariantNumeric: 'tabular-nums' }}>{shanghaiTime(at)}</span> },
    {
      title: '操作人',
      dataIndex: 'actorName',
      width: 130,
      render: (name: string | null, e) => (name ? <Tooltip title={e.actorId ? `账号 ID ${e.actorId}` : undefined}>{name}</Tooltip> : <Typography.Text type="secondary">{e.actorId ? `#${e.actorId}` : '系统/未登录'}</Typography.Text>),
    },
    {
      title: '操作',
      dataIndex: 'action',
      width: 190,
      render: (a: string) => (
        <>
          <div>{actionLabel(a)}</div>
          <Typography.Text type="secondary" style={{ fontSize: 11 }}>{a}</Typography.Text>
        </>
      ),
    },
    {
      title: '对象',
      key: 'entity',
      render: (_, e) => {
        const to = entityPath(e.entityType, e.entityId);
        const id = e.entityType === 'route' ? e.entityId : `#${e.entityId}`;
        return (
          <span>
            {entityTypeLabel(e.entityType)}
            {e.entityId &&
              (to ? (
                <Link to={to} onClick={(ev) => ev.stopPropagation()} style={{ marginInlineStart: 6 }}>{id}</Link>
              ) : (
                <Typography.Text type="secondary" style={{ marginInlineStart: 6 }}>{id}</Typography.Text>
              ))}
          </span>
        );
      },
    },
    {
      title: '结果',
      dataIndex: 'outcome',
      width: 70,
      align: 'center',
      render: (o: AuditOutcome) => (o === 'denied' ? <Tag color="red" data-testid="audit-denied">{AUDIT_OUTCOME_LABELS.denied}</Tag> : o === 'read' ? <Tag color="blue">{AUDIT_OUTCOME_LABELS.read}</Tag> : <Tag color="green">{AUDIT_OUTCOME_LABELS.ok}</Tag>),
    },
    { title: '来源地址', dataIndex: 'clientIp', width: 130, render: (ip: string | null) => ip ?? '—' },
  ];

  const { page: _page, pageSize: _size, ...filters } = query;

  return (
    <>
      <PageHeader
        title="审计日志"
        subTitle="登录、账号变动和各项写操作，以及被拒绝的尝试；日志只读，不能修改或删除"
        extra={
          <a href={auditExportUrl(filters)} download data-testid="audit-export">
            <Button icon={<DownloadOutlined />}>导出 Excel</Button>
          </a>
        }
      />
      <AuditIntegrityCard />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Form<FilterValues> form={form} layout="inline" onFinish={apply} style={{ rowGap: 8 }}>
          <Form.Item name="actor" label="操作人">
            <Input allowClear placeholder="用户名" style={{ width: 140 }} />
          </Form.Item>
          <Form.Item name="action" label="操作">
            <AutoComplete
              allowClear
              placeholder="如 user.update"
              style={{ width: 200 }}
              options={Object.entries(AUDIT_ACTION_LABELS).map(([value, label]) => ({ value, label: `${label}（${value}）` }))}
              showSearch={{ filterOption: (input, option) => String(option?.label ?? '').toLowerCase().includes(input.toLowerCase()) }}
            />
          </Form.Item>
          <Form.Item name="entityType" label="对象">
            <Select allowClear placeholder="全部" style={{ width: 120 }} options={Object.entries(ENTITY_TYPE_LABELS).map(([value, label]) => ({ value, label }))} />
          </Form.Item>
          <Form.Item name="outcome" label="结果">
            <Select allowClear placeholder="全部" style={{ width: 100 }} options={AUDIT_OUTCOMES.map((value) => ({ value, label: AUDIT_OUTCOME_LABELS[value] }))} />
          </Form.Item>
          <Form.Item name="range" label="日期">
            <DatePicker.RangePicker allowEmpty={[true, true]} style={{ width: 240 }} />
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>查询</Button>
          </Form.Item>
          <Form.Item>
            <Button onClick={() => { form.resetFields(); setParams(new URLSearchParams()); }}>重置</Button>
          </Form.Item>
        </Form>
      </Card>
      <ListTable<AuditEvent>
          loading={events.loading}
          columns={columns}
          dataSource={events.data?.data ?? []}
          rowClassName={(e) => (e.outcome === 'denied' ? 'tj-row-denied' : '')}
          expandable={{
            expandedRowRender: (e) => <AuditDiffView before={e.before} after={e.after} />,
            rowExpandable: (e) => readSnapshot(e.before) !== null || readSnapshot(e.after) !== null,
            expandRowByClick: true,
          }}
          pagination={{
            current: query.page,
            pageSize: query.pageSize,
            total: events.data?.total ?? 0,
            pageSizeOptions: PAGE_SIZES,
            showSizeChanger: true,
            showTotal: (t) => `共 ${t} 条`,
            onChange: (page, pageSize) => {
              const next = new URLSearchParams(params);
              next.set('page', String(pageSize !== query.pageSize ? 1 : page));
              next.set('pageSize', String(pageSize));
              setParams(next);
            },
          }}
          locale={{ emptyText: '没有符合条件的记录' }}
        />
    </>
  );
}
