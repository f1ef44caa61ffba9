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

it('trusts no proxy by default, the nearest N hops for a number, or listed addresses and ranges; refuses anything else', () => {
  expect(loadConfig({}).trustProxy).toBe(false);
  expect(loadConfig({ TUIJIN_TRUST_PROXY: '0' }).trustProxy).toBe(false);
  const hops = (c: ReturnType<typeof loadConfig>) => (typeof c.trustProxy === 'function' ? c.trustProxy.hops : c.trustProxy);
  expect(hops(loadConfig({ TUIJIN_TRUST_PROXY: '2' }))).toBe(2);
  expect(hops(loadConfig({ TRUST_PROXY: '1' }))).toBe(1);
  expect(loadConfig({ TUIJIN_TRUST_PROXY: '10.0.0.2, 10.1.0.0/16,::1' }).trustProxy).toEqual(['10.0.0.2', '10.1.0.0/16', '::1']);
  expect(() => loadConfig({ TUIJIN_TRUST_PROXY: 'true' })).toThrow(/TUIJIN_TRUST_PROXY/);
  expect(() => loadConfig({ TUIJIN_TRUST_PROXY: '10.0.0.0/33' })).toThrow(/TUIJIN_TRUST_PROXY/);
  expect(() => loadConfig({ TUIJIN_TRUST_PROXY: '*' })).toThrow(/TUIJIN_TRUST_PROXY/);
});
