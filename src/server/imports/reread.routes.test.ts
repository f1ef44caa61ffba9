import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, multipart, type TestApp } from '../test/helpers.ts';

/**
 * A county plan whose tasks are its （一） items, each with a few 1． sub-points; the reader takes the
 * sub-points. The coordinator fixes it with "tasks are at this level" and "this line starts a task".
 */
const PLAN = readFileSync(fileURLToPath(new URL('../../../test/fixtures/plans/county-2024-sublevels.txt', import.meta.url)), 'utf8');
// The office's unit directory before this plan: every unit of the plan but 县行政审批局, which it has as 县行政审批服务局.
const DIRECTORY = ['县政务服务中心', '县数据局', '县行政审批服务局', '县发改局', '县财政局', '县市场监管局', '县自然资源局'];

interface Task { key: string; title: string; number: string; lead: string[]; responsible: string[]; deadlines: { text: string }[]; spans: { task: [number, number] } | null; path: string[] }
interface Draft {
  id: number; source: string; tasks: Task[]; document: { title: string } & Record<string, unknown>; goals: unknown[];
  structure: { levels: { form: string; example: string; depth: number; count: number; isTaskLevel: boolean }[] };
  warnings: { code: string; message: string; taskKey?: string; span?: [number, number]; unit?: string }[];
  readOptions: { taskLevel?: string; taskStarts?: number[] };
  reread?: { tasks: number; region: [number, number][]; reread: number; keptEdits: number; keptAdded: number; droppedEdits: number };
}

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await t.deps.db.insertInto('units').values(DIRECTORY.map((name) => ({ name, is_collective: 0, parent_id: null, created_at: new Date().toISOString() }))).execute();
});
afterAll(async () => t.close());

let uploads = 0;
/** Uploads the plan under a number of its own: a committed plan would make the same document a duplicate. */
async function upload(name = '青禾县重点任务.txt', plan = PLAN): Promise<Draft> {
  uploads += 1;
  const text = plan.replace('青政办发〔2024〕5号', `青政办发〔2024〕${uploads + 100}号`);
  const res = await t.inject({ method: 'POST', url: '/api/imports', ...multipart(name, Buffer.from(text)) });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}
const get = async (id: number): Promise<Draft> => (await t.inject({ method: 'GET', url: `/api/imports/${id}` })).json();
const put = (d: Draft, over: Partial<Pick<Draft, 'tasks' | 'document' | 'goals'>>) =>
  t.inject({ method: 'PUT', url: `/api/imports/${d.id}`, payload: { document: d.document, goals: d.goals, tasks: d.tasks, ...over } });
const reread = (id: number, payload: object) => t.inject({ method: 'POST', url: `/api/imports/${id}/reread`, payload });
const titles = (d: Draft) => d.tasks.map((x) => x.title);
const storedContent = async (id: number) => (await t.deps.db.selectFrom('import_drafts').select('content').where('id', '=', id).executeTakeFirstOrThrow()).content;

