import { CIRCULAR_BLOCK_KEYS } from '#core/circulars/types.ts';
import type { Circular, CircularBlocks, CircularUpdate } from '#web/api/circulars.ts';

/** What the editor changes: the head of the document and its text blocks. */
export interface CircularFields {
  title: string;
  docNumber: string;
  issuer: string;
  blocks: CircularBlocks;
}

export function fieldsOf(c: Circular): CircularFields {
  return { title: c.title, docNumber: c.docNumber ?? '', issuer: c.issuer, blocks: { ...c.blocks } };
}

/**
 * The PATCH body for what changed between the saved circular and the edited fields, or null when
 * nothing did. Only changed blocks are sent; an emptied 文号 is sent as null.
 */
export function changesOf(saved: CircularFields, edited: CircularFields): CircularUpdate | null {
  const update: CircularUpdate = {};
  if (edited.title.trim() !== saved.title) update.title = edited.title.trim();
  if (edited.docNumber.trim() !== saved.docNumber) update.docNumber = edited.docNumber.trim() || null;
  if (edited.issuer.trim() !== saved.issuer) update.issuer = edited.issuer.trim();
  const blocks: Partial<CircularBlocks> = {};
  for (const key of CIRCULAR_BLOCK_KEYS) if (edited.blocks[key] !== saved.blocks[key]) blocks[key] = edited.blocks[key];
  if (Object.keys(blocks).length > 0) update.blocks = blocks;
  return Object.keys(update).length > 0 ? update : null;
}

/** The first thing that stops the fields from being saved, in Chinese; null when they may be. */
export function fieldsProblem(f: CircularFields): string | null {
  if (f.title.trim() === '') return '请填写通报标题';
  if (f.issuer.trim() === '') return '请填写发文机关';
  return null;
}
