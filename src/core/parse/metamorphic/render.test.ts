import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { optionsArb, PLAIN } from './arbitraries.ts';
import { ALL_FORMS, cnNumeral, formLimit, marker, numeralValue } from './numerals.ts';
import { DISTRICT_2024, OWN_PLANS } from './plans.ts';
import { renderPlan, wrap } from './render.ts';
import { planOf } from './run.ts';
import { SEED } from './seed.fixture.ts';
import { pieceTransform } from './transforms.ts';

const PLANS = [...OWN_PLANS, SEED];

describe('the renderer', () => {
  it('prints every expected field it promises exactly, whatever the conventions', () => {
    const pick = fc.record({
      plan: fc.constantFrom('county-2023', 'city-2022', 'district-2024', 'seed'),
      keep: fc.uniqueArray(fc.nat(198), { minLength: 1, maxLength: 8 }),
    });
    fc.assert(
      fc.property(
        pick.chain((p) => fc.tuple(fc.constant(p), optionsArb(p.plan === 'county-2023' ? 2 : 1))),
        ([p, opts]) => {
          const plan = planOf(PLANS, p);
          const r = renderPlan(plan, opts);
          expect(renderPlan(plan, opts).text).toBe(r.text);
          expect(r.tasks).toHaveLength(plan.tasks.length);
          for (const t of r.tasks) {
            for (const s of [...t.lead, ...t.responsible, ...t.deadlines.map((d) => d.text), ...t.path]) expect(r.text).toContain(s);
            if (!r.looseText) for (const s of [t.title, t.text]) expect(r.text).toContain(s);
            if (opts.units.startsWith('first-lead')) expect(t.lead.length).toBeLessThanOrEqual(1);
          }
        },
      ),
      { numRuns: 300, seed: 3 },
    );
  });

  it('writes every marker form so that its value reads back', () => {
    for (const form of ALL_FORMS) for (let n = 1; n <= Math.min(99, formLimit(form)); n++) expect(numeralValue(marker(form, n))).toBe(n);
    expect([cnNumeral(11), cnNumeral(20), cnNumeral(105), cnNumeral(199)]).toEqual(['十一', '二十', '一百零五', '一百九十九']);
  });

  it('gives the first unit the lead under the first-lead rule and drops duplicates', () => {
    const plan = { ...DISTRICT_2024, tasks: [{ ...DISTRICT_2024.tasks[0]!, lead: ['甲局'], responsible: ['甲局', '乙局'] }] };
    const r = renderPlan(plan, { ...PLAIN, units: 'first-lead' });
    expect(r.text).toContain('（责任单位：甲局、乙局）');
    expect(r.tasks[0]).toMatchObject({ lead: ['甲局'], responsible: ['乙局'] });
  });

  it('converts each piece, so expected fields are in the rendered script and punctuation', () => {
    const r = renderPlan(DISTRICT_2024, { ...PLAIN, script: 'tw', halfWidth: true, spaces: 'question' });
    expect(r.text).toContain('????1．推行一網通辦。6月底前實現高頻事項網上辦理。(牽頭單位:區政務服務中心;責任單位:區大數據局、各街道辦事處)');
    expect(r.tasks[0]).toMatchObject({
      path: ['一、優化政務服務'],
      title: '推行一網通辦',
      lead: ['區政務服務中心'],
      responsible: ['區大數據局', '各街道辦事處'],
    });
    expect(pieceTransform({ script: 'simplified', halfWidth: false, spaces: 'drop' })('一、　甲')).toBe('一、甲');
  });

  it('numbers tasks on across sections when asked, and table rows by 序号', () => {
    expect(renderPlan(DISTRICT_2024, { ...PLAIN, running: true }).tasks.map((t) => t.number)).toEqual([1, 2, 3]);
    expect(renderPlan(DISTRICT_2024, PLAIN).tasks.map((t) => t.number)).toEqual([1, 2, 1]);
    const table = renderPlan(DISTRICT_2024, { ...PLAIN, layout: 'table', table: { sep: 'tab', merged: 'blank' } });
    expect(table.tasks.map((t) => [t.path, t.number])).toEqual([
      [['优化政务服务'], 1],
      [['优化政务服务'], 2],
      [['降低企业成本'], 3],
    ]);
  });

  it('falls back from ① when a level has more than twenty items', () => {
    const many = { ...DISTRICT_2024, tasks: Array.from({ length: 22 }, (_, i) => ({ ...DISTRICT_2024.tasks[0]!, title: `任务${i}`, text: `任务${i}。` })) };
    const r = renderPlan(many, { ...PLAIN, forms: ['cn-dun', 'circled'] });
    expect(r.text).toContain('(22)任务21。');
  });

  it('wraps lines without breaking a deadline or starting a line with a number', () => {
    expect(wrap('推进改革6月底前完成任务', 4, ['6月底前'])).toBe('推进改革6月底前\n完成任务');
    expect(wrap('甲乙丙丁（一）戊', 4, [])).toBe('甲乙丙丁（一）\n戊');
  });
});
