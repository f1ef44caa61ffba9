/**
 * Task markers as plans write them: Arabic ("12"), Chinese ("十二") or circled ("⑫"). Renumbering
 * keeps the style a section already uses.
 */
export type NumberStyle = 'arabic' | 'chinese' | 'circled';

const DIGITS = '零一二三四五六七八九';
const CIRCLED = '①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳';

/** The style of an existing marker; anything unrecognised (or empty) counts as Arabic. */
export function detectNumberStyle(marker: string): NumberStyle {
  const m = marker.trim();
  if (m !== '' && [...m].every((c) => CIRCLED.includes(c))) return 'circled';
  if (m !== '' && [...m].every((c) => DIGITS.includes(c) || c === '十' || c === '百' || c === '〇')) return 'chinese';
  return 'arabic';
}

/** 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五 (1 ≤ n ≤ 999). */
export function toChineseNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 999) return String(n);
  const hundreds = Math.floor(n / 100);
  const tens = Math.floor((n % 100) / 10);
  const ones = n % 10;
  let out = '';
  if (hundreds > 0) out += `${DIGITS[hundreds]}百`;
  if (tens > 0) out += `${hundreds === 0 && tens === 1 ? '' : DIGITS[tens]}十`;
  else if (hundreds > 0 && ones > 0) out += '零';
  if (ones > 0) out += DIGITS[ones];
  return out;
}

/** The n-th marker (1-based) in a style; circled numbers stop at ⑳ and continue in Arabic. */
export function formatNumber(n: number, style: NumberStyle): string {
  if (style === 'chinese') return toChineseNumeral(n);
  if (style === 'circled') return CIRCLED[n - 1] ?? String(n);
  return String(n);
}
