import { SaveOutlined, SendOutlined } from '@ant-design/icons';
import { App, Button, Card, Popconfirm, Splitter, Tag, Typography } from 'antd';
import { useCallback, useMemo, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { addTask, deleteTask, findDraftIssues, mergeWithNext, moveTask, renumberTasks, splitTask, uniqueKey, updateTask } from '#core/draft/draft.ts';
import type { DraftTask, DraftTaskPatch } from '#core/draft/types.ts';
import { liveWarnings } from '#core/draft/warnings.ts';
import { commitDraft, discardDraft, getDraft, rereadDraft, saveDraft } from '#web/api/imports.ts';
import { findPlans } from '#web/api/plans.ts';
import { ApiError } from '#web/api/request.ts';
import type { DraftDocument, DraftGoal, ImportDraft, ReadOptions as DraftReadOptions } from '#core/api/imports.ts';
import type { Span } from '#core/api/common.ts';
import { HighlightLegend } from '#web/components/highlighted-text.tsx';
import { LoadFailed } from '#web/components/page-error.tsx';
import { PageHeader } from '#web/components/page-header.tsx';
import { PageLoading } from '#web/components/page-loading.tsx';
import { useLeaveGuard } from '#web/hooks/use-leave-guard.ts';
import { useRequest } from '#web/hooks/use-request.ts';
import { describeDraftError, readDraftErrors } from '#web/pages/imports/draft/draft-issues.ts';
import { pushHistory, startHistory, undoHistory, type History } from '#web/pages/imports/draft/history.ts';
import { type Conflict, ConflictAlert, conflictOf } from '../conflict.tsx';
import { ImportSteps } from '../steps.tsx';
import { ClosedDraft } from './components/closed-draft.tsx';
import { DocumentCard } from './components/document-card.tsx';
import { ReadingCard } from './components/reading-card.tsx';
import { SourcePane } from './components/source-pane.tsx';
import { TaskEditor } from './components/task-editor.tsx';
import { TaskTable } from './components/task-table.tsx';
import { TaskToolbar } from './components/task-toolbar.tsx';
import { describeReread, taskToShow, withoutTaskStart, withTaskLevel, withTaskStart } from './reading.ts';

/** Unit names in the draft, most used first. */
function collectUnitNames(tasks: DraftTask[]): string[] {
  const counts = new Map<string, number>();
  for (const t of tasks) for (const n of [...t.lead, ...t.responsible]) counts.set(n, (counts.get(n) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([n]) => n);
}

interface EditorProps {
  draft: ImportDraft;
  /** The task to select first (after a re-read: the first task it read anew). */
  initialKey?: string | null;
  /** A re-read replaced the draft: the page starts the editor again on it. */
  onReplaced: (draft: ImportDraft, selectKey: string | null) => void;
}

function Editor({ draft, initialKey = null, onReplaced }: EditorProps) {
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [doc, setDoc] = useState<DraftDocument>({ ...draft.document, parentPlanId: draft.document.parentPlanId ?? null });
  const [goals, setGoals] = useState<DraftGoal[]>(draft.goals);
  const [history, setHistory] = useState<History<DraftTask[]>>(() => startHistory(draft.tasks));
  const [selectedKey, setSelectedKey] = useState<string | null>(initialKey ?? draft.tasks[0]?.key ?? null);
  const [focus, setFocus] = useState<Span | null>(null);
  const [caret, setCaret] = useState<number | null>(null);
  const [dirty, setDirty] = useState(false);
  const [busy, setBusy] = useState<'save' | 'commit' | 'discard' | 'reread' | null>(null);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const plans = useRequest((signal) => findPlans(signal), []);

  const tasks = history.present;
  const selectedIndex = tasks.findIndex((t) => t.key === selectedKey);
  const selected = tasks[selectedIndex] ?? null;
  const issues = useMemo(() => {
    const byRow = new Map<number, string[]>();
    for (const i of findDraftIssues(tasks)) byRow.set(i.index, [...(byRow.get(i.index) ?? []), i.message]);
    return byRow;
  }, [tasks]);
  const unitNames = useMemo(() => collectUnitNames(tasks), [tasks]);
  // The server checks units against the directory again on every save: its answer replaces these.
  const [serverWarnings, setServerWarnings] = useState(draft.warnings);
  const warnings = useMemo(() => liveWarnings(serverWarnings, tasks), [serverWarnings, tasks]);

  // Leaving with unsaved edits asks first, inside the app and on reload or close.
  const letThrough = useLeaveGuard(dirty, '草稿');

  const edit = useCallback((change: (tasks: DraftTask[]) => DraftTask[]) => {
    setHistory((h) => pushHistory(h, change(h.present)));
    setDirty(true);
  }, []);
  const changeTask = useCallback((index: number, patch: DraftTaskPatch) => edit((ts) => updateTask(ts, index, patch)), [edit]);
  const select = useCallback((key: string) => {
    setSelectedKey(key);
    setCaret(null);
    setFocus(null);
  }, []);

  const actions = {
    add: () => {
      const key = uniqueKey(tasks);
      edit((ts) => addTask(ts, selectedIndex === -1 ? ts.length - 1 : selectedIndex, key));
      select(key);
    },
    remove: () => {
      const next = tasks[selectedIndex + 1] ?? tasks[selectedIndex - 1] ?? null;
      edit((ts) => deleteTask(ts, selectedIndex));
      setSelectedKey(next?.key ?? null);
    },
    merge: () => edit((ts) => mergeWithNext(ts, selectedIndex)),
    split: () => {
      if (caret === null) return;
      edit((ts) => splitTask(ts, selectedIndex, caret));
      setCaret(null);
    },
    move: (by: -1 | 1) => edit((ts) => moveTask(ts, selectedIndex, selectedIndex + by)),
    renumber: () => {
      edit((ts) => renumberTasks(ts));
      void message.success('已按章节重新编号');
    },
    undo: () => {
      setHistory((h) => undoHistory(h));
      setDirty(true);
    },
  };

  /** PUT the draft; false (after pointing at the problem) when it was refused. */
  async function save(): Promise<boolean> {
    const first = findDraftIssues(tasks)[0];
    if (first) {
      setSelectedKey(tasks[first.index]?.key ?? null);
      void message.error(`第 ${first.index + 1} 项任务：${first.message}`);
      return false;
    }
    if ((doc.title ?? '').trim() === '') {
      void message.error('请填写方案标题');
      return false;
    }
    try {
      const saved = await saveDraft(draft.id, { document: { ...doc, title: (doc.title ?? '').trim(), parentPlanId: doc.parentPlanId ?? null }, goals, tasks });
      setServerWarnings(saved.warnings);
      setDirty(false);
      return true;
    } catch (err) {
      if (err instanceof ApiError && err.status === 400) {
        const targets = readDraftErrors(err.details);
        const target = targets.find((t) => t.taskIndex !== null);
        if (target?.taskIndex != null) setSelectedKey(tasks[target.taskIndex]?.key ?? null);
        void message.error(targets[0] ? describeDraftError(targets[0]) : err.message);
      }
      return false;
    }
  }

  async function onSave() {
    setBusy('save');
    if (await save()) void message.success('草稿已保存');
    setBusy(null);
  }

  async function onCommit() {
    setBusy('commit');
    setConflict(null);
    try {
      if (!(await save())) return;
      const { planId } = await commitDraft(draft.id);
      void message.success(`已导入 ${tasks.length} 项任务`);
      navigate(`/plans/${planId}`);
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) setConflict(conflictOf(err));
    } finally {
      setBusy(null);
    }
  }

  /** Saves unsaved edits (a re-read keeps them), then re-reads the source with the structure choice. */
  async function reread(options: DraftReadOptions, marked?: number) {
    setBusy('reread');
    try {
      if (dirty && !(await save())) return;
      const next = await rereadDraft(draft.id, options);
      const said = describeReread(next.reread);
      // One message for re-reads: the next replaces the last instead of stacking under it.
      void message.open({ key: 'draft-reread', type: said.isWarning ? 'warning' : 'success', content: said.text, duration: said.isWarning ? 6 : 3 });
      onReplaced(next, taskToShow(next.tasks, next.reread.region, marked) ?? selectedKey);
    } catch (err) {
      if (err instanceof ApiError && err.status === 400) void message.error(err.message);
    } finally {
      setBusy(null);
    }
  }

  async function onDiscard() {
    setBusy('discard');
    try {
      await discardDraft(draft.id);
      setDirty(false);
      letThrough();
      void message.success('草稿已放弃');
      navigate('/imports/new');
    } catch {
      // Shown by the request policy.
    } finally {
      setBusy(null);
    }
  }

  return (
    <>
      <PageHeader
        title="核对导入草稿"
        subTitle={
          <>
            {draft.fileName} · <span data-testid="draft-task-count">{tasks.length} 项任务</span>
            {dirty && (
              <Tag color="orange" style={{ marginInlineStart: 8 }}>
                未保存
              </Tag>
            )}
          </>
        }
        crumbs={[{ title: '方案列表', to: '/plans' }, { title: '导入方案', to: '/imports/new' }, { title: draft.fileName }]}
        extra={
          <>
            <Popconfirm
              title="放弃此草稿？"
              description="草稿及其修改将被删除，方案不会导入。"
              okText="放弃草稿"
              okButtonProps={{ danger: true }}
              cancelText="取消"
              onConfirm={onDiscard}
            >
              <Button danger loading={busy === 'discard'} data-testid="draft-discard">
                放弃
              </Button>
            </Popconfirm>
            <Button icon={<SaveOutlined />} loading={busy === 'save'} disabled={busy !== null} onClick={onSave} data-testid="draft-save">
              保存草稿
            </Button>
            <Button type="primary" icon={<SendOutlined />} loading={busy === 'commit'} disabled={busy !== null} onClick={onCommit} data-testid="draft-commit">
              提交导入
            </Button>
          </>
        }
      >
        <ImportSteps current={1} />
      </PageHeader>
      {conflict && <ConflictAlert conflict={conflict} />}
      <ReadingCard
        source={draft.source}
        warnings={warnings}
        levels={draft.structure.levels}
        options={draft.readOptions}
        busy={busy !== null}
        rowOf={(key) => {
          const i = tasks.findIndex((t) => t.key === key);
          return i === -1 ? null : i + 1;
        }}
        onTask={select}
        onSpan={(span) => setFocus(span)}
        onTaskLevel={(form) => void reread(withTaskLevel(draft.readOptions, form))}
        onRemoveStart={(start) => void reread(withoutTaskStart(draft.readOptions, start))}
        onReset={() => void reread({})}
      />
      <DocumentCard
        document={doc}
        goals={goals}
        plans={plans.data?.data ?? []}
        onDocument={(d) => {
          setDoc(d);
          setDirty(true);
        }}
        onGoals={(g) => {
          setGoals(g);
          setDirty(true);
        }}
      />
      <Card size="small" styles={{ body: { padding: 0 } }}>
        <Splitter style={{ height: 'calc(100vh - 72px)', minHeight: 560 }}>
          <Splitter.Panel defaultSize="62%" min="40%">
            <div style={{ display: 'flex', flexDirection: 'column', height: '100%' }}>
              <TaskToolbar
                tasks={tasks}
                selectedIndex={selectedIndex}
                caret={caret}
                canUndo={history.past.length > 0}
                issueCount={issues.size}
                actions={actions}
              />
              <TaskTable tasks={tasks} selectedKey={selectedKey} onSelect={select} onChange={changeTask} issues={issues} unitNames={unitNames} />
              <div style={{ height: 210, flex: 'none', borderTop: '1px solid #f0f0f0', padding: '8px 10px', background: '#fafafa' }}>
                <TaskEditor task={selected} index={selectedIndex} caret={caret} onCaret={setCaret} onChange={(patch) => changeTask(selectedIndex, patch)} />
              </div>
            </div>
          </Splitter.Panel>
          <Splitter.Panel min="25%">
            <div style={{ display: 'flex', flexDirection: 'column', height: '100%' }}>
              <div style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', padding: '8px 12px', borderBottom: '1px solid #f0f0f0' }}>
                <Typography.Text strong>原文</Typography.Text>
                <HighlightLegend />
              </div>
              <div style={{ flex: 1, minHeight: 0 }}>
                <SourcePane
                  source={draft.source}
                  task={selected}
                  focus={focus}
                  onTaskStart={busy === null ? (start) => void reread(withTaskStart(draft.readOptions, start), start) : undefined}
                />
              </div>
            </div>
          </Splitter.Panel>
        </Splitter>
      </Card>
    </>
  );
}

/** 导入草稿: check and correct what the importer read, beside the source, then commit it as a plan. */
export default function ImportDraftPage() {
  const id = Number(useParams().id);
  const draft = useRequest((signal) => getDraft(id, signal), [id]);
  // A re-read answers with the new draft; the editor restarts on it (its undo history ends there).
  const [replaced, setReplaced] = useState<{ draft: ImportDraft; selectKey: string | null; version: number } | null>(null);
  if (draft.loading && !draft.data) return <PageLoading />;
  if (!draft.data) return <LoadFailed error={draft.error} what="导入草稿" onRetry={draft.reload} />;
  const d = draft.data;
  if (d.status === 'committed' || d.status === 'discarded') return <ClosedDraft draft={d} />;
  return (
    <Editor
      key={`${d.id}-${replaced?.version ?? 0}`}
      draft={replaced?.draft ?? d}
      initialKey={replaced?.selectKey ?? null}
      onReplaced={(next, selectKey) => setReplaced((r) => ({ draft: next, selectKey, version: (r?.version ?? 0) + 1 }))}
    />
  );
}
