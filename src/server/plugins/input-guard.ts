import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../errors.ts';

/**
 * Why a text value cannot be stored as sent, or null when it can. PostgreSQL refuses U+0000 in text
 * (`invalid byte sequence for encoding "UTF8": 0x00`, a 500) while SQLite stores it, and a lone UTF-16
 * surrogate is silently turned into U+FFFD by both drivers' UTF-8 encoding, so what is read back would
 * differ from what was written. Neither is ever legitimate text, so both are refused at the edge.
 */
export function textProblem(s: string): string | null {
  if (s.includes('\u0000')) return '不能包含空字符（U+0000）';
  // A high surrogate not followed by a low one, or a low one not preceded by a high one.
  if (/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s)) return '包含无效的 Unicode 字符（不成对的代理项）';
  return null;
}

/**
 * The first string (value or object key) in `value` that cannot be stored, with its path as the
 * error handler names schema fields (`body.tasks.3.title`). Walks with an explicit stack, not
 * recursion: a JSON body of 100,000 nested arrays parses fine and must not overflow the call stack.
 */
export function findBadText(root: unknown, rootName: string): { field: string; message: string } | null {
  const stack: { value: unknown; path: string }[] = [{ value: root, path: rootName }];
  while (stack.length) {
    const { value, path } = stack.pop()!;
    if (typeof value === 'string') {
      const problem = textProblem(value);
      if (problem) return { field: path, message: problem };
    } else if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], path: `${path}.${i}` });
    } else if (value !== null && typeof value === 'object' && !Buffer.isBuffer(value)) {
      for (const key of Object.keys(value)) {
        const problem = textProblem(key);
        // biome-ignore lint/suspicious/noControlCharactersInRegex: NUL and lone surrogates are what the guard refuses; the message must not echo them.
        if (problem) return { field: `${path}.${key.replace(/[\u0000\uD800-\uDFFF]/g, '?')}`, message: `字段名${problem}` };
        stack.push({ value: (value as Record<string, unknown>)[key], path: `${path}.${key}` });
      }
    }
  }
  return null;
}

/** Throws INVALID_INPUT naming the first field of the request whose text cannot be stored. */
export function assertStorableText(req: Pick<FastifyRequest, 'params' | 'query' | 'body'>): void {
  for (const [name, value] of [['params', req.params], ['query', req.query], ['body', req.body]] as const) {
    const bad = findBadText(value, name);
    if (bad) throw new AppError('INVALID_INPUT', `输入有误：${bad.field} ${bad.message}`, [bad]);
  }
}

/**
 * One global guard, so no route can forget it: path parameters, query string and parsed body are
 * checked before validation. It is registered after the auth guard, so a caller without the right
 * still gets 401/403 first, as for any other invalid input.
 */
export function registerInputGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (req) => assertStorableText(req));
}
