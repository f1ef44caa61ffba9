import type { ParsedDeadline } from '../types.ts';
import type { MetaTask, RenderOptions, UnitStyle } from './types.ts';

/** The units a task should read as: under the first-lead rule the first of one merged list leads. */
export function expectedUnits(task: MetaTask, firstLead: boolean): { lead: string[]; responsible: string[] } {
  if (!firstLead) return { lead: task.lead, responsible: task.responsible };
  const all = [...new Set([...task.lead, ...task.responsible])];
  return { lead: all.slice(0, 1), responsible: all.slice(1) };
}

/** The wordings of the first-lead rule seen in real plans. */
export const FIRST_LEAD_RULES = [
  '（各项任务中，排在第一位的为牵头单位，其余为责任单位）',
  '注：列第一位者为牵头单位，其他为责任单位。',
  '（第一责任单位为牵头单位）',
];

/**
 * How a task's units are written: `inline` follows the task text (a bracket), `lines` are label
 * lines after the task paragraph. Texts are untransformed; the caller applies the piece transform.
 */
export function unitAnnotation(lead: string[], responsible: string[], style: UnitStyle, labels: RenderOptions['labels']): { inline: string; lines: string[] } {
  const L = lead.join('、');
  const R = responsible.join('、');
  if (style === 'first-lead-line') {
    const all = [...lead, ...responsible].join('、');
    return { inline: '', lines: all ? [`${labels.responsible}：${all}`] : [] };
  }
  if (style === 'first-lead') {
    const all = [...lead, ...responsible].join('、');
    // Either bare or under a responsible label: the rule, not the label, makes the first one lead.
    return { inline: all ? (labels.responsible === '责任单位' ? `（责任单位：${all}）` : `（${all}）`) : '', lines: [] };
  }
  if (style === 'lines') {
    const lines: string[] = [];
    if (L) lines.push(`${labels.lead}：${L}`);
    if (R) lines.push(`${labels.responsible}：${R}`);
    return { inline: '', lines };
  }
  if (style === 'short' && L) return { inline: R ? `（牵头：${L}；配合：${R}）` : `（牵头：${L}）`, lines: [] };
  if (style === 'verb' && (L || R)) {
    if (L && R) return { inline: labels.lead === '牵头单位' ? `（由${L}牵头，${R}配合）` : `（${L}牵头，${R}参与）`, lines: [] };
    return { inline: L ? `（${L}牵头）` : `（${R}负责）`, lines: [] };
  }
  const parts = [L ? `${labels.lead}：${L}` : '', R ? `${labels.responsible}：${R}` : ''].filter(Boolean);
  return { inline: parts.length ? `（${parts.join('；')}）` : '', lines: [] };
}

/** A deadline the text does not hold, placed after the units: a bracket or a label line. */
export function dueAnnotation(due: ParsedDeadline | undefined, style: 'paren' | 'line'): { inline: string; lines: string[] } {
  if (!due) return { inline: '', lines: [] };
  return style === 'paren' ? { inline: `（完成时限：${due.text}）`, lines: [] } : { inline: '', lines: [`完成时限：${due.text}`] };
}
