import { expect, it } from 'vitest';
import { passwordProblem } from './password.ts';

it.each([
  ['short1A!', /至少 10 位/],
  ['alllowercaseletters', /至少三类/],
  ['Coordinator2021!', /用户名/],
])('refuses %s', (pw, msg) => {
  expect(passwordProblem(pw, 'coordinator')).toMatch(msg);
});

it('accepts a long mixed password', () => {
  expect(passwordProblem('Shanting-2021-plan', 'coordinator')).toBeNull();
});
