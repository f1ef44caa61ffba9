import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SECURITY_SETTINGS,
  isPasswordExpired,
  needsSecondFactor,
  SecuritySettingsSchema,
  sessionEndsAt,
  sessionExpiry,
  sessionGate,
} from './session-policy.ts';

const at = (iso: string) => Date.parse(iso);
const s = { createdAt: '2026-12-04T08:00:00.000Z', lastSeenAt: '2026-12-04T09:00:00.000Z' };

describe('session policy', () => {
  it('defaults to 30 minutes idle, 12 hours absolute, a lock after 10 for 15 minutes, no expiry, and is valid', () => {
    expect(DEFAULT_SECURITY_SETTINGS).toEqual({
      idleMinutes: 30,
      absoluteHours: 12,
      lockAfterFailures: 10,
      lockMinutes: 15,
      passwordMaxAgeDays: null,
      totpRoles: [],
    });
    expect(SecuritySettingsSchema.safeParse(DEFAULT_SECURITY_SETTINGS).success).toBe(true);
  });

  it('ends a session after the idle timeout since last use', () => {
    expect(sessionExpiry(s, at('2026-12-04T09:29:59.999Z'), DEFAULT_SECURITY_SETTINGS)).toBeNull();
    expect(sessionExpiry(s, at('2026-12-04T09:30:00.000Z'), DEFAULT_SECURITY_SETTINGS)).toBe('idle');
  });

  it('ends a session at its absolute lifetime however recently it was used', () => {
    const busy = { createdAt: s.createdAt, lastSeenAt: '2026-12-04T19:59:00.000Z' };
    expect(sessionExpiry(busy, at('2026-12-04T19:59:59.000Z'), DEFAULT_SECURITY_SETTINGS)).toBeNull();
    expect(sessionExpiry(busy, at('2026-12-04T20:00:00.000Z'), DEFAULT_SECURITY_SETTINGS)).toBe('absolute');
    expect(sessionEndsAt(busy, DEFAULT_SECURITY_SETTINGS)).toBe(at('2026-12-04T20:00:00.000Z'));
    expect(sessionEndsAt(s, DEFAULT_SECURITY_SETTINGS)).toBe(at('2026-12-04T09:30:00.000Z'));
  });

  it('expires passwords only when the option is on', () => {
    expect(isPasswordExpired('2026-01-01T00:00:00.000Z', at('2030-01-01T00:00:00.000Z'), null)).toBe(false);
    expect(isPasswordExpired('2026-01-01T00:00:00.000Z', at('2026-03-31T23:59:59.000Z'), 90)).toBe(false);
    expect(isPasswordExpired('2026-01-01T00:00:00.000Z', at('2026-04-01T00:00:00.000Z'), 90)).toBe(true);
  });

  it('asks admins for a second factor always, other roles when the setting lists them', () => {
    expect(needsSecondFactor(['admin'], [])).toBe(true);
    expect(needsSecondFactor(['coordinator'], [])).toBe(false);
    expect(needsSecondFactor(['coordinator', 'leader'], ['leader'])).toBe(true);
  });

  it('gates a session: code before enrolment before a password change', () => {
    const base = { enrolled: false, secondFactorOk: false, needsSecondFactor: false, mustChangePassword: false, passwordExpired: false };
    expect(sessionGate(base)).toBeNull();
    expect(sessionGate({ ...base, enrolled: true, mustChangePassword: true })).toBe('code');
    expect(sessionGate({ ...base, enrolled: true, secondFactorOk: true })).toBeNull();
    expect(sessionGate({ ...base, needsSecondFactor: true, mustChangePassword: true })).toBe('enrol');
    expect(sessionGate({ ...base, passwordExpired: true })).toBe('password');
    expect(sessionGate({ ...base, enrolled: true, secondFactorOk: true, mustChangePassword: true })).toBe('password');
  });

  it('refuses settings out of range or inconsistent, in Chinese', () => {
    const bad = [
      { ...DEFAULT_SECURITY_SETTINGS, idleMinutes: 0 },
      { ...DEFAULT_SECURITY_SETTINGS, idleMinutes: 800, absoluteHours: 12 },
      { ...DEFAULT_SECURITY_SETTINGS, lockAfterFailures: 1 },
      { ...DEFAULT_SECURITY_SETTINGS, totpRoles: ['root'] },
      { ...DEFAULT_SECURITY_SETTINGS, passwordMaxAgeDays: 0 },
    ];
    for (const b of bad) {
      const r = SecuritySettingsSchema.safeParse(b);
      expect(r.success, JSON.stringify(b)).toBe(false);
      expect(r.error!.issues[0]!.message).toMatch(/[\u4e00-\u9fa5]/);
    }
  });
});
