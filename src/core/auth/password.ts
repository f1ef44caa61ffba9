/** Minimum password strength, shared by the server and the password forms. */
export const PASSWORD_MIN_LENGTH = 10;

/**
 * Says what is wrong with a new password, in Chinese, or null when it is strong enough: at least
 * 10 characters, three of four kinds (lower case, upper case, digits, symbols), not the username.
 */
export function passwordProblem(password: string, username?: string): string | null {
  if (password.length < PASSWORD_MIN_LENGTH) return `密码至少 ${PASSWORD_MIN_LENGTH} 位`;
  if (password.length > 128) return '密码不能超过 128 位';
  const kinds = [/[a-z]/, /[A-Z]/, /\d/, /[^a-zA-Z\d]/].filter((r) => r.test(password)).length;
  if (kinds < 3) return '密码须包含大写字母、小写字母、数字、符号中的至少三类';
  if (username && password.toLowerCase().includes(username.toLowerCase())) return '密码不能包含用户名';
  if (/^(.)\1+$/.test(password)) return '密码过于简单';
  return null;
}
