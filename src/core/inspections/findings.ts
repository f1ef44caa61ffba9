/**
 * Findings (问题清单): the one list of their statuses, their polarity, and the office's default
 * categories and severities. Inspections create findings as `found`; rectification (整改) owns every
 * transition after that (src/core/inspections/rectification*.ts).
 */

/**
 * found 已发现 → noticed 整改中 (put in a rectification notice) → answered 已报整改 →
 * closed 已销号 (re-check passed) | returned 复查未通过 (re-check failed; answered again).
 */
export const FINDING_STATUSES = ['found', 'noticed', 'answered', 'closed', 'returned'] as const;
export type FindingStatus = (typeof FINDING_STATUSES)[number];

export const FINDING_STATUS_LABELS: Record<FindingStatus, string> = {
  found: '已发现',
  noticed: '整改中',
  answered: '已报整改',
  closed: '已销号',
  returned: '复查未通过',
};

/** A finding is a problem to rectify, or a highlight worth a positive typical case (正面典型). */
export const FINDING_POLARITIES = ['problem', 'highlight'] as const;
export type FindingPolarity = (typeof FINDING_POLARITIES)[number];

export const FINDING_POLARITY_LABELS: Record<FindingPolarity, string> = {
  problem: '问题',
  highlight: '亮点',
};

/** How a finding came in: typed in the browser, or a row of the offline .xlsx template. */
export const FINDING_SOURCES = ['entered', 'imported'] as const;
export type FindingSource = (typeof FINDING_SOURCES)[number];

/** One entry of an editable list: a stable code stored on findings, and the label shown. */
export interface TaxonomyItem {
  code: string;
  label: string;
}

/** The categories and severities findings are filed under: the office's own lists, not law. */
export interface FindingTaxonomy {
  categories: TaxonomyItem[];
  severities: TaxonomyItem[];
  /** Where the lists come from, shown beside them, so that nobody takes them for an official standard. */
  source: string;
}

/**
 * The lists Tuijin ships with. No regulation fixes categories or severities of inspection findings (the
 * 督查工作条例 does not, and no standard 明察暗访 record form was found: domain-rules §7.3, §10), so these
 * are a starting point the office edits in its settings, and they say so.
 */
export const DEFAULT_FINDING_TAXONOMY: FindingTaxonomy = {
  categories: [
    { code: 'service', label: '服务态度' },
    { code: 'efficiency', label: '办事效率' },
    { code: 'procedure', label: '办事流程与材料' },
    { code: 'disclosure', label: '信息公开' },
    { code: 'fees', label: '收费' },
    { code: 'facilities', label: '场所与设施' },
    { code: 'discipline', label: '工作纪律' },
    { code: 'other', label: '其他' },
  ],
  severities: [
    { code: 'minor', label: '一般' },
    { code: 'major', label: '较重' },
    { code: 'serious', label: '严重' },
  ],
  source: '系统默认清单（本单位自定，可在设置中修改；非法定分类）',
};

/** The label of a code in a list, or the code itself when the list no longer holds it (an edited list). */
export function labelOf(items: readonly TaxonomyItem[], code: string): string {
  return items.find((i) => i.code === code)?.label ?? code;
}
