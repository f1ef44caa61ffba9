import { expect, it } from 'vitest';
import { levelFromIssuer } from './level.ts';

it.each([
  ['山亭区人民政府', 'district'],
  ['枣庄市人民政府', 'city'],
  ['山东省人民政府', 'province'],
  ['广东省人民政府办公厅', 'province'],
  ['海盐县人民政府', 'county'],
  ['沈陽市人民政府辦公室', 'city'],
  ['广西壮族自治区人民政府', 'province'],
  [null, null],
  ['某某委员会', null],
])('%s → %s', (issuer, level) => {
  expect(levelFromIssuer(issuer)).toBe(level);
});
