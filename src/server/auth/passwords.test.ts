import { expect, it } from 'vitest';
import { passwordProblem } from '#core/auth/password.ts';
import { hashPassword, randomPassword, verifyPassword } from './passwords.ts';

it('hashes with argon2id and verifies only the right password', async () => {
  const phc = await hashPassword('Correct-horse-9');
  expect(phc).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  expect(await verifyPassword('Correct-horse-9', phc)).toBe(true);
  expect(await verifyPassword('correct-horse-9', phc)).toBe(false);
  expect(await verifyPassword('x', 'not-a-hash')).toBe(false);
  expect(await hashPassword('Correct-horse-9')).not.toBe(phc);
});

it('makes random passwords that pass the strength rule', () => {
  for (let i = 0; i < 20; i++) expect(passwordProblem(randomPassword())).toBeNull();
});
