import { expect, it } from 'vitest';
import { loadConfig } from './config.ts';

it('reads defaults, treats an empty DATABASE_URL as unset, and refuses bad values clearly', () => {
  const c = loadConfig({ DATABASE_URL: '' });
  expect(c.databaseUrl).toBeUndefined();
  expect(c.port).toBe(3000);
  expect(c.maxImportBytes).toBe(10 * 1024 * 1024);
  expect(loadConfig({ DATABASE_URL: 'postgres://u:p@127.0.0.1:5432/db' }).databaseUrl).toBe('postgres://u:p@127.0.0.1:5432/db');
  expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
  expect(() => loadConfig({ DATABASE_URL: 'not a url' })).toThrow(/DATABASE_URL/);
});
