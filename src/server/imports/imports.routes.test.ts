import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, multipart, seedBytes, type TestApp } from '../test/helpers.ts';
import { goldItems } from '../test/gold.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ TUIJIN_MAX_IMPORT_MB: '1' });
});
afterAll(async () => t.close());

const count = async (table: 'plans' | 'tasks' | 'units' | 'milestones' | 'task_units' | 'import_drafts' | 'audit_events') =>
  Number(
    (
      await t.deps.db
        .selectFrom(table)
        .select((e) => e.fn.countAll().as('c'))
        .executeTakeFirstOrThrow()
    ).c,
  );

describe('import a plan document', () => {
  let draftId: number;

  it('reads the seed into a draft of 199 tasks with spans into the source', async () => {
    const res = await t.inject({ method: 'POST', url: '/api/imports', ...multipart('山政发〔2021〕7号.txt', seedBytes()) });
    expect(res.statusCode).toBe(201);
    const draft = res.json();
    draftId = draft.id;
    expect(draft.status).toBe('draft');
    expect(draft.document).toMatchObject({ number: '山政发〔2021〕7号', issuer: '山亭区人民政府', date: '2021-05-26', plan_year: 2021, level: 'district' });
    expect(draft.tasks).toHaveLength(goldItems.length);
    expect(draft.goals.map((g: { date: string }) => g.date)).toEqual(['2021-06-05', '2021-06-30', '2021-09-30', '2021-12-31']);
    const first = draft.tasks[0];
    expect(draft.source.slice(first.spans.title[0], first.spans.title[1])).toBe(first.title);
    expect(first.lead.map((_: string, i: number) => draft.source.slice(...first.spans.lead[i]))).toEqual(first.lead);
  });

  it('refuses a draft edit that leaves a task without a title, naming the task and field', async () => {
    const draft = (await t.inject({ method: 'GET', url: `/api/imports/${draftId}` })).json();
    const tasks = structuredClone(draft.tasks);
    tasks[3].title = '  ';
    const res = await t.inject({ method: 'PUT', url: `/api/imports/${draftId}`, payload: { document: draft.document, goals: draft.goals, tasks } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(/任务标题不能为空/);
    expect(JSON.stringify(res.json().error.details)).toContain('tasks.3.title');
    const after = (await t.inject({ method: 'GET', url: `/api/imports/${draftId}` })).json();
    expect(after.tasks[3].title).toBe(draft.tasks[3].title);
  });

  it('saves corrections (delete a task, fix a unit, set the level) and commits them as a plan', async () => {
    const draft = (await t.inject({ method: 'GET', url: `/api/imports/${draftId}` })).json();
    const tasks = draft.tasks.slice(0, -1);
    tasks[0].lead = ['区审批服务局', '区新设工作专班'];
    const put = await t.inject({
      method: 'PUT',
      url: `/api/imports/${draftId}`,
      payload: { document: { ...draft.document, level: 'district' }, goals: draft.goals, tasks },
    });
    expect(put.statusCode).toBe(200);
    const before = await count('audit_events');
    const commit = await t.inject({ method: 'POST', url: `/api/imports/${draftId}/commit` });
    expect(commit.statusCode).toBe(201);
    const planId = commit.json().planId;
    const plans = (await t.inject({ method: 'GET', url: '/api/plans' })).json();
    expect(plans.total).toBe(1);
    expect(plans.data[0]).toMatchObject({ id: planId, number: '山政发〔2021〕7号', year: 2021, taskCount: goldItems.length - 1 });
    const task1 = (await t.inject({ method: 'GET', url: `/api/plans/${planId}/tasks?pageSize=1` })).json().data[0];
    expect(task1.lead.map((u: { name: string }) => u.name)).toEqual(['区审批服务局', '区新设工作专班']);
    expect(await count('audit_events')).toBe(before + 1);
  });

  it('answers 409 with a link to the plan when the same document is imported again', async () => {
    const res = await t.inject({ method: 'POST', url: '/api/imports', ...multipart('again.txt', seedBytes()) });
    expect(res.statusCode).toBe(409);
    const { error } = res.json();
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toMatch(/已导入/);
    expect(error.details.url).toBe(`/plans/${error.details.planId}`);
  });

  it('answers 409 when a committed draft is committed again', async () => {
    const res = await t.inject({ method: 'POST', url: `/api/imports/${draftId}/commit` });
    expect(res.statusCode).toBe(409);
  });
});

describe('bad uploads get a clear Chinese error and leave nothing behind', () => {
  it('rejects other file types', async () => {
    const before = await count('import_drafts');
    const res = await t.inject({ method: 'POST', url: '/api/imports', ...multipart('virus.exe', Buffer.from('MZ\x90\x00')) });
    expect(res.statusCode).toBe(415);
    expect(res.json().error.message).toMatch(/不支持的文件类型/);
    expect(await count('import_drafts')).toBe(before);
  });

  it('rejects a file over the size limit with 413', async () => {
    const res = await t.inject({ method: 'POST', url: '/api/imports', ...multipart('big.txt', Buffer.alloc(1024 * 1024 + 10, 0x41)) });
    expect(res.statusCode).toBe(413);
    expect(res.json().error.message).toMatch(/超过/);
  });

  it('rejects a document in which no task can be found', async () => {
    const garbage = Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 7919) % 256));
    const res = await t.inject({ method: 'POST', url: '/api/imports', ...multipart('garbage.txt', garbage) });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(/未能从文件中识别出任何任务/);
  });

  it('rejects a .docx that is not a zip', async () => {
    const res = await t.inject({ method: 'POST', url: '/api/imports', ...multipart('fake.docx', Buffer.from('这不是一个 Word 文件')) });
    expect([400, 415]).toContain(res.statusCode);
    expect(res.json().error.message).toMatch(/[\u4e00-\u9fa5]/);
  });

  it('rejects a request without a file', async () => {
    const res = await t.inject({ method: 'POST', url: '/api/imports', payload: { x: 1 } });
    expect(res.statusCode).toBe(415);
  });

  it('refuses a commit under a missing upper-level plan and writes nothing', async () => {
    const doc = '关于印发测试方案的通知\n测试方案\n一、第一部分\n1．建立台账。6月底前完成。（牵头单位：区测试局）\n2．开展督查。（牵头单位：区测试二局）\n';
    const up = await t.inject({ method: 'POST', url: '/api/imports', ...multipart('rollback.txt', Buffer.from(doc)) });
    expect(up.statusCode).toBe(201);
    const draft = up.json();
    const put = await t.inject({
      method: 'PUT',
      url: `/api/imports/${draft.id}`,
      payload: { document: { ...draft.document, parentPlanId: 999999 }, goals: draft.goals, tasks: draft.tasks },
    });
    expect(put.statusCode).toBe(200);
    const [plans, tasks, units] = [await count('plans'), await count('tasks'), await count('units')];
    const res = await t.inject({ method: 'POST', url: `/api/imports/${draft.id}/commit` });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(/上级方案不存在/);
    expect([await count('plans'), await count('tasks'), await count('units')]).toEqual([plans, tasks, units]);
  });
});
