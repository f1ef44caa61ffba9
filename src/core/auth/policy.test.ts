import { describe, expect, it } from 'vitest';
import { ACTION_ROLES, ACTIONS, can, canInstructTask, canWriteTask, type Principal } from './policy.ts';

const p = (over: Partial<Principal>): Principal => ({ userId: 1, unitId: 10, roles: [], unitScope: [10], leaderSectionIds: [], ...over });
const task = { sectionId: 5, leadUnitIds: [10], responsibleUnitIds: [20, 21] };

describe('policy', () => {
  it('has a rule for every action', () => {
    expect(Object.keys(ACTION_ROLES).sort()).toEqual(Object.keys(ACTIONS).sort());
  });

  it('lets the public read only what is public', () => {
    expect(can(null, 'public.read')).toBe(true);
    expect(can(null, 'plan.read')).toBe(false);
  });

  it('lets a unit write only tasks its unit (or a unit under it) is named on', () => {
    expect(canWriteTask(p({ roles: ['unit_manager'] }), task)).toBe(true);
    expect(canWriteTask(p({ roles: ['unit_staff'], unitId: 21, unitScope: [21] }), task)).toBe(true);
    expect(canWriteTask(p({ roles: ['unit_manager'], unitId: 30, unitScope: [30] }), task)).toBe(false);
    expect(canWriteTask(p({ roles: ['unit_manager'], unitId: 1, unitScope: [1, 20] }), task)).toBe(true);
    expect(canWriteTask(p({ roles: ['coordinator'] }), task)).toBe(false);
  });

  it('lets a leader instruct only in the sections they command', () => {
    expect(canInstructTask(p({ roles: ['leader'], leaderSectionIds: [5] }), task)).toBe(true);
    expect(canInstructTask(p({ roles: ['leader'], leaderSectionIds: [6] }), task)).toBe(false);
    expect(canInstructTask(p({ roles: ['unit_manager'], leaderSectionIds: [5] }), task)).toBe(false);
  });

  it('keeps account management to admins and plan management to coordinators', () => {
    expect(can(p({ roles: ['admin'] }), 'account.manage')).toBe(true);
    expect(can(p({ roles: ['coordinator'] }), 'account.manage')).toBe(false);
    expect(can(p({ roles: ['coordinator'] }), 'plan.manage')).toBe(true);
    expect(can(p({ roles: ['unit_manager'] }), 'plan.manage')).toBe(false);
  });
});
