/**
 * Maps a plan section title onto one of the 18 national business-environment indicators. Sections
 * are rarely titled exactly as the indicator (工程建设项目审批制度改革 is 办理建筑许可), so each
 * indicator carries the words plans use for it. A coordinator corrects the mapping where it is wrong.
 */
const KEYWORDS: [code: string, words: string[]][] = [
  ['starting-business', ['开办企业', '企业开办']],
  ['construction-permits', ['办理建筑许可', '建筑许可', '工程建设项目审批', '工程建设']],
  ['electricity', ['获得电力', '用电', '电力']],
  ['water-gas', ['获得用水用气', '用水用气', '用水', '用气']],
  ['registering-property', ['登记财产', '不动产登记', '财产登记']],
  ['paying-taxes', ['纳税', '税收', '办税']],
  ['trading-across-borders', ['跨境贸易', '通关', '口岸']],
  ['resolving-insolvency', ['办理破产', '破产']],
  ['getting-credit', ['获得信贷', '金融服务', '信贷', '融资']],
  ['minority-investors', ['保护中小投资者', '中小投资者']],
  ['enforcing-contracts', ['执行合同', '合同执行']],
  ['labour-market', ['劳动力市场监管', '劳动力市场', '劳动']],
  ['government-procurement', ['政府采购']],
  ['bidding-tendering', ['招标投标', '招投标']],
  ['government-services', ['政务服务']],
  ['intellectual-property', ['知识产权']],
  ['market-regulation', ['市场监管']],
  ['inclusive-innovation', ['包容普惠创新', '创新创业', '人才流动', '外商投资', '包容普惠', '创新']],
];

/** The indicator code a section title maps to, or null when no indicator's words occur in it. */
export function matchIndicator(sectionTitle: string): string | null {
  // Earliest and longest keyword wins, so 劳动力市场监管 is labour market, not market regulation.
  let best: { code: string; at: number; len: number } | null = null;
  for (const [code, words] of KEYWORDS) {
    for (const w of words) {
      const at = sectionTitle.indexOf(w);
      if (at < 0) continue;
      if (!best || at < best.at || (at === best.at && w.length > best.len)) best = { code, at, len: w.length };
    }
  }
  return best?.code ?? null;
}
