import { createServer as createHttpServer } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';

/** A plan with one task due 2021-10-08 (right after 国庆), a lead and a responsible unit. */
export async function seedTask(db: Kysely<DB>, dueDate = '2021-10-08') {
  const at = new Date().toISOString();
  const plan = await db.insertInto('plans').values({ number: '测政发〔2021〕1号', issuer: '测试区人民政府', issue_date: '2021-05-01', title: '测试行动方案', year: 2021, level: 'district', parent_plan_id: null, file_name: null, source_hash: `h-${Math.random()}`, source_text: '', created_at: at }).returning('id').executeTakeFirstOrThrow();
  const task = await db.insertInto('tasks').values({ plan_id: plan.id, section_id: null, ordinal: 1, number: '1', path: '[]', title: '压减开办企业时间', text: '国庆节后前完成。', search_text: '', span_start: null, span_end: null, spans: null }).returning('id').executeTakeFirstOrThrow();
  const milestone = await db.insertInto('milestones').values({ task_id: task.id, plan_id: plan.id, ordinal: 0, text: '10月8日前', clause: '10月8日前完成', due_date: dueDate, span_start: null, span_end: null }).returning('id').executeTakeFirstOrThrow();
  const unit = async (name: string) => (await db.insertInto('units').values({ name, is_collective: 0, parent_id: null, created_at: at }).returning('id').executeTakeFirstOrThrow()).id;
  const lead = await unit(`区审批服务局-${plan.id}`);
  const resp = await unit(`区市场监管局-${plan.id}`);
  await db.insertInto('task_units').values([
    { task_id: task.id, plan_id: plan.id, unit_id: lead, role: 'lead', ordinal: 0, name_as_written: '区审批服务局' },
    { task_id: task.id, plan_id: plan.id, unit_id: resp, role: 'responsible', ordinal: 0, name_as_written: '区市场监管局' },
  ]).execute();
  return { planId: plan.id, taskId: task.id, milestoneId: milestone.id, lead, resp };
}

/** 09:00 in Beijing on `date`. */
export const morningOf = (date: string): Date => new Date(`${date}T01:00:00Z`);

/** A local HTTP server that records the JSON bodies posted to it, answering like the robots do. */
export async function robotServer() {
  const received: { path: string; body: any }[] = [];
  const server = createHttpServer((req, res) => {
    let data = '';
    req.on('data', (c) => (data += c));
    req.on('end', () => {
      received.push({ path: req.url ?? '', body: JSON.parse(data) });
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ errcode: 0, errmsg: 'ok' }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { received, base, close: () => new Promise<void>((r) => server.close(() => r())) };
}

/** A local SMTP sink that accepts every message and keeps the raw DATA. */
export async function smtpServer() {
  const messages: { from: string; to: string; data: string }[] = [];
  const server = createNetServer((socket) => {
    let buffer = '';
    let inData = false;
    let msg = { from: '', to: '', data: '' };
    socket.write('220 sink ESMTP\r\n');
    socket.on('data', (chunk) => {
      buffer += chunk.toString('utf8');
      let i: number;
      while ((i = buffer.indexOf('\r\n')) >= 0) {
        const line = buffer.slice(0, i);
        buffer = buffer.slice(i + 2);
        if (inData) {
          if (line === '.') {
            inData = false;
            messages.push(msg);
            msg = { from: '', to: '', data: '' };
            socket.write('250 queued\r\n');
          } else msg.data += `${line}\r\n`;
        } else if (/^EHLO/i.test(line)) socket.write('250-sink\r\n250 AUTH PLAIN\r\n');
        else if (/^AUTH/i.test(line)) socket.write('235 ok\r\n');
        else if (/^MAIL FROM:/i.test(line)) [msg.from] = [line.slice(10)], socket.write('250 ok\r\n');
        else if (/^RCPT TO:/i.test(line)) [msg.to] = [line.slice(8)], socket.write('250 ok\r\n');
        else if (/^DATA/i.test(line)) (inData = true), socket.write('354 go\r\n');
        else if (/^QUIT/i.test(line)) socket.end('221 bye\r\n');
        else socket.write('250 ok\r\n');
      }
    });
    socket.on('error', () => {});
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `smtp://tuijin:secret@127.0.0.1:${(server.address() as AddressInfo).port}?from=noreply@tuijin.test`;
  return { messages, url, close: () => new Promise<void>((r) => server.close(() => r())) };
}