describe('the reading kept in the draft', () => {
  it('shows the detected hierarchy and the reader\'s choice, and warns of a unit the directory does not know', async () => {
    const d = await upload();
    expect(d.structure.levels.map((l) => [l.form, l.example, l.depth, l.count])).toEqual([['cn-dun', '一、', 0, 3], ['cn-paren', '（一）', 1, 5], ['ar-dot', '1．', 2, 8]]);
    expect(d.structure.levels.find((l) => l.form === 'ar-dot')!.isTaskLevel).toBe(true);
    expect(d.readOptions).toEqual({});
    expect(d.tasks).toHaveLength(9);
    const unknown = d.warnings.filter((w) => w.code === 'unit_not_in_directory');
    // Both sub-points of （二）压缩审批时限 carry its unit; the warning names the unit it resembles and points at the name.
    expect(unknown.map((w) => w.unit)).toEqual(['县行政审批局', '县行政审批局']);
    expect(unknown[0]!.message).toBe('单位“县行政审批局”不在单位名录中，提交后将新建该单位；是否应为“县行政审批服务局”？');
    expect(d.source.slice(...unknown[0]!.span!)).toBe('县行政审批局');
    expect(d.tasks.find((x) => x.key === unknown[0]!.taskKey)!.title).toBe('一般事项审批时限压缩至5个工作日');
  });

  it('keeps the reading through a save, and checks the edited units again', async () => {
    const d = await upload('保存.txt');
    const tasks = d.tasks.map((x) => ({ ...x, lead: x.lead.map((u) => (u === '县行政审批局' ? '县行政审批服务局' : u)) }));
    const res = await put(d, { tasks });
    expect(res.statusCode, res.body).toBe(200);
    const saved: Draft = res.json();
    expect(saved.structure).toEqual(d.structure);
    expect(saved.warnings.filter((w) => w.code === 'unit_not_in_directory')).toEqual([]);
    // What a client sends never replaces the server's reading.
    const sneaky = await t.inject({ method: 'PUT', url: `/api/imports/${d.id}`, payload: { document: d.document, goals: d.goals, tasks, reading: { structure: { levels: [] } } } });
    expect(sneaky.statusCode).toBe(200);
    expect((await get(d.id)).structure).toEqual(d.structure);
    // Keys tie tasks to the reading: two tasks under one key are refused.
    const twice = await put(d, { tasks: [...tasks, { ...tasks[0]!, title: '同一标识' }] });
    expect(twice.statusCode).toBe(400);
    expect(twice.json().error.message).toMatch(/任务标识（key）重复/);
  });
});

