/**
 * The editable text of a circular (通报). Tables (sections, overdue tasks, ranking) are drawn from
 * the round's snapshot and are not editable; these blocks are the prose around them. Each block is
 * plain text, paragraphs separated by a newline. The coordinator edits them before issuing.
 */
export interface CircularBlocks {
  /** 主送机关, e.g. "各街道（镇），区政府各部门：". */
  addressee: string;
  /** Opening paragraph: which round, which period, which plans. */
  intro: string;
  /** 一、总体进展 */
  overall: string;
  /** 二、各领域（指标）推进情况: the prose before the section table. */
  sections: string;
  /** 三、逾期任务: the prose before the overdue table. */
  overdue: string;
  /** 四、单位排名: the prose before the ranking table (completion, timeliness, reporting punctuality). */
  ranking: string;
  /** 五、好的做法 */
  goodPractices: string;
  /** 六、下一步工作 */
  nextSteps: string;
}

export const CIRCULAR_BLOCK_KEYS = ['addressee', 'intro', 'overall', 'sections', 'overdue', 'ranking', 'goodPractices', 'nextSteps'] as const satisfies readonly (keyof CircularBlocks)[];

/** The files an issued circular is archived as: the 公文 (.docx), its PDF and the task ledger (.xlsx). */
export const CIRCULAR_FILE_KINDS = ['docx', 'pdf', 'xlsx'] as const;
export type CircularFileKind = (typeof CIRCULAR_FILE_KINDS)[number];

export const CIRCULAR_BLOCK_LABELS: Record<keyof CircularBlocks, string> = {
  addressee: '主送机关',
  intro: '开头',
  overall: '一、总体进展',
  sections: '二、各领域推进情况',
  overdue: '三、逾期任务',
  ranking: '四、单位排名',
  goodPractices: '五、好的做法',
  nextSteps: '六、下一步工作',
};
