/** Where a server validation error points inside a draft: a task row and its field, or the document. */
export interface DraftErrorTarget {
  taskIndex: number | null;
  field: string;
  message: string;
}

/**
 * Reads the `details` of a 400 from `PUT /api/imports/:id`: a list of `{ field, message }` whose field
 * is a path such as "body.tasks.3.title" or "tasks.3.title" or "document.title".
 */
export function readDraftErrors(details: unknown): DraftErrorTarget[] {
  if (!Array.isArray(details)) return [];
  const out: DraftErrorTarget[] = [];
  for (const d of details as unknown[]) {
    if (typeof d !== 'object' || d === null) continue;
    const { field, message } = d as { field?: unknown; message?: unknown };
    if (typeof field !== 'string') continue;
    const parts = field.split('.').filter((p) => p !== 'body');
    const taskAt = parts.indexOf('tasks');
    const index = taskAt === -1 ? null : Number(parts[taskAt + 1]);
    const taskIndex = index !== null && Number.isInteger(index) ? index : null;
    const rest = taskIndex === null ? parts : parts.slice(taskAt + 2);
    out.push({ taskIndex, field: rest.join('.'), message: typeof message === 'string' ? message : '' });
  }
  return out;
}

const FIELD_LABELS: Record<string, string> = {
  title: '标题', number: '编号', path: '所属章节', text: '正文', deadlines: '截止时间', lead: '牵头单位', responsible: '责任单位',
};

/** "第 4 项任务 标题：任务标题不能为空" for a toast. */
export function describeDraftError(target: DraftErrorTarget): string {
  const fieldName = FIELD_LABELS[target.field.split('.')[0] ?? ''] ?? target.field;
  const where = target.taskIndex === null ? (target.field.startsWith('document') ? '方案信息' : fieldName) : `第 ${target.taskIndex + 1} 项任务 ${fieldName}`;
  return `${where}：${target.message}`;
}
