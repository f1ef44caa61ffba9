import { describe, expect, it } from 'vitest';
import { base32Decode, base32Encode, hotp, matchTotp, newTotpSecret, otpauthUri, totpCode, totpStep } from './totp.ts';

// RFC 6238 appendix B: the SHA-1 seed is the ASCII string "12345678901234567890"; codes of 8 digits.
const SEED = Buffer.from('12345678901234567890', 'ascii');
const RFC6238_SHA1: [number, string][] = [
  [59, '94287082'],
  [1111111109, '07081804'],
  [1111111111, '14050471'],
  [1234567890, '89005924'],
  [2000000000, '69279037'],
  [20000000000, '65353130'],
];

describe('TOTP (RFC 6238)', () => {
  it('reproduces the RFC 6238 SHA-1 test vectors', () => {
    for (const [t, code] of RFC6238_SHA1) expect(hotp(SEED, Math.floor(t / 30), 8), `T=${t}`).toBe(code);
  });

  it('reproduces the RFC 4226 HOTP values for counters 0–9', () => {
    const expected = ['755224', '287082', '359152', '969429', '338314', '254676', '287922', '162583', '399871', '520489'];
    expect(expected.map((_, i) => hotp(SEED, i))).toEqual(expected);
  });

  it('gives 6-digit codes from a base32 secret, the last 6 digits of the RFC vectors', () => {
    const secret = base32Encode(SEED);
    expect(secret).toBe('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
    for (const [t, code] of RFC6238_SHA1) expect(totpCode(secret, t * 1000)).toBe(code.slice(2));
  });

  it('accepts one step either side, not two, and never a step at or before the last one used', () => {
    const secret = base32Encode(SEED);
    const now = 1111111111_000;
    const step = totpStep(now);
    const codeAt = (s: number) => hotp(SEED, s);
    expect(matchTotp(secret, codeAt(step), now)).toBe(step);
    expect(matchTotp(secret, codeAt(step - 1), now)).toBe(step - 1);
    expect(matchTotp(secret, codeAt(step + 1), now)).toBe(step + 1);
    expect(matchTotp(secret, codeAt(step - 2), now)).toBeNull();
    expect(matchTotp(secret, codeAt(step + 2), now)).toBeNull();
    // Replay: the step was accepted once; the same code (or an older one) is refused.
    expect(matchTotp(secret, codeAt(step), now, step)).toBeNull();
    expect(matchTotp(secret, codeAt(step - 1), now, step)).toBeNull();
    expect(matchTotp(secret, codeAt(step + 1), now, step)).toBe(step + 1);
    expect(matchTotp(secret, '12345', now)).toBeNull();
    expect(matchTotp(secret, 'abcdef', now)).toBeNull();
    expect(matchTotp(secret, ` ${codeAt(step).slice(0, 3)} ${codeAt(step).slice(3)} `, now)).toBe(step);
  });

  it('round-trips base32 and makes 160-bit secrets', () => {
    const s = newTotpSecret();
    expect(s).toMatch(/^[A-Z2-7]{32}$/);
    expect(base32Decode(s)).toHaveLength(20);
    expect(base32Encode(base32Decode(s.toLowerCase())!)).toBe(s);
    expect(base32Decode('ABC1')).toBeNull();
    expect(newTotpSecret()).not.toBe(s);
  });

  it('writes the otpauth URI authenticator apps read', () => {
    expect(otpauthUri('GEZDGNBV', 'admin', '推进')).toBe(
      `otpauth://totp/${encodeURIComponent('推进:admin')}?secret=GEZDGNBV&issuer=${encodeURIComponent('推进')}&algorithm=SHA1&digits=6&period=30`,
    );
  });
});
