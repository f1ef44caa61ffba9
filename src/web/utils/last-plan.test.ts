import { describe, expect, it } from 'vitest';
import { pickPlan } from './last-plan.ts';

describe('pickPlan', () => {
  it('prefers the remembered plan while it exists', () => {
    expect(pickPlan([3, 1], '1')).toBe(1);
    expect(pickPlan([3, 1], '9')).toBe(3);
    expect(pickPlan([3, 1], null)).toBe(3);
    expect(pickPlan([], '1')).toBeNull();
  });
});
