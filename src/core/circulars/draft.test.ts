import { describe, expect, it } from 'vitest';
import { sampleSnapshot } from '../rounds/sample-snapshot.ts';
import type { RoundSnapshot } from '../rounds/types.ts';
import { chineseDate, chineseOrdinal, draftCircular, percent, planName } from './draft.ts';
import { CIRCULAR_BLOCK_KEYS } from './types.ts';

const s = sampleSnapshot();
const d = draftCircular(s, { issuer: '山亭区人民政府办公室' });

describe('helpers', () => {
  it('writes dates without zero padding, rates with one decimal, ordinals in Chinese', () => {
    expect(chineseDate('2021-06-30')).toBe('2021年6月30日');
    expect(chineseDate('2021-07-06T02:00:00.000Z')).toBe('2021年7月6日');
    expect(percent(0.8593)).toBe('85.9%');
    expect(percent(1)).toBe('100%');
    expect(percent(0)).toBe('0%');
    expect([1, 5, 10, 11, 20, 23].map(chineseOrdinal)).toEqual(['一', '五', '十', '十一', '二十', '二十三']);
  });
});

describe('draftCircular', () => {
  it('titles the circular after the plan and numbers it from the round title', () => {
    expect(d.title).toBe('关于山亭区优化营商环境创新突破行动推进情况的通报');
    expect(d.docNumber).toBe('第3期');
    expect(draftCircular(s, { issuer: 'x', seq: 12 }).docNumber).toBe('第12期');
    expect(draftCircular({ ...s, round: { ...s.round, title: '六月调度' } }, { issuer: 'x' }).docNumber).toBeNull();
    for (const k of CIRCULAR_BLOCK_KEYS) expect(d.blocks[k].length, k).toBeGreaterThan(5);
  });

  it('states the overall figures of the snapshot', () => {
    const o = s.overall;
    expect(d.blocks.overall).toContain(`截至2021年7月6日，方案共${o.total}项任务，已完成${o.done + o.doneLate}项（其中逾期完成${o.doneLate}项），完成率${percent(o.completionRate)}`);
    expect(d.blocks.overall).toContain(`逾期未完成${o.overdue}项`);
    expect(d.blocks.overall).toContain(`未启动${o.notStarted}项`);
    const june = s.checkpoints[0]!;
    expect(d.blocks.overall).toContain(`“6月底前取得实质性进展”应完成任务${june.due}项，按期完成${june.doneByCheckpoint}项，逾期未完成${june.overdue}项`);
    expect(d.blocks.intro).toContain(`按时报送${s.reporting.onTime}个，逾期报送${s.reporting.late}个，未报送${s.reporting.missing.length}个`);
    expect(d.blocks.intro).toContain('（调度期间为2021年6月1日至2021年6月30日）');
    expect(d.blocks.intro).not.toMatch(/年0\d月|月0\d日/);
  });

  it('names the best and the weakest sections with their rates', () => {
    const ranked = [...s.bySection].sort((a, b) => b.counts.completionRate - a.counts.completionRate || a.counts.overdue - b.counts.overdue || b.counts.total - a.counts.total);
    const best = ranked[0]!;
    const worst = ranked.at(-1)!;
    expect(d.blocks.sections).toMatch(new RegExp(`^从各领域（指标）看，“${best.title}”`));
    expect(d.blocks.sections).toContain(`“${worst.title}”`);
    expect(d.blocks.sections).toContain(percent(worst.counts.completionRate));
  });

  it('counts the overdue tasks and names the longest overdue', () => {
    const top = s.overdue[0]!;
    expect(d.blocks.overdue).toContain(`共有${s.overdue.length}项任务逾期未完成`);
    expect(d.blocks.overdue).toContain(`“${top.title}”，已逾期${top.workdaysOverdue}个工作日`);
    const none = draftCircular({ ...s, overdue: [] }, { issuer: 'x' });
    expect(none.blocks.overdue).toBe('截至2021年7月6日，无逾期未完成任务。');
  });

  it('names the top three and bottom three units with their scores, and who did not report', () => {
    const [a, b, c] = s.units;
    expect(d.blocks.ranking).toContain(`排名前三位的单位是：${a!.name}（${a!.score}分）、${b!.name}（${b!.score}分）、${c!.name}（${c!.score}分）`);
    const last = s.units.at(-1)!;
    expect(d.blocks.ranking).toContain(`${last.name}（${last.score}分）`);
    for (const m of s.reporting.missing) expect(d.blocks.ranking).toContain(m.name);
  });

  it('lists up to five good practices with their units, and next steps', () => {
    const lines = d.blocks.goodPractices.split('\n');
    expect(lines).toHaveLength(6);
    expect(lines[1]).toMatch(new RegExp(`^（一）${s.goodPractices[0]!.unitName}：`));
    expect(lines[5]).toMatch(/^（五）/);
    expect(d.blocks.nextSteps.split('\n')).toHaveLength(3);
    expect(d.blocks.nextSteps).toContain(`对${s.overdue.length}项逾期任务`);
    expect(d.blocks.nextSteps).toContain('9月底前基本完成改革任务');
  });

  it('names the plan, not the notice that issued it', () => {
    expect(planName('山亭区人民政府关于印发山亭区优化营商环境创新突破行动落实方案的通知')).toBe('山亭区优化营商环境创新突破行动落实方案');
    const issued = draftCircular({ ...s, plans: [{ id: 1, number: null, title: '山亭区人民政府关于印发山亭区优化营商环境创新突破行动落实方案的通知' }] }, { issuer: 'x' });
    expect(issued.title).toBe('关于山亭区优化营商环境创新突破行动推进情况的通报');
    expect(issued.blocks.intro).toMatch(/^为推动《山亭区优化营商环境创新突破行动落实方案》各项任务/);
  });

  it('does not call a section fast when nothing is done, and shortens a long list of units that did not report', () => {
    const zero = (c: RoundSnapshot['overall']) => ({ ...c, done: 0, doneLate: 0, completionRate: 0 });
    const none = draftCircular({ ...s, bySection: s.bySection.map((x) => ({ ...x, counts: zero(x.counts) })) }, { issuer: 'x' });
    expect(none.blocks.sections).toMatch(/^从各领域（指标）看，各领域均尚无完成的任务。逾期未完成任务较多的是“[^”]+”“[^”]+”“[^”]+”等领域，分别为\d+项、\d+项、\d+项。/);
    expect(none.blocks.sections).not.toContain('推进较快');
    const missing = Array.from({ length: 12 }, (_, i) => ({ unitId: i, name: `单位${i + 1}` }));
    const many = draftCircular({ ...s, reporting: { ...s.reporting, missing } }, { issuer: 'x' });
    expect(many.blocks.ranking).toContain('单位1、单位2、单位3、单位4、单位5、单位6、单位7、单位8、单位9、单位10等12个单位未按要求报送本期进展。');
  });

  it('copes with an empty round', () => {
    const empty: RoundSnapshot = { ...s, plans: [], overall: { ...s.overall, total: 0 }, bySection: [], overdue: [], units: [], goodPractices: [], tasks: [], checkpoints: [], reporting: { expected: 0, onTime: 0, late: 0, missing: [] } };
    const e = draftCircular(empty, { issuer: '区政府办公室' });
    expect(e.title).toBe('关于各项重点任务推进情况的通报');
    expect(e.blocks.ranking).toBe('本期无参与排名的单位。');
    expect(e.blocks.sections).toBe('本期无分领域任务。');
  });
});
