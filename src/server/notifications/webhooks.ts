/** Robot webhook message formats (DingTalk and WeCom group robots, markdown messages). */

export interface Message {
  title: string;
  body: string;
}

/** DingTalk robot: `{"msgtype":"markdown","markdown":{"title","text"}}`. */
export function dingtalkPayload(m: Message) {
  return { msgtype: 'markdown', markdown: { title: m.title, text: `### ${m.title}\n\n${m.body}` } };
}

/** WeCom robot: `{"msgtype":"markdown","markdown":{"content"}}` (content at most 4096 bytes). */
export function wecomPayload(m: Message) {
  return { msgtype: 'markdown', markdown: { content: truncateUtf8(`### ${m.title}\n${m.body}`, 4096) } };
}

/**
 * Posts a JSON message to a robot webhook. Both robots answer HTTP 200 with `errcode` ≠ 0 on
 * failure (bad key, rate limit), so the answer body is checked too.
 */
export async function postWebhook(url: string, payload: unknown, timeoutMs = 10_000): Promise<void> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(payload),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`HTTP ${res.status}: ${text.slice(0, 200)}`);
  try {
    const answer = JSON.parse(text) as { errcode?: number; errmsg?: string };
    if (typeof answer.errcode === 'number' && answer.errcode !== 0) throw new Error(`errcode ${answer.errcode}: ${answer.errmsg ?? ''}`);
  } catch (e) {
    if (!(e instanceof SyntaxError)) throw e; // a non-JSON 200 is taken as delivered
  }
}

function truncateUtf8(text: string, maxBytes: number): string {
  if (Buffer.byteLength(text) <= maxBytes) return text;
  let out = text;
  while (Buffer.byteLength(out) > maxBytes - 3) out = out.slice(0, -1);
  return `${out}…`;
}
