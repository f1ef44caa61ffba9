/**
 * A heading without its numbering marker: "一、开办企业" → "开办企业", "（二）优化流程" → "优化流程",
 * "【推进措施】" → "推进措施". Headings are kept as written elsewhere; this is for display and matching.
 */
export function headingTitle(heading: string): string {
  const h = heading.trim();
  const lenticular = /^[【〖[]([^】〗\]]+)[】〗\]]$/u.exec(h);
  if (lenticular) return lenticular[1]!.trim();
  const stripped = h
    .replace(/^(第[一二三四五六七八九十百零〇\d]+[章节部分条]\s*)/u, '')
    .replace(/^[（(][一二三四五六七八九十百零〇\d０-９]+[）)]\s*/u, '')
    .replace(/^[一二三四五六七八九十百零〇]+[、．.，,]\s*/u, '')
    .replace(/^[\d０-９]+[、．.，,]\s*/u, '')
    .replace(/^[一二三四五六七八九十]+是/u, '');
  // A heading that runs on into a sentence ("（一）全面提升…水平。围绕…"): keep its first phrase.
  const end = stripped.search(/[。：:]/u);
  return (end > 0 ? stripped.slice(0, end) : stripped).trim() || h;
}
