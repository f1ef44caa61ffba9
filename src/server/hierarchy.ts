import { AppError } from './errors.ts';

/**
 * Refuses a parent that would make a cycle (the item itself or one below it) or that does not exist,
 * by walking up from the proposed parent. Shared by plans (upper-level plan) and units (上级单位).
 */
export async function assertParentAllowed(
  id: number,
  parentId: number,
  parentOf: (id: number) => Promise<{ parent: number | null } | undefined>,
  messages: { cycle: string; missing: string; field: string },
): Promise<void> {
  let cursor: number | null = parentId;
  for (let depth = 0; cursor != null && depth < 50; depth++) {
    if (cursor === id) throw new AppError('INVALID_INPUT', messages.cycle, { field: messages.field });
    const row = await parentOf(cursor);
    if (!row) throw new AppError('INVALID_INPUT', messages.missing, { field: messages.field });
    cursor = row.parent;
  }
}
