import { ArrowLeftOutlined, FileWordOutlined, UndoOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Descriptions, Empty, List, Row, Space, Tag, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useLocation, useNavigate, useParams } from 'react-router';
import { supervisionNoticeUrl } from '#web/api/notifications.ts';
import { getTask } from '#web/api/tasks.ts';
import type { TaskDetail } from '#core/api/tasks.ts';
import { useCan } from '#web/auth/auth-context.tsx';
import { ContactModal, type ContactTarget } from '#web/components/contact-modal.tsx';
import { DeadlineTags } from '#web/components/deadline-tags.tsx';
import { HighlightLegend, HighlightedText } from '#web/components/highlighted-text.tsx';
import { LoadFailed } from '#web/components/page-error.tsx';
import { PageHeader } from '#web/components/page-header.tsx';
import { PageLoading } from '#web/components/page-loading.tsx';
import { StatusTag } from '#web/components/status-tag.tsx';
import { UnitLinks } from '#web/components/unit-links.tsx';
import { useRequest } from '#web/hooks/use-request.ts';
import { dayLabel } from '#web/utils/format.ts';
import { locateTask, taskMarks, type Mark, type TaskMarkKind } from '#web/utils/highlight.ts';
import { rememberPlan } from '#web/utils/last-plan.ts';
import { isClosedStatus } from '#web/utils/progress.ts';
import { ContactsCard } from './components/contacts-card.tsx';
import { InstructionsCard } from './components/instructions-card.tsx';
import { LedgerCard } from './components/ledger-card.tsx';
import { ProgressCard } from './components/progress-card.tsx';
import { ReopenModal } from './components/reopen-modal.tsx';
import { TimelineCard } from './components/timeline-card.tsx';

/** The text to show as the source and its marks: the paragraph with spans, else the task text located by words. */
function sourceView(task: TaskDetail): { text: string; marks: Mark<TaskMarkKind>[]; exact: boolean } {
  if (task.source && task.spans) return { text: task.source.text, marks: taskMarks(task.spans, task.source.offset), exact: true };
  const text = task.source?.text ?? task.text;
  const located = locateTask(text, { ...task, lead: task.lead.map((u) => u.asWritten || u.name), responsible: task.responsible.map((u) => u.asWritten || u.name) });
  return { text, marks: (located ?? []).filter((m) => m.kind !== 'task'), exact: false };
}

