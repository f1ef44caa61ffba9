import * as OpenCC from 'opencc-js/t2cn';
import g01 from '../../../../test/fixtures/own-plans/gold/01-qingxi-2019-renju-trad.json' with { type: 'json' };
import g02 from '../../../../test/fixtures/own-plans/gold/02-nanpu-2020-laojiuxiaoqu-web.json' with { type: 'json' };
import g03 from '../../../../test/fixtures/own-plans/gold/03-yunjiang-2021-shuangjian-yishi.json' with { type: 'json' };
import g04 from '../../../../test/fixtures/own-plans/gold/04-xiling-2022-shuzijingji-globalnum.json' with { type: 'json' };
import g05 from '../../../../test/fixtures/own-plans/gold/05-pingchuan-2023-minshengshishi-glued.json' with { type: 'json' };
import g06 from '../../../../test/fixtures/own-plans/gold/06-jinwan-2024-anquanshengchan-tabtable.json' with { type: 'json' };
import g07 from '../../../../test/fixtures/own-plans/gold/07-chenghai-2025-wenlv-spacetable-trad.json' with { type: 'json' };
import g08 from '../../../../test/fixtures/own-plans/gold/08-dongchuan-2026-jieshui-pipetable-firstlead.json' with { type: 'json' };
import g09 from '../../../../test/fixtures/own-plans/gold/09-ningzhou-2021-lajifenlei-oneline.json' with { type: 'json' };
import g10 from '../../../../test/fixtures/own-plans/gold/10-beitang-2020-huozai-hardbreaks.json' with { type: 'json' };
import g11 from '../../../../test/fixtures/own-plans/gold/11-linhu-2023-jiuye-arparen.json' with { type: 'json' };
import g12 from '../../../../test/fixtures/own-plans/gold/12-hubin-2022-shequzhili-inline.json' with { type: 'json' };
import type { ParsedDeadline } from '../types.ts';
import type { MetaPlan, MetaTask } from './types.ts';

/** The shape of the team's own gold readings (test/fixtures/own-plans/gold, the dev-set format). */
interface OwnGoldTask {
  path: string[];
  number: string;
  title: string;
  text: string;
  deadlines: ParsedDeadline[];
  lead: string[];
  responsible: string[];
}

/** Every gold of test/fixtures/own-plans, imported (core reads no files); add a new plan here. */
const GOLDS: [id: string, gold: unknown][] = [
  ['01-qingxi-2019-renju-trad', g01],
  ['02-nanpu-2020-laojiuxiaoqu-web', g02],
  ['03-yunjiang-2021-shuangjian-yishi', g03],
  ['04-xiling-2022-shuzijingji-globalnum', g04],
  ['05-pingchuan-2023-minshengshishi-glued', g05],
  ['06-jinwan-2024-anquanshengchan-tabtable', g06],
  ['07-chenghai-2025-wenlv-spacetable-trad', g07],
  ['08-dongchuan-2026-jieshui-pipetable-firstlead', g08],
  ['09-ningzhou-2021-lajifenlei-oneline', g09],
  ['10-beitang-2020-huozai-hardbreaks', g10],
  ['11-linhu-2023-jiuye-arparen', g11],
  ['12-hubin-2022-shequzhili-inline', g12],
];
const toSimplified = OpenCC.Converter({ from: 'tw', to: 'cn' });
/** Heading markers as the gold writes them: 一、 （一） (一) 1. 1． 1、 1 . （1） ① 一 (glued) and 【标签】 kept as words. */
const MARK = /^(?:[一二三四五六七八九十]+[、．.]|[（(][一二三四五六七八九十\d]+[）)]|\d+\s*[.．、]|[①-⑳]|[一二三四五六七八九十](?=[^、．.是]))\s*/;

/**
 * A gold task the renderer can print in any convention: simplified script, one line of text, its
 * title the first sentence, no units in the text, and at most one deadline outside it (it becomes `due`).
 */
function toMetaTask(t: OwnGoldTask): MetaTask | null {
  if (/[\n\t?]/.test(t.text) || toSimplified(t.text) !== t.text || t.path.some((p) => toSimplified(p) !== p)) return null;
  if (t.text.slice(0, Math.max(0, t.text.indexOf('。'))) !== t.title) return null;
  // Units written as the text's own clauses (由X牵头，Y配合。) would be printed twice, and whether an
  // open-ended phrase in the text (…，持续推进。) is a deadline depends on where it stands.
  if (/牵头|负责|配合|责任单位/.test(t.text)) return null;
  const inText = t.deadlines.filter((d) => t.text.includes(d.text));
  if (inText.some((d) => d.date === null)) return null;
  const outside = t.deadlines.filter((d) => !t.text.includes(d.text));
  if (outside.length > 1 || (outside.length === 1 && t.deadlines.indexOf(outside[0] as ParsedDeadline) !== t.deadlines.length - 1)) return null;
  const path = t.path.map((p) => p.replace(MARK, ''));
  return { path, title: t.title, text: t.text, deadlines: inText, ...(outside[0] ? { due: outside[0] } : {}), lead: t.lead, responsible: t.responsible };
}

/** The team's own plans as renderable gold readings, each cut to the tasks that fit, all at one depth. */
export const TEAM_PLANS: MetaPlan[] = GOLDS.flatMap(([id, json]): MetaPlan[] => {
  const gold = json as { plan_year: number; tasks: OwnGoldTask[] };
  const tasks = gold.tasks.map(toMetaTask).filter((t): t is MetaTask => t !== null);
  const depth = Math.max(0, ...tasks.map((t) => t.path.length));
  const kept = tasks.filter((t) => t.path.length === depth && depth > 0);
  if (kept.length < 2) return [];
  const y = gold.plan_year;
  return [
    {
      id,
      header: { number: `试政发〔${y}〕1号`, issuer: '试点县人民政府', date: `${y}年1月10日`, title: `试点县人民政府关于印发试点县${y}年重点工作方案的通知` },
      tasks: kept,
    },
  ];
});
