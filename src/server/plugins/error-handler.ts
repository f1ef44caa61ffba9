import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { isForeignKeyViolation, isUnstorableText, uniqueViolation, type UniqueViolation } from '../db/errors.ts';
import { AppError } from '../errors.ts';

/**
 * What @fastify/busboy throws on a body that is not well-formed multipart (no or wrong boundary,
 * truncated, a boundary over its 256-byte search limit). They carry no code or status, so they are
 * recognised by message, and only on a multipart request.
 */
const MULTIPART_ERRORS = [
  /^Multipart: Boundary not found/,
  /unexpected end of multipart data/i,
  /^Boundary required/,
  /^The needle /,
  /^Unsupported Content-Type/,
  /^Missing Content-Type/,
];

const isMultipart = (contentType: string | undefined) => /^\s*multipart\//i.test(contentType ?? '');

/** Unique keys a user can run into, named in the answer; any other key gets the general message. */
const UNIQUE_KEY_NAMES: Record<string, string> = { 'users.username': '用户名' };

function uniqueMessage(v: UniqueViolation): string {
  const name = UNIQUE_KEY_NAMES[`${v.table}.${v.columns.join(',')}`];
  return name ? `${name}已存在` : '该记录已存在或刚被其他请求修改，请刷新后重试';
}

/**
 * One error policy for the API: AppError → its status and Chinese message; schema failures → 400
 * naming each field; oversized bodies → 413; malformed multipart → 400; unique-key and foreign-key
 * violations (concurrent requests meeting in the database) → 409;
 * anything else is logged and answered with a generic 500,
 * never a stack trace or SQL.
 */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (err instanceof AppError) {
      return reply.status(err.status).send({ error: { code: err.code, message: err.message, details: err.details } });
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const details = err.validation.map((v) => ({
        field: [err.validationContext, ...String(v.instancePath).split('/').filter(Boolean)].join('.'),
        message: v.message,
      }));
      const message = `输入有误：${details
        .map((d) => `${d.field} ${d.message}`)
        .slice(0, 5)
        .join('；')}`;
      return reply.status(400).send({ error: { code: 'INVALID_INPUT', message, details } });
    }
    if (err.code === 'FST_REQ_FILE_TOO_LARGE' || err.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || err.statusCode === 413) {
      return reply.status(413).send({ error: { code: 'TOO_LARGE', message: '上传内容超过大小上限' } });
    }
    if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || err.code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') {
      return reply.status(415).send({ error: { code: 'UNSUPPORTED_TYPE', message: '不支持的请求内容类型' } });
    }
    if (isMultipart(req.headers['content-type']) && !err.statusCode && MULTIPART_ERRORS.some((re) => re.test(err.message))) {
      return reply
        .status(400)
        .send({ error: { code: 'INVALID_INPUT', message: '上传内容不是完整有效的 multipart/form-data（分隔符缺失、不符或内容被截断），请重新选择文件上传' } });
    }
    // A safety net: services check for duplicates and transitions in their transaction, but two
    // concurrent requests can still meet at a unique key; that is a conflict, not a server fault.
    const unique = uniqueViolation(err);
    if (unique) {
      req.log.warn({ err }, 'unique key violation');
      return reply.status(409).send({ error: { code: 'CONFLICT', message: uniqueMessage(unique) } });
    }
    if (isForeignKeyViolation(err)) {
      req.log.warn({ err }, 'foreign key violation');
      return reply.status(409).send({ error: { code: 'CONFLICT', message: '所引用的记录刚被其他操作修改或删除（如单位被合并），请刷新后重试' } });
    }
    if (isUnstorableText(err)) {
      return reply.status(400).send({ error: { code: 'INVALID_INPUT', message: '输入包含无法保存的字符（如空字符 U+0000），请删除后重试' } });
    }
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      return reply.status(err.statusCode).send({ error: { code: 'INVALID_INPUT', message: '请求格式有误' } });
    }
    req.log.error({ err }, 'unhandled error');
    return reply.status(500).send({ error: { code: 'INTERNAL', message: '服务器内部错误，请稍后重试' } });
  });
}

/**
 * Errors Fastify raises while routing, before any hook or the error handler runs: a percent escape
 * that is not valid UTF-8 (`/api/tasks/%ff`), a path parameter over the router's length limit. Given
 * to Fastify as `frameworkErrors`, so they answer in the one error shape too instead of Fastify's own.
 */
export function answerFrameworkError(err: FastifyError, _req: FastifyRequest, reply: FastifyReply): FastifyReply {
  // The security headers hooks never ran for this request; the one that matters for a JSON error is set here.
  reply.header('x-content-type-options', 'nosniff');
  if (err.code === 'FST_ERR_MAX_PARAM_LENGTH') return reply.status(414).send({ error: { code: 'INVALID_INPUT', message: '请求地址中的参数过长' } });
  if (err.code === 'FST_ERR_BAD_URL')
    return reply.status(400).send({ error: { code: 'INVALID_INPUT', message: '请求地址包含无效的编码（百分号转义不是有效的 UTF-8）' } });
  return reply.status(400).send({ error: { code: 'INVALID_INPUT', message: '请求地址有误' } });
}

/**
 * Requests Node's HTTP parser refuses before Fastify sees them (conflicting Content-Length and
 * Transfer-Encoding, a header block over 16 KB, bytes that are not HTTP). Given to Fastify as
 * `clientErrorHandler`: the same answer as Fastify's own, in the project's error shape and in Chinese.
 */
export function answerClientError(err: NodeJS.ErrnoException, socket: Socket): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, message] =
    err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
      ? [408, '请求超时，请重试']
      : err.code === 'HPE_HEADER_OVERFLOW'
        ? [431, '请求头过大（如 Cookie 过长），请清除本站 Cookie 后重试']
        : [400, '请求格式有误（不是有效的 HTTP 请求）'];
  const body = JSON.stringify({ error: { code: 'INVALID_INPUT', message } });
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nContent-Type: application/json; charset=utf-8\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(err);
}
