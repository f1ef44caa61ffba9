/** Minimum password strength, shared by the server and the password forms. */
export const PASSWORD_MIN_LENGTH = 10;

/**
 * Words that guessing lists try first, in whatever case and with whatever digits and symbols around
 * them (RELIABILITY.md §3: `Password123`, `Qwerty12345`, `Tuijin2026!` passed the kinds rule).
 * Compared with the password's letters only, lower-cased.
 */
const GUESSED_WORDS = new Set([
  'password',
  'passwd',
  'passw',
  'pass',
  'pwd',
  'qwerty',
  'qwertyuiop',
  'asdfgh',
  'asdfghjkl',
  'zxcvbn',
  'qazwsx',
  'abc',
  'abcd',
  'abcdef',
  'abcdefg',
  'admin',
  'administrator',
  'root',
  'user',
  'test',
  'welcome',
  'letmein',
  'iloveyou',
  'woaini',
  'changeme',
  'default',
  'login',
  'system',
  'sys',
  'guest',
  'tuijin',
  'shanting',
  'gov',
  'zhengfu',
  'china',
]);

/** The letters of a password, lower-cased, with common digit-for-letter swaps undone (p@ssw0rd → password). */
function lettersOf(password: string): string {
  // Only between letters: the digits of a year after the word are not letters in disguise.
  const swapped = password.toLowerCase().replace(/(?<=[a-z])[@0$1](?=[a-z])/g, (c) => ({ '@': 'a', '0': 'o', $: 's', '1': 'i' })[c] ?? c);
  return swapped.replace(/[^a-z]/g, '');
}

/**
 * Says what is wrong with a new password, in Chinese, or null when it is strong enough: at least
 * 10 characters, three of four kinds (lower case, upper case, digits, symbols), not the username,
 * not a common word dressed up with digits and symbols.
 */
export function passwordProblem(password: string, username?: string): string | null {
  if (password.length < PASSWORD_MIN_LENGTH) return `密码至少 ${PASSWORD_MIN_LENGTH} 位`;
  if (password.length > 128) return '密码不能超过 128 位';
  const kinds = [/[a-z]/, /[A-Z]/, /\d/, /[^a-zA-Z\d]/].filter((r) => r.test(password)).length;
  if (kinds < 3) return '密码须包含大写字母、小写字母、数字、符号中的至少三类';
  if (username && password.toLowerCase().includes(username.toLowerCase())) return '密码不能包含用户名';
  if (/^(.)\1+$/.test(password)) return '密码过于简单';
  const letters = lettersOf(password);
  if (GUESSED_WORDS.has(letters) || /^(.)\1+$/.test(letters)) return '密码过于常见，容易被猜中，请换一个';
  return null;
}
