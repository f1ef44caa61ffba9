import type { MetaPlan, RenderOptions } from './types.ts';

/** The plan's own title, from "…关于印发X的通知". */
export function planTitle(plan: MetaPlan): string {
  const m = /关于印发(.+)的通知$/.exec(plan.header.title);
  return m?.[1] ?? plan.header.title;
}

function isoDate(date: string): string {
  const m = /(\d{4})年(\d{1,2})月(\d{1,2})日/.exec(date);
  return m ? `${m[1]}-${(m[2] ?? '').padStart(2, '0')}-${(m[3] ?? '').padStart(2, '0')}` : date;
}

/** Navigation and the metadata block that web copies carry above the notice. */
export function chromeTop(plan: MetaPlan, opts: Pick<RenderOptions, 'chrome' | 'metadata'>): string[] {
  const { number, issuer, date, title } = plan.header;
  const out: string[] = [];
  if (opts.chrome) out.push('首页 > 政务公开 > 政策文件 > 规范性文件', '当前位置：政府信息公开');
  if (opts.metadata) {
    out.push(
      `索引号：11370406MB2850${number.length}XXX/${isoDate(date).slice(0, 4)}-00123\t主题分类：综合政务`,
      `发布机构：${issuer}\t成文日期：${isoDate(date)}`,
      `文号：${number}`,
      `标题：${title}`,
      `发布日期：${isoDate(date)}　　浏览次数：1024`,
    );
  }
  if (opts.chrome) out.push('【字体：大 中 小】【打印】【关闭】');
  return out;
}

/** The page footer of web copies. */
export function chromeBottom(plan: MetaPlan, opts: Pick<RenderOptions, 'chrome'>): string[] {
  if (!opts.chrome) return [];
  return [
    '【打印本页】【关闭窗口】【返回顶部】',
    '上一篇：关于做好安全生产工作的通知',
    '下一篇：关于印发2020年政务公开工作要点的通知',
    `主办单位：${plan.header.issuer}办公室　　网站标识码：3704060001`,
    '地址：人民路1号　　电话：0632-1234567',
    '扫一扫在手机打开当前页',
  ];
}

/** The notice that carries the plan: number, title, addressees, signature, then the plan's title. */
export function notice(plan: MetaPlan): string[] {
  const { number, issuer, date, title } = plan.header;
  return [number, title, '各有关单位：', `现将《${planTitle(plan)}》印发给你们，请认真贯彻执行。`, issuer, date, planTitle(plan)];
}

export const PREAMBLE = '为深入贯彻落实上级决策部署，进一步推动各项工作落地见效，结合实际，制定本方案。';
export const GOAL = { heading: '工作目标', text: '到年底，各项改革任务全面完成，企业和群众满意度明显提升。' };
export const SAFEGUARDS = {
  heading: '保障措施',
  items: ['加强组织领导。各单位要高度重视，主要负责同志亲自抓。', '强化督导考核。定期调度通报工作进展，对工作不力的予以通报。'],
};

/** Text as a page shows it when its UTF-8 bytes are read as GBK: a paragraph no reader can use. */
export function mojibake(s: string): string {
  return new TextDecoder('gbk').decode(new TextEncoder().encode(s));
}
