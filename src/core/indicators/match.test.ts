import { expect, it } from 'vitest';
import { matchIndicator } from './match.ts';

it.each([
  ['开办企业', 'starting-business'],
  ['工程建设项目审批制度改革', 'construction-permits'],
  ['获得电力', 'electricity'],
  ['优化金融服务', 'getting-credit'],
  ['劳动力市场监管', 'labour-market'],
  ['市场监管', 'market-regulation'],
  ['知识产权创造、保护和运用', 'intellectual-property'],
  ['提升创新创业活跃度', 'inclusive-innovation'],
  ['优化外商投资服务', 'inclusive-innovation'],
  ['深入实施就业优先战略', null],
])('%s → %s', (title, code) => {
  expect(matchIndicator(title)).toBe(code);
});
