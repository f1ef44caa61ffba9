/** The accounts created by a bulk import, as text to paste and as a CSV file for Excel. */
export interface AccountLine {
  username: string;
  password: string;
}

/** Tab-separated with a header: pastes into Excel as two columns. */
export function accountsTsv(accounts: readonly AccountLine[]): string {
  return ['用户名\t初始密码', ...accounts.map((a) => `${a.username}\t${a.password}`)].join('\n');
}

const csvCell = (v: string) => (/[",\r\n]/.test(v) || /^[=+\-@]/.test(v) ? `"${(/^[=+\-@]/.test(v) ? `'${v}` : v).replace(/"/g, '""')}"` : v);

/** CSV with a BOM so Excel reads the Chinese header as UTF-8; cells that Excel would run as formulas are defused. */
export function accountsCsv(accounts: readonly AccountLine[]): string {
  return `\uFEFF${['用户名,初始密码', ...accounts.map((a) => `${csvCell(a.username)},${csvCell(a.password)}`)].join('\r\n')}\r\n`;
}
