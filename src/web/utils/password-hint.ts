import { PASSWORD_MIN_LENGTH, passwordProblem } from '#core/auth/password.ts';

export interface PasswordCheck {
  label: string;
  ok: boolean;
}

const KINDS: [string, RegExp][] = [
  ['大写字母', /[A-Z]/],
  ['小写字母', /[a-z]/],
  ['数字', /\d/],
  ['符号', /[^a-zA-Z\d]/],
];

/** The rule of the password forms, item by item, for a live checklist under the field. */
export function passwordChecks(password: string): PasswordCheck[] {
  const kinds = KINDS.filter(([, re]) => re.test(password)).map(([name]) => name);
  return [
    { label: `至少 ${PASSWORD_MIN_LENGTH} 位（当前 ${password.length} 位）`, ok: password.length >= PASSWORD_MIN_LENGTH },
    { label: `大写字母、小写字母、数字、符号中至少三类（已含${kinds.length ? kinds.join('、') : '无'}）`, ok: kinds.length >= 3 },
  ];
}

/** 0–4 for a strength bar: the length rule, then each kind beyond two. */
export function passwordStrength(password: string): number {
  if (password === '') return 0;
  const kinds = KINDS.filter(([, re]) => re.test(password)).length;
  if (password.length < PASSWORD_MIN_LENGTH) return 1;
  if (kinds < 3) return 1;
  return Math.min(4, kinds - 1 + (password.length >= 14 ? 1 : 0));
}

/** The shared rule's verdict (null when acceptable), so the form refuses what the server would. */
export { passwordProblem };
