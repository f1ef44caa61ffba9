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

it.each(['Password123', 'Qwerty12345', 'Aaaaaaaaaa1', 'Tuijin2026!', 'P@ssw0rd2026', 'Admin@2026!!', '1234567890Aa'])('refuses the common %s', (pw) => {
  expect(passwordProblem(pw, 'coordinator')).toMatch(/过于(常见|简单)/);
});

it('still accepts passwords that merely contain a common word', () => {
  expect(passwordProblem('Password-of-Shanting-9', 'coordinator')).toBeNull();
  expect(passwordProblem('Fresh-pass-2026', 'coordinator')).toBeNull();
});
