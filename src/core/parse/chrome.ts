/**
 * Web-page chrome around a plan copied from a government site: the breadcrumb, the metadata block
 * (索引号, 发布机构, 成文日期…), the 【打印】【关闭】 buttons and the footer (主办单位, 网站标识码,
 * 备案号). None of it is the plan, and some of it looks like plan text (主办单位：X reads as a lead
 * label), so the reader skips these lines.
 */

/** Keys that only a page's metadata block or footer uses. */
const PAGE_KEYS =
  '索引号|主题分类|主题词|组配分类|体裁分类|服务对象|发布机构|发文机关|发文机构|成文日期|发布日期|发文日期|生效日期|有效性|文\\s*号|发文字号|信息来源|来\\s*源|浏览次数|访问次数|点击数|阅读次数|作\\s*者|责任编辑|网站标识码|备案号|技术支持|版权所有|网站地图|联系我们|公安备案|ICP|地\\s*址|邮\\s*编';
// Keys may be glued to the value before them when the copy lost the spaces between fields.
const PAGE_KEY = new RegExp(`(?:${PAGE_KEYS})\\s*[:：]`, 'g');
/** Keys a plan uses too (主办单位：X can be a task's lead label): chrome only beside a page key. */
const SHARED_KEY = /(?:主办单位|承办单位|主管单位|维护单位)\s*[:：]/;
const BUTTONS = /^(?:[【[]\s*(?:字体|字号|打印|关闭|返回|分享|收藏|大|中|小|默认|打印本页|关闭窗口|返回顶部|保存|纠错|下载)[^】\]]{0,12}[】\]]\s*)+$/;
const BREADCRUMB = /^(?:首页|当前位置|您的位置|您现在的位置|位置)\s*[:：]?\s*[^\n]{0,40}?(?:>|»|＞|›|→)/;
const SHARE = /^(?:分享到|扫一扫|打印本页|关闭窗口|返回顶部|【\s*打印\s*】|上一篇\s*[:：]|下一篇\s*[:：]|相关文件\s*[:：]|相关链接)/;

/** Whether the line [first, last) of view `t` is page chrome rather than part of the plan. */
export function isChromeLine(t: string, first: number, last: number): boolean {
  if (last - first > 200) return false;
  const s = t.slice(first, last);
  if (BUTTONS.test(s) || BREADCRUMB.test(s) || SHARE.test(s)) return true;
  PAGE_KEY.lastIndex = 0;
  const keys = s.match(PAGE_KEY)?.length ?? 0;
  // One page key opens the line ("索引号：…"), or two stand in it ("发布机构：X | 发文字号：Y").
  if (keys >= 2 || (keys === 1 && new RegExp(`^(?:${PAGE_KEYS})\\s*[:：]`).test(s))) return true;
  return keys >= 1 && SHARED_KEY.test(s);
}
