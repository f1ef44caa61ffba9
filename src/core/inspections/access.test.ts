import { describe, expect, it } from 'vitest';
import type { Principal, Role } from '../auth/policy.ts';
import { inspectionAccessOf, isAboutVisible, type InspectionFacts } from './access.ts';

const who = (roles: Role[], unitScope: number[] = [], userId = 1): Principal => ({
  userId,
  unitId: unitScope[0] ?? null,
  roles,
  unitScope,
  leaderSectionIds: [],
});
const plan = (over: Partial<InspectionFacts> = {}): InspectionFacts => ({
  kind: 'covert',
  released: false,
  targetUnitIds: [10, 11],
  inspectorUserIds: [7],
  ...over,
});

describe('inspection confidentiality', () => {
  it('shows everything to the coordinator and the leader', () => {
    expect(inspectionAccessOf(who(['coordinator']), plan())).toBe('full');
    expect(inspectionAccessOf(who(['leader']), plan())).toBe('full');
  });

  it('shows an inspector only the plans they are assigned to', () => {
    expect(inspectionAccessOf(who(['inspector'], [], 7), plan())).toBe('assigned');
    expect(inspectionAccessOf(who(['inspector'], [], 8), plan())).toBeNull();
  });

  it('hides a covert plan from its target until release, and any plan from units it does not target', () => {
    const staff = who(['unit_staff'], [10, 12]);
    expect(inspectionAccessOf(staff, plan())).toBeNull();
    expect(inspectionAccessOf(staff, plan({ released: true }))).toBe('unit');
    expect(inspectionAccessOf(staff, plan({ kind: 'open' }))).toBe('unit');
    expect(inspectionAccessOf(who(['unit_manager'], [99]), plan({ kind: 'open', released: true }))).toBeNull();
    // Another role does not lift a unit's restriction: an inspector not on the plan who also staffs a unit.
    expect(inspectionAccessOf(who(['inspector', 'unit_staff'], [10], 8), plan())).toBeNull();
  });

  it('shows a unit findings and visits only after release, and only about its own units', () => {
    const staff = who(['unit_staff'], [10]);
    expect(isAboutVisible(staff, 'unit', false, 10)).toBe(false);
    expect(isAboutVisible(staff, 'unit', true, 10)).toBe(true);
    expect(isAboutVisible(staff, 'unit', true, 11)).toBe(false);
    expect(isAboutVisible(staff, null, true, 10)).toBe(false);
    expect(isAboutVisible(who(['inspector'], [], 7), 'assigned', false, 11)).toBe(true);
  });
});
