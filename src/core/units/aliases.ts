/**
 * Unit-name variants. Plans write the same department in several ways (区行政审批服务局 / 区审批服务局,
 * 区交运局 / 区交通运输局); Tuijin suggests which names are one Unit and a coordinator confirms.
 */

/** Why two names look like one unit: one abbreviates the other, contains it, or differs only in its suffix. */
export const ALIAS_REASONS = ['abbreviation', 'containment', 'suffix'] as const;
export type AliasReason = (typeof ALIAS_REASONS)[number];
export const ALIAS_REASON_LABELS: Record<AliasReason, string> = { abbreviation: '简称', containment: '名称包含', suffix: '后缀差异' };

export interface AliasSuggestion {
  /** The unit that would become an alias. */
  unitId: number;
  unitName: string;
  /** The unit it would merge into (the longer, more formal name). */
  targetId: number;
  targetName: string;
  reason: AliasReason;
}

export interface NamedUnit {
  id: number;
  name: string;
}

/** Words that name an organisation's kind; two names differing only in these may be the same unit. */
const KIND_SUFFIXES = ['服务中心', '管理中心', '管理部', '中心', '分局', '局', '委员会', '委', '办公室', '办', '部', '所', '院', '站', '队'];

/** Collective names stand for many units at once (区直各相关部门, 各镇（街）政府（办事处）). */
export function isCollectiveName(name: string): boolean {
  return /^各|[各诸]|有关|相关|等$|等[^\p{Script=Han}]*$|等(有关|相关)?(部门|单位)|各级|各部门|各单位|所属/u.test(name);
}

/** True when every character of `short` appears in `long` in order (区交运局 ⊂ 区交通运输局). */
function isSubsequence(short: string, long: string): boolean {
  let i = 0;
  for (const ch of long) if (ch === short[i]) i++;
  return i === short.length;
}

function stripKind(name: string): string {
  for (const s of KIND_SUFFIXES) if (name.endsWith(s) && name.length > s.length + 1) return name.slice(0, -s.length);
  return name;
}

/** Compares two names and says why one may be a variant of the other, or null. `a` is the shorter. */
export function aliasReason(a: string, b: string): AliasReason | null {
  if (a === b || a.length < 3) return null;
  // Same first character (the level: 区/市/县/省) and same kind keep 区医保局 and 市医保局 apart.
  if (a[0] !== b[0]) return null;
  if (b.includes(a) && a.length >= 4) return 'containment';
  const lastA = a.at(-1), lastB = b.at(-1);
  if (lastA === lastB && isSubsequence(a, b) && a.length >= 0.5 * b.length) return 'abbreviation';
  const stemA = stripKind(a), stemB = stripKind(b);
  if (stemA !== a && stemB !== b && stemA === stemB && stemA.length >= 4) return 'suffix';
  return null;
}

/**
 * Suggests alias pairs among the given units: each shorter or less formal name points at the longer
 * one. Collective names are only compared with collective names. O(n²) on names, fine for the few
 * hundred units of a plan.
 */
export function suggestAliases(units: NamedUnit[]): AliasSuggestion[] {
  const out: AliasSuggestion[] = [];
  const sorted = [...units].sort((x, y) => x.name.length - y.name.length || x.name.localeCompare(y.name));
  for (let i = 0; i < sorted.length; i++) {
    const a = sorted[i]!;
    for (let j = i + 1; j < sorted.length; j++) {
      const b = sorted[j]!;
      if (isCollectiveName(a.name) !== isCollectiveName(b.name)) continue;
      const reason = aliasReason(a.name, b.name);
      if (reason) {
        out.push({ unitId: a.id, unitName: a.name, targetId: b.id, targetName: b.name, reason });
        break; // one suggestion per name: the closest longer name
      }
    }
  }
  return out;
}
