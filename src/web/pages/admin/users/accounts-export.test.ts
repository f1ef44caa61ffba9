import { expect, it } from 'vitest';
import { accountsCsv, accountsTsv } from './accounts-export.ts';

it('writes the created accounts for copying and for Excel', () => {
  const accounts = [{ username: 'zhangsan', password: 'Ab3,x"9-Qz' }, { username: 'lisi', password: '=cmd|x' }];
  expect(accountsTsv(accounts)).toBe('用户名\t初始密码\nzhangsan\tAb3,x"9-Qz\nlisi\t=cmd|x');
  expect(accountsCsv(accounts)).toBe('\uFEFF用户名,初始密码\r\nzhangsan,"Ab3,x""9-Qz"\r\nlisi,"\'=cmd|x"\r\n');
});
