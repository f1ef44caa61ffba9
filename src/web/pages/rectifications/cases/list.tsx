import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Empty, Modal, Select, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { FINDING_POLARITIES, FINDING_POLARITY_LABELS, type FindingPolarity } from '#core/inspections/findings.ts';
import { findFindings, type Finding } from '#web/api/inspections.ts';
import { createCaseCircular, findCaseCirculars, type CaseCircularSummary } from '#web/api/rectifications.ts';
import { useCan } from '#web/auth/auth-context.tsx';
import { ListTable } from '#web/components/list-table.tsx';
import { PageHeader } from '#web/components/page-header.tsx';
import { useRequest } from '#web/hooks/use-request.ts';
import { CircularStatusTag } from '#web/pages/rounds/components/round-tags.tsx';
import { shanghaiTime } from '#web/utils/time.ts';
import { FindingStatusTag, PolarityTag } from '#web/pages/inspections/components/tags.tsx';

/** 选取典型案例: findings (highlights as positive, problems as negative cases) to draft a circular from. */
function PickCasesModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [polarity, setPolarity] = useState<FindingPolarity | undefined>();
  const [picked, setPicked] = useState<number[]>([]);
  const [busy, setBusy] = useState(false);
  const findings = useRequest((signal) => (open ? findFindings({ polarity }, signal) : Promise.resolve(undefined)), [open, polarity]);

  async function create() {
    setBusy(true);
    try {
      const c = await createCaseCircular(picked);
      void message.success('已生成通报草稿');
      navigate(`/case-circulars/${c.id}`);
    } catch {
      // Shown by the request policy.
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      title="选取典型案例"
      open={open}
      width={820}
      onCancel={onClose}
      okText={`生成通报草稿（${picked.length}）`}
      okButtonProps={{ disabled: picked.length === 0, loading: busy, 'data-testid': 'cases-create-confirm' }}
      onOk={() => void create()}
      cancelText="取消"
    >
      <Select
        allowClear
        placeholder="全部类型"
        style={{ width: 140, marginBottom: 8 }}
        value={polarity}
        onChange={setPolarity}
        options={FINDING_POLARITIES.map((p) => ({ value: p, label: FINDING_POLARITY_LABELS[p] }))}
      />
      <Table<Finding>
        size="small"
        rowKey="id"
        loading={findings.loading}
        dataSource={findings.data?.data ?? []}
        rowSelection={{ selectedRowKeys: picked, onChange: (keys) => setPicked(keys as number[]) }}
        pagination={{ pageSize: 10, size: 'small', hideOnSinglePage: true }}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: '类型', dataIndex: 'polarity', width: 64, render: (p: FindingPolarity) => <PolarityTag polarity={p} /> },
          { title: '问题', dataIndex: 'description', render: (d: string) => (d.length > 40 ? `${d.slice(0, 40)}…` : d) },
          { title: '单位', dataIndex: 'unitName', width: 140 },
          { title: '状态', dataIndex: 'status', width: 96, render: (s: Finding['status']) => <FindingStatusTag status={s} /> },
        ]}
      />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        亮点作为正面典型，问题作为反面典型；已销号的问题在通报中一并写明整改情况。
      </Typography.Text>
    </Modal>
  );
}

/** 典型案例通报: drafts and issued circulars written from chosen findings. */
export default function CaseCircularListPage() {
  const navigate = useNavigate();
  const mayManage = useCan()('inspection.manage');
  const list = useRequest((signal) => findCaseCirculars(signal), []);
  const [picking, setPicking] = useState(false);
  return (
    <>
      <PageHeader
        title="典型案例通报"
        crumbs={[{ title: '整改', to: '/rectifications' }, { title: '典型案例通报' }]}
        extra={
          mayManage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setPicking(true)} data-testid="cases-create">
              选取案例起草
            </Button>
          )
        }
      />
      <ListTable<CaseCircularSummary>
        loading={list.loading && !list.data}
        dataSource={list.data?.data ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        rowClassName={() => 'tj-row-clickable'}
        onRow={(c) => ({ onClick: () => navigate(`/case-circulars/${c.id}`) })}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="还没有典型案例通报" /> }}
        columns={[
          {
            title: '通报',
            dataIndex: 'title',
            render: (t: string, c) => (
              <div>
                <Link to={`/case-circulars/${c.id}`} onClick={(e) => e.stopPropagation()}>
                  {t}
                </Link>
                <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                  {c.docNumber ?? '未编文号'} · {c.issuer}
                </Typography.Text>
              </div>
            ),
          },
          { title: '案例', dataIndex: 'caseCount', width: 70, align: 'right' },
          { title: '状态', dataIndex: 'status', width: 90, render: (s: CaseCircularSummary['status']) => <CircularStatusTag status={s} /> },
          {
            title: '时间',
            key: 'at',
            width: 150,
            responsive: ['md'],
            render: (_, c) => (c.issuedAt ? `签发 ${shanghaiTime(c.issuedAt, 'minute')}` : <Tag>{`保存 ${shanghaiTime(c.updatedAt, 'minute')}`}</Tag>),
          },
        ]}
      />
      {mayManage && <PickCasesModal open={picking} onClose={() => setPicking(false)} />}
    </>
  );
}
