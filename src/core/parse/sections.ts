/** What a section heading announces, which decides whether its items are tasks. */
export type SectionRole = 'goal' | 'principle' | 'safeguard' | 'key_tasks' | 'closing' | 'other';

// Headings are short noun phrases, possibly after a verb or two: 工作目标, 基本原则, 强化保障措施.
const GOAL = /^.{0,4}目标(?:任务|要求)?$/;
const PRINCIPLE = /^.{0,2}(?:原则|指导思想|总体要求|基本要求|总体思路|工作思路)$/;
const SAFEGUARD = /^.{0,4}(?:保障措施|保障|组织实施|实施步骤|步骤安排|进度安排|时间安排|工作要求|有关要求)$/;
/** Closing provisions: 其他事项, 附则 — no tasks there. */
const CLOSING = /^.{0,2}(?:其他|其它|附则)(?:事项|要求|说明)?$/;
const KEY_TASKS = /^.{0,4}(?:任务|措施|举措|重点工作|主要内容)$/;

/**
 * Classifies a heading by its phrase (the text before 。): 工作目标 → goal, 基本原则 → principle,
 * 保障措施 → safeguard, 重点任务 → key_tasks. Anything longer is an ordinary section whatever words
 * it contains ("聚焦目标任务，强化…" is a task section).
 */
export function sectionRole(heading: string): SectionRole {
  const stop = heading.indexOf('。');
  const phrase = (stop >= 0 ? heading.slice(0, stop) : heading).replace(/[\s:：,，;；.]+$/, '').replace(/^【|】$/g, '');
  if (phrase.length === 0 || phrase.length > 10) return 'other';
  if (SAFEGUARD.test(phrase)) return 'safeguard';
  if (CLOSING.test(phrase)) return 'closing';
  if (PRINCIPLE.test(phrase)) return 'principle';
  if (GOAL.test(phrase)) return 'goal';
  // Combined headings: 工作目标和原则, 指导思想和主要目标.
  if (phrase.length <= 8 && !/(?:任务|措施|举措)$/.test(phrase)) {
    if (phrase.includes('目标')) return 'goal';
    if (/原则|指导思想|总体要求|总体思路/.test(phrase)) return 'principle';
  }
  if (KEY_TASKS.test(phrase)) return 'key_tasks';
  return 'other';
}
