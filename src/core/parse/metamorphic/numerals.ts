import type { FormId } from './types.ts';

const DIGITS = '零一二三四五六七八九';
const CIRCLED = '①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳';

/** 1–999 as a Chinese numeral: 十一, 二十, 一百零五. */
export function cnNumeral(n: number): string {
  if (n < 10) return DIGITS[n] ?? '';
  if (n < 20) return `十${n % 10 === 0 ? '' : DIGITS[n % 10]}`;
  if (n < 100) return `${DIGITS[Math.floor(n / 10)]}十${n % 10 === 0 ? '' : DIGITS[n % 10]}`;
  const rest = n % 100;
  const tail = rest === 0 ? '' : rest < 10 ? `零${DIGITS[rest]}` : rest < 20 ? `一${cnNumeral(rest)}` : cnNumeral(rest);
  return `${DIGITS[Math.floor(n / 100)]}百${tail}`;
}

/** The highest number a form can write (① stops at ⑳). */
export function formLimit(form: FormId): number {
  return form === 'circled' ? 20 : 999;
}

/** The marker of item `n` in a form, without the spacing that follows it. */
export function marker(form: FormId, n: number): string {
  switch (form) {
    case 'cn-dun':
      return `${cnNumeral(n)}、`;
    case 'cn-dot':
      return `${cnNumeral(n)}．`;
    case 'cn-glued':
      return cnNumeral(n);
    case 'cn-paren':
      return `（${cnNumeral(n)}）`;
    case 'cn-halfparen':
      return `(${cnNumeral(n)})`;
    case 'ar-dot':
      return `${n}.`;
    case 'ar-fdot':
      return `${n}．`;
    case 'ar-dun':
      return `${n}、`;
    case 'ar-spacedot':
      return `${n} .`;
    case 'ar-flagdot':
      return `${n}* .`;
    case 'ar-fparen':
      return `（${n}）`;
    case 'ar-paren':
      return `(${n})`;
    case 'circled':
      return CIRCLED[n - 1] ?? `(${n})`;
    case 'article':
      return `第${cnNumeral(n)}条`;
    case 'cn-shi':
      return `${cnNumeral(n)}是`;
  }
}

const CN_VALUE: Record<string, number> = { 〇: 0, 零: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/**
 * The value of a task number as a reader may return it ("12", "１２", "十二", "⑫", "第十二条",
 * "(3)"), so tests compare numbers whatever label form the reader keeps; NaN when it is none.
 */
export function numeralValue(label: string): number {
  const s = label.normalize('NFKC').replace(/[\s()（）.．、,，是条第*]/g, '');
  if (/^\d+$/.test(s)) return Number(s);
  const c = CIRCLED.indexOf(s);
  if (s.length === 1 && c >= 0) return c + 1;
  if (s.length === 0 || ![...s].every((ch) => ch in CN_VALUE || ch === '十' || ch === '百')) return Number.NaN;
  let total = 0;
  let cur = 0;
  for (const ch of s) {
    if (ch === '十' || ch === '百') {
      total += (cur === 0 ? 1 : cur) * (ch === '十' ? 10 : 100);
      cur = 0;
    } else cur = CN_VALUE[ch] ?? 0;
  }
  return total + cur;
}

/** Every marker form the renderer writes. */
export const ALL_FORMS: FormId[] = [
  'cn-dun',
  'cn-dot',
  'cn-glued',
  'cn-paren',
  'cn-halfparen',
  'ar-dot',
  'ar-fdot',
  'ar-dun',
  'ar-spacedot',
  'ar-flagdot',
  'ar-fparen',
  'ar-paren',
  'circled',
  'article',
  'cn-shi',
];

/** Forms that look alike to a reader (1. and 1．, （一） and (一)) share a family; a document uses each family at one level. */
export function familyOf(form: FormId): string {
  if (form.startsWith('cn-') && form !== 'cn-shi') return form === 'cn-paren' || form === 'cn-halfparen' ? 'pcn' : 'cn';
  if (form === 'ar-fparen' || form === 'ar-paren') return 'pnum';
  if (form.startsWith('ar-')) return 'num';
  return form;
}