/** 任务详情: one task with its source paragraph highlighted, its milestones and its units. */
export default function TaskDetailPage() {
  const id = Number(useParams().id);
  const navigate = useNavigate();
  const back = (useLocation().state as { back?: string } | null)?.back;
  const task = useRequest((signal) => getTask(id, signal), [id]);
  const can = useCan();
  const [editingContact, setEditingContact] = useState<ContactTarget | null>(null);
  // What the reopen dialog is open on: the task, or one closed milestone.
  const [reopening, setReopening] = useState<{ kind: 'task'; id: number; label: string } | { kind: 'milestone'; id: number; label: string } | null>(null);
  const view = useMemo(() => (task.data ? sourceView(task.data) : null), [task.data]);
  useEffect(() => {
    if (task.data) rememberPlan(task.data.planId);
  }, [task.data]);

  if (task.loading && !task.data) return <PageLoading />;
  if (!task.data || !view) return <LoadFailed error={task.error} what="任务" onRetry={task.reload} />;
  const t = task.data;
  const listUrl = `/plans/${t.planId}/tasks${t.sectionId ? `?sectionId=${t.sectionId}` : ''}`;
  // The server says whether the viewer may write for a unit named on the task; the web does not recompute it.
  const editableUnitIds = t.canWrite ? t.myUnitIds : [];
  const isCoordinator = can('report.review');
  const closed = isClosedStatus(t.status) || !!t.closedOn;

  return (
    <>
      <PageHeader
        title={
          <>
            {t.number && <Tag color="blue" style={{ fontSize: 14, verticalAlign: 3 }}>{t.number}</Tag>}
            {t.title}
            {t.status && (
              <span style={{ marginInlineStart: 10, verticalAlign: 3 }}>
                <StatusTag status={t.status} testId="task-status" large />
              </span>
            )}
          </>
        }
        subTitle={t.closedOn ? `${dayLabel(t.closedOn)}销号` : undefined}
        crumbs={[
          { title: t.plan.number ?? t.plan.title, to: `/plans/${t.planId}` },
          ...t.path.map((heading, i) => (i === t.path.length - 1 ? { title: heading, to: listUrl } : { title: heading })),
          { title: `任务 ${t.number}` },
        ]}
        extra={
          <>
            {isCoordinator && t.status === 'overdue' && (
              <Button icon={<FileWordOutlined />} href={supervisionNoticeUrl(t.id)} download data-testid="supervision-notice">
                督办通知
              </Button>
            )}
            {isCoordinator && closed && (
              <Button danger icon={<UndoOutlined />} onClick={() => setReopening({ kind: 'task', id: t.id, label: `任务 ${t.number}` })} data-testid="task-reopen">
                重新打开
              </Button>
            )}
            <Button icon={<ArrowLeftOutlined />} onClick={() => (back ? navigate(back) : navigate(listUrl))}>
              返回任务列表
            </Button>
          </>
        }
      />
      <Row gutter={12}>
        <Col xs={24} lg={15}>
          <Card size="small" title="原文" extra={<HighlightLegend />} style={{ marginBottom: 12 }}>
            {!view.exact && (
              <Alert type="info" showIcon style={{ marginBottom: 8 }} title="该任务经人工编辑，原文位置按文字匹配，仅供参考。" />
            )}
            <HighlightedText text={view.text} marks={view.marks} />
          </Card>
          <ProgressCard task={t} mayReport={editableUnitIds.length > 0} mayReview={isCoordinator} onChanged={task.reload} />
          <LedgerCard task={t} mayWrite={t.canWrite} mayReview={isCoordinator} />
          <TimelineCard entries={t.timeline} />
        </Col>
        <Col xs={24} lg={9}>
          <Card size="small" title="责任分工" style={{ marginBottom: 12 }}>
            <Descriptions
              size="small"
              column={1}
              styles={{ label: { width: 72 } }}
              items={[
                { key: 'deadlines', label: '截止时间', children: <DeadlineTags deadlines={t.deadlines} empty="未写明" /> },
                { key: 'lead', label: '牵头单位', children: <UnitLinks units={t.lead} empty="未写明" tagColor="blue" /> },
                { key: 'responsible', label: '责任单位', children: <UnitLinks units={t.responsible} empty="未写明" tagColor="green" /> },
              ]}
            />
          </Card>
          <InstructionsCard
            taskId={t.id}
            instructions={t.instructions}
            canInstruct={t.canInstruct}
            onAdded={(i) => task.setData({ ...t, instructions: [...t.instructions, i] })}
          />
          <ContactsCard
            contacts={t.contacts}
            units={[...t.lead, ...t.responsible]}
            editableUnitIds={editableUnitIds}
            onEdit={(c, unitName) =>
              setEditingContact({
                taskId: t.id,
                taskLabel: `任务 ${t.number}`,
                unitId: c.unitId,
                unitName,
                contact: { contactName: c.contactName, contactPhone: c.contactPhone, note: c.note },
              })
            }
          />
          <Card size="small" title={`时间节点（${t.milestones.length}）`} styles={{ body: { paddingBlock: 4 } }}>
            {t.milestones.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="本任务没有写明截止时间" />
            ) : (
              <List
                size="small"
                dataSource={t.milestones}
                renderItem={(m) => (
                  <List.Item style={{ paddingInline: 0 }}>
                    <Space align="start" size={10}>
                      <Tag color={m.date ? 'orange' : 'default'} style={{ minWidth: 72, textAlign: 'center' }}>{m.date ? dayLabel(m.date) : m.text}</Tag>
                      <span>
                        <Typography.Text>{m.clause || m.text}</Typography.Text>
                        {m.completedOn && (
                          <span data-testid="milestone-closed">
                            <Tag color="success" style={{ marginLeft: 6 }}>已销号 {dayLabel(m.completedOn)}</Tag>
                            {isCoordinator && !t.closedOn && (
                              <Button type="link" size="small" onClick={() => setReopening({ kind: 'milestone', id: m.id, label: `时间节点“${m.text}”` })}>重新打开</Button>
                            )}
                          </span>
                        )}
                      </span>
                    </Space>
                  </List.Item>
                )}
              />
            )}
          </Card>
        </Col>
      </Row>
      <ReopenModal
        open={reopening !== null}
        target={reopening ?? { kind: 'task', id: t.id }}
        label={reopening?.label ?? ''}
        onClose={() => setReopening(null)}
        onDone={() => {
          setReopening(null);
          task.reload();
        }}
      />
      <ContactModal
        target={editingContact}
        onClose={() => setEditingContact(null)}
        onSaved={(saved) => {
          const unitId = editingContact?.unitId;
          task.setData({ ...t, contacts: t.contacts.map((c) => (c.unitId === unitId ? { ...c, ...saved } : c)) });
          setEditingContact(null);
        }}
      />
    </>
  );
}