describe('POST /api/imports/:id/reread', () => {
  it('reads the tasks at the chosen level, keeping edits made elsewhere', async () => {
    const d = await upload('层级.txt');
    const credit = d.tasks.findIndex((x) => x.title === '加强信用监管'); // a leaf （二）: read the same at both levels
    const tasks = structuredClone(d.tasks);
    tasks[credit] = { ...tasks[credit]!, lead: ['县市场监管局', '县发改局'], spans: null }; // edited outside the region: kept
    tasks[0] = { ...tasks[0]!, title: '改过的子项标题', spans: null }; // edited inside the region: gives way
    tasks.push({ ...tasks[0]!, key: 'mine', title: '手工新增的任务', number: '9', spans: null }); // added by hand: kept, at the end
    const goals = [{ text: '年底前全面完成各项任务', date: '2024-12-31', span: null }];
    expect((await put(d, { tasks, goals, document: { ...d.document, title: '青禾县重点任务（已核对）' } })).statusCode).toBe(200);
    const before = Number((await t.deps.db.selectFrom('audit_events').select((e) => e.fn.countAll().as('c')).where('action', '=', 'import.reread').executeTakeFirstOrThrow()).c);

    const res = await reread(d.id, { taskLevel: 'cn-paren' });
    expect(res.statusCode, res.body).toBe(200);
    const r: Draft = res.json();
    expect(titles(r)).toEqual(['深化“一网通办”改革', '压缩审批时限', '规范涉企收费', '加强信用监管', '保障项目用地', '手工新增的任务']);
    expect(r.tasks[0]!.deadlines.map((x) => x.text)).toEqual(['6月底前', '9月底前']);
    expect(r.tasks[3]).toMatchObject({ key: d.tasks[credit]!.key, lead: ['县市场监管局', '县发改局'] });
    expect(r.tasks[5]!.key).toBe('mine');
    expect(r.document.title).toBe('青禾县重点任务（已核对）');
    expect(r.goals).toEqual(goals);
    expect(r.readOptions).toEqual({ taskLevel: 'cn-paren' });
    expect(r.structure.levels.map((l) => [l.form, l.isTaskLevel])).toEqual([['cn-dun', false], ['cn-paren', true], ['ar-dot', false]]);
    expect(r.reread).toMatchObject({ tasks: 6, reread: 4, keptEdits: 1, keptAdded: 1, droppedEdits: 1 });
    // Every span of the new reading points into the stored source.
    for (const x of r.tasks) if (x.spans) expect(r.source.slice(...x.spans.task)).toContain(x.title);
    expect(r.warnings.filter((w) => w.code === 'unit_not_in_directory').map((w) => r.tasks.find((x) => x.key === w.taskKey)?.title)).toEqual(['压缩审批时限']);
    const audit = await t.deps.db.selectFrom('audit_events').select(['action', 'entity_id', 'after']).where('action', '=', 'import.reread').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(audit.entity_id).toBe(String(d.id));
    expect(JSON.parse(audit.after!)).toMatchObject({ options: { taskLevel: 'cn-paren' }, tasks: 6, droppedEdits: 1 });
    expect(Number((await t.deps.db.selectFrom('audit_events').select((e) => e.fn.countAll().as('c')).where('action', '=', 'import.reread').executeTakeFirstOrThrow()).c)).toBe(before + 1);

    // A second choice on top: a line that starts a task. The task it cuts is re-read; an edit elsewhere stays.
    const land = r.tasks.findIndex((x) => x.title === '保障项目用地');
    const edited = structuredClone(r.tasks);
    edited[land] = { ...edited[land]!, responsible: ['县财政局'], spans: null };
    expect((await put(r, { tasks: edited })).statusCode).toBe(200);
    const line = r.source.indexOf('推行信用修复');
    const again = await reread(d.id, { taskLevel: 'cn-paren', taskStarts: [line] });
    expect(again.statusCode, again.body).toBe(200);
    const a: Draft = again.json();
    expect(titles(a)).toEqual(['深化“一网通办”改革', '压缩审批时限', '规范涉企收费', '加强信用监管', '推行信用修复“一次办”，8月底前出台配套办法', '保障项目用地', '手工新增的任务']);
    expect(a.tasks[6]!.key).toBe('mine');
    expect(a.tasks[5]).toMatchObject({ key: r.tasks[land]!.key, responsible: ['县财政局'] });
    // 加强信用监管 was cut, so the hand edit of its units gave way to the new reading.
    expect(a.tasks[3]!.lead).toEqual(['县市场监管局']);
    expect(a.reread).toMatchObject({ keptEdits: 1, keptAdded: 1, droppedEdits: 1 });
    expect(a.readOptions).toEqual({ taskLevel: 'cn-paren', taskStarts: [line] });
    expect(a.warnings.some((w) => w.code === 'task_without_unit' && w.taskKey === a.tasks[4]!.key)).toBe(true);

    // Back to the reader's own reading; and the draft commits as what it shows.
    const reset: Draft = (await reread(d.id, {})).json();
    expect(reset.readOptions).toEqual({});
    expect(reset.tasks).toHaveLength(10); // 8 sub-points, the leaf 加强信用监管, and the task added by hand
    const back: Draft = (await reread(d.id, { taskLevel: 'cn-paren', taskStarts: [line] })).json();
    expect(back.tasks).toHaveLength(7);
    const commit = await t.inject({ method: 'POST', url: `/api/imports/${d.id}/commit` });
    expect(commit.statusCode, commit.body).toBe(201);
    const plan = (await t.inject({ method: 'GET', url: `/api/plans/${commit.json().planId}/tasks?pageSize=50` })).json();
    expect(plan.total).toBe(7);
    expect((await reread(d.id, {})).statusCode).toBe(409);
  });

  it('refuses a choice it cannot follow, in Chinese, and leaves the draft as it was', async () => {
    const d = await upload('拒绝.txt');
    const content = await storedContent(d.id);
    const notLineStart = d.source.indexOf('信用修复');
    const cases: [object, RegExp][] = [
      [{ taskStarts: [notLineStart] }, /不是原文中某一行的开头/],
      [{ taskStarts: [d.source.length + 5] }, /不是原文中某一行的开头/],
      [{ taskLevel: 'article' }, /所选层级不在本文件识别出的编号层级中/],
      [{ taskLevel: '' }, /请选择任务所在层级/],
      [{ taskStarts: [-1] }, /./],
      [{ taskLevel: 'cn-paren', extra: 1 }, /./],
    ];
    for (const [payload, message] of cases) {
      const res = await reread(d.id, payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json().error.message).toMatch(message);
      expect(res.json().error.message).toMatch(/[\u4e00-\u9fa5]/);
    }
    expect(await storedContent(d.id)).toBe(content);
    expect((await reread(999999, {})).statusCode).toBe(404);
  });

  it('makes a draft of a document whose numbering is found but no task, for the coordinator to point at the tasks', async () => {
    const doc = '关于做好年度重点工作的通知\n一、总体要求\n各单位要高度重视。\n二、工作目标\n年底前建成数据平台。\n三、组织保障\n加强领导。';
    const res = await t.inject({ method: 'POST', url: '/api/imports', ...multipart('无任务.txt', Buffer.from(doc)) });
    expect(res.statusCode, res.body).toBe(201);
    const d: Draft = res.json();
    expect(d.tasks).toEqual([]);
    expect(d.warnings.map((w) => w.code)).toEqual(['no_task_level']);
    expect(d.structure.levels.map((l) => l.form)).toEqual(['cn-dun']);
    // A choice that still reads no task is refused, and nothing changes.
    const content = await storedContent(d.id);
    const none = await reread(d.id, { taskLevel: 'cn-dun' });
    expect(none.statusCode).toBe(400);
    expect(none.json().error.message).toBe('按所选结构未能识别出任何任务，草稿未改动');
    expect(await storedContent(d.id)).toBe(content);
    const r: Draft = (await reread(d.id, { taskStarts: [d.source.indexOf('年底前建成')] })).json();
    expect(r.tasks.map((x) => [x.title, x.deadlines.map((dl) => dl.text)])).toEqual([['年底前建成数据平台', ['年底前']]]);
    expect(r.warnings.map((w) => w.code)).not.toContain('no_task_level');
    expect((await t.inject({ method: 'POST', url: `/api/imports/${d.id}/commit` })).statusCode).toBe(201);
  });

  it('re-reads a draft stored before drafts kept their reading, telling its hand edits apart', async () => {
    const d = await upload('旧草稿.txt');
    const tasks = structuredClone(d.tasks);
    tasks[6] = { ...tasks[6]!, title: '旧草稿里改过的标题', spans: null };
    expect((await put(d, { tasks })).statusCode).toBe(200);
    // As drafts were stored before: the editable content only.
    const { reading: _, ...old } = JSON.parse(await storedContent(d.id));
    await t.deps.db.updateTable('import_drafts').set({ content: JSON.stringify(old) }).where('id', '=', d.id).execute();
    const legacy = await get(d.id);
    expect(legacy.structure.levels.map((l) => l.form)).toEqual(['cn-dun', 'cn-paren', 'ar-dot']);
    expect(legacy.warnings).toEqual([]);
    expect(legacy.tasks).toHaveLength(9);
    const r: Draft = (await reread(d.id, { taskLevel: 'cn-paren' })).json();
    expect(r.tasks.map((x) => x.title)).toContain('旧草稿里改过的标题');
    expect(r.structure.levels).toHaveLength(3);
    expect(r.reread).toMatchObject({ keptEdits: 1, droppedEdits: 0 });
  });
});

describe('the unit directory check', () => {
  it('counts an alias as known: a variant confirmed once is not asked about again', async () => {
    const target = await t.deps.db.selectFrom('units').select('id').where('name', '=', '县行政审批服务局').executeTakeFirstOrThrow();
    // The plan written with another variant, 县审批局, that no unit has as its name.
    const plan = PLAN.replaceAll('县行政审批局', '县审批局');
    const before = await upload('别名前.txt', plan);
    expect(before.warnings.filter((w) => w.code === 'unit_not_in_directory').map((w) => w.unit)).toEqual(['县审批局', '县审批局']);
    const alias = await t.inject({ method: 'POST', url: `/api/units/${target.id}/aliases`, payload: { alias: '县审批局' } });
    expect(alias.statusCode, alias.body).toBeLessThan(300);
    const d = await upload('别名.txt', plan);
    expect(d.warnings.filter((w) => w.code === 'unit_not_in_directory')).toEqual([]);
  });
});
