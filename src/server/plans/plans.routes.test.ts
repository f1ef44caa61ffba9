import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gold, goldItems } from '../test/gold.ts';
import { createTestApp, importSeed, type TestApp } from '../test/helpers.ts';

let t: TestApp;
let planId: number;
beforeAll(async () => {
  t = await createTestApp();
  planId = await importSeed(t);
});
afterAll(async () => t.close());

const get = async (url: string) => {
  const res = await t.inject({ method: 'GET', url });
  return { status: res.statusCode, body: res.json() };
};

describe('plan overview', () => {
  it('has the document metadata, the dated goals and 19 sections with their task counts', async () => {
    const { status, body } = await get(`/api/plans/${planId}`);
    expect(status).toBe(200);
    expect(body).toMatchObject({ number: gold.document.number, issuer: gold.document.issuer, date: gold.document.date, year: 2021, level: 'district', taskCount: goldItems.length });
    expect(body.goals.map((g: { text: string; date: string }) => ({ text: g.text, date: g.date }))).toEqual(gold.body.goals);
    expect(body.sections.map((s: { title: string; taskCount: number }) => [s.title, s.taskCount])).toEqual(gold.sections.map((s) => [s.heading, s.items.length]));
    expect(body.deadlineCount).toBe(goldItems.reduce((n, it) => n + it.deadlines.length, 0));
    const byTitle = Object.fromEntries(body.sections.map((s: { title: string; indicator: { name: string } | null }) => [s.title, s.indicator?.name ?? null]));
    expect(byTitle.开办企业).toBe('开办企业');
    expect(byTitle.工程建设项目审批制度改革).toBe('办理建筑许可');
    expect(byTitle.优化金融服务).toBe('获得信贷');
  });

  it('lets the coordinator correct metadata and refuses a cycle of upper-level plans', async () => {
    const res = await t.inject({ method: 'PATCH', url: `/api/plans/${planId}`, payload: { level: 'county', year: 2022 } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ level: 'county', year: 2022 });
    const self = await t.inject({ method: 'PATCH', url: `/api/plans/${planId}`, payload: { parentPlanId: planId } });
    expect(self.statusCode).toBe(400);
    expect(self.json().error.message).toMatch(/上级方案/);
    const bad = await t.inject({ method: 'PATCH', url: `/api/plans/${planId}`, payload: { level: 'galaxy' } });
    expect(bad.statusCode).toBe(400);
    const unknown = await t.inject({ method: 'PATCH', url: `/api/plans/${planId}`, payload: { secret: 1 } });
    expect(unknown.statusCode).toBe(400);
    await t.inject({ method: 'PATCH', url: `/api/plans/${planId}`, payload: { level: 'district', year: 2021 } });
  });

  it('refuses a date that has the right shape but is no calendar day, so the dashboards never meet one (found by the fuzz suite: 500)', async () => {
    for (const date of ['2021-02-30', '2021-13-01', '2021-00-10']) {
      const res = await t.inject({ method: 'PATCH', url: `/api/plans/${planId}`, payload: { date } });
      expect(res.statusCode, date).toBe(400);
      expect(res.json().error.message).toMatch(/不是有效日期/);
    }
    const burnup = await t.inject({ method: 'GET', url: `/api/dashboard/burnup?planId=${planId}` });
    expect(burnup.statusCode, burnup.body).toBe(200);
    expect((await t.inject({ method: 'PATCH', url: `/api/plans/${planId}`, payload: { date: '2021-02-28' } })).statusCode).toBe(200);
  });

  it('maps a section onto another indicator, refusing unknown codes', async () => {
    const { body } = await get(`/api/plans/${planId}`);
    const section = body.sections.find((s: { title: string }) => s.title === '提升人才流动便利度');
    const ok = await t.inject({ method: 'PATCH', url: `/api/sections/${section.id}`, payload: { indicatorCode: 'labour-market' } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().indicator).toEqual({ code: 'labour-market', name: '劳动力市场监管' });
    const bad = await t.inject({ method: 'PATCH', url: `/api/sections/${section.id}`, payload: { indicatorCode: 'nope' } });
    expect(bad.statusCode).toBe(400);
  });

  it('answers 404 in Chinese for a missing plan', async () => {
    const { status, body } = await get('/api/plans/99999');
    expect(status).toBe(404);
    expect(body.error).toEqual({ code: 'NOT_FOUND', message: '方案不存在' });
  });
});

describe('task list filters', () => {
  const unitId = async (name: string) => (await get(`/api/units?q=${encodeURIComponent(name)}`)).body.data.find((u: { name: string }) => u.name === name).id as number;

  it('pages through all tasks in document order', async () => {
    const p1 = await get(`/api/plans/${planId}/tasks?page=1&pageSize=50`);
    const p4 = await get(`/api/plans/${planId}/tasks?page=4&pageSize=50`);
    expect(p1.body.total).toBe(goldItems.length);
    expect(p1.body.data[0].title).toBe(goldItems[0]!.title);
    expect(p4.body.data).toHaveLength(goldItems.length - 150);
  });

  it('filters by section', async () => {
    const { body: plan } = await get(`/api/plans/${planId}`);
    const s = plan.sections[1];
    const { body } = await get(`/api/plans/${planId}/tasks?sectionId=${s.id}&pageSize=100`);
    expect(body.total).toBe(gold.sections[1]!.items.length);
    expect(body.data.every((x: { sectionId: number }) => x.sectionId === s.id)).toBe(true);
  });

  it('filters by unit as lead, as responsible, or either', async () => {
    const id = await unitId('区审批服务局');
    const lead = await get(`/api/plans/${planId}/tasks?unitId=${id}&role=lead&pageSize=1`);
    const resp = await get(`/api/plans/${planId}/tasks?unitId=${id}&role=responsible&pageSize=1`);
    const any = await get(`/api/plans/${planId}/tasks?unitId=${id}&pageSize=1`);
    expect(lead.body.total).toBe(goldItems.filter((i) => i.lead.includes('区审批服务局')).length);
    expect(resp.body.total).toBe(goldItems.filter((i) => i.responsible.includes('区审批服务局')).length);
    expect(any.body.total).toBe(goldItems.filter((i) => i.lead.includes('区审批服务局') || i.responsible.includes('区审批服务局')).length);
  });

  it('filters by deadline month and by having no deadline', async () => {
    const june = await get(`/api/plans/${planId}/tasks?month=2021-06&pageSize=1`);
    expect(june.body.total).toBe(goldItems.filter((i) => i.deadlines.some((d) => d.date.startsWith('2021-06'))).length);
    const none = await get(`/api/plans/${planId}/tasks?noDeadline=true&pageSize=1`);
    expect(none.body.total).toBe(goldItems.filter((i) => i.deadlines.length === 0).length);
    const bad = await get(`/api/plans/${planId}/tasks?month=2021-13`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/月份格式/);
  });

  it('searches Chinese text in simplified or traditional script, with wildcards taken literally', async () => {
    const simp = await get(`/api/plans/${planId}/tasks?q=${encodeURIComponent('电子证照')}&pageSize=1`);
    const trad = await get(`/api/plans/${planId}/tasks?q=${encodeURIComponent('電子證照')}&pageSize=1`);
    const expected = goldItems.filter((i) => `${i.title}${i.text}`.includes('电子证照')).length;
    expect(simp.body.total).toBe(expected);
    expect(trad.body.total).toBe(expected);
    const wild = await get(`/api/plans/${planId}/tasks?q=${encodeURIComponent('%')}&pageSize=1`);
    expect(wild.body.total).toBe(goldItems.filter((i) => `${i.title}${i.text}`.normalize('NFKC').includes('%')).length);
    expect(wild.body.total).toBeLessThan(goldItems.length);
  });
});

describe('task detail and calendar', () => {
  it('returns the source paragraph and spans that highlight the title, deadlines and units', async () => {
    const list = await get(`/api/plans/${planId}/tasks?pageSize=1`);
    const { body } = await get(`/api/tasks/${list.body.data[0].id}`);
    expect(body.title).toBe(goldItems[0]!.title);
    expect(body.deadlines).toEqual(goldItems[0]!.deadlines);
    const src = body.source.text as string;
    const at = (s: [number, number]) => src.slice(s[0] - body.source.offset, s[1] - body.source.offset);
    expect(at(body.spans.title)).toBe(body.title);
    expect(body.spans.deadlines.map(at)).toEqual(goldItems[0]!.deadlines.map((d) => d.text));
    expect(body.spans.lead.map(at)).toEqual(goldItems[0]!.lead);
    expect(body.milestones[0].clause.startsWith(goldItems[0]!.deadlines[0]!.text)).toBe(true);
  });

  it('lists milestones per month, and per unit', async () => {
    const { body } = await get(`/api/plans/${planId}/calendar`);
    const months = Object.fromEntries(body.months.map((m: { month: string; items: unknown[] }) => [m.month, m.items.length]));
    const expected: Record<string, number> = {};
    for (const it of goldItems) for (const d of it.deadlines) expected[d.date.slice(0, 7)] = (expected[d.date.slice(0, 7)] ?? 0) + 1;
    expect(months).toEqual(expected);
    expect(body.undated).toBe(goldItems.filter((i) => i.deadlines.length === 0).length);
    const unit = (await get(`/api/units?q=${encodeURIComponent('区税务局')}`)).body.data.find((u: { name: string }) => u.name === '区税务局');
    const forUnit = (await get(`/api/plans/${planId}/calendar?unitId=${unit.id}`)).body;
    const n = forUnit.months.reduce((s: number, m: { items: unknown[] }) => s + m.items.length, 0);
    expect(n).toBe(goldItems.filter((i) => i.lead.includes('区税务局') || i.responsible.includes('区税务局')).reduce((s, i) => s + i.deadlines.length, 0));
  });
});
