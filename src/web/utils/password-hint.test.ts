import { describe, expect, it } from 'vitest';
import { passwordChecks, passwordProblem, passwordStrength } from './password-hint.ts';

describe('password hint', () => {
  it('lists the rule item by item', () => {
    expect(passwordChecks('abc')).toEqual([
      { label: '至少 10 位（当前 3 位）', ok: false },
      { label: '大写字母、小写字母、数字、符号中至少三类（已含小写字母）', ok: false },
    ]);
    expect(passwordChecks('Shanting-2021').every((c) => c.ok)).toBe(true);
    expect(passwordChecks('')[1]!.label).toContain('已含无');
  });

  it('grades strength', () => {
    expect(passwordStrength('')).toBe(0);
    expect(passwordStrength('Ab1!')).toBe(1);
    expect(passwordStrength('abcdefghijkl')).toBe(1);
    expect(passwordStrength('Abcdefgh12')).toBe(2);
    expect(passwordStrength('Abcdefgh1!')).toBe(3);
    expect(passwordStrength('Abcdefgh1!xyz#')).toBe(4);
  });

  it('agrees with the server rule', () => {
    expect(passwordProblem('Abcdefgh12', 'zhang')).toBeNull();
    expect(passwordProblem('zhangsan-2021A', 'zhangsan')).toBe('密码不能包含用户名');
  });
});
