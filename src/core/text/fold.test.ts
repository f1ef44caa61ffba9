import { expect, it } from 'vitest';
import { foldForSearch } from './fold.ts';

it('folds traditional script, full-width characters and spaces', () => {
  expect(foldForSearch('優化營商環境 ６月底前')).toBe('优化营商环境6月底前');
  expect(foldForSearch('ＡＢＣ')).toBe('abc');
});
