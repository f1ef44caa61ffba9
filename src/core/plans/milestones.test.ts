import { expect, it } from 'vitest';
import { milestonesOf } from './milestones.ts';

it('takes each deadline with the clause it governs', () => {
  const text = '推进互通互认。8月底前，实现扫码调取，无需人工核验。年底前全面推广；持续优化。';
  const ms = milestonesOf(
    {
      text,
      deadlines: [
        { text: '8月底前', date: '2021-08-31' },
        { text: '年底前', date: '2021-12-31' },
      ],
    },
    null,
  );
  expect(ms.map((m) => m.clause)).toEqual(['8月底前，实现扫码调取，无需人工核验。', '年底前全面推广；']);
  expect(ms[0]?.date).toBe('2021-08-31');
});

it('uses the source span when it matches the phrase', () => {
  const source = '前文。6月底前完成清理。后文';
  const ms = milestonesOf({ text: '6月底前完成清理。', deadlines: [{ text: '6月底前', date: '2021-06-30' }], deadlineSpans: [[3, 7]] }, source);
  expect(ms[0]).toEqual({ text: '6月底前', clause: '6月底前完成清理。', date: '2021-06-30', span: [3, 7] });
});

it('falls back to the phrase itself when it is not in the text', () => {
  const ms = milestonesOf({ text: '持续推进。', deadlines: [{ text: '2021年12月31日', date: '2021-12-31' }], deadlineSpans: [[0, 2]] }, 'xx');
  expect(ms[0]).toEqual({ text: '2021年12月31日', clause: '2021年12月31日', date: '2021-12-31', span: null });
});
