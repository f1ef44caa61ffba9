import ExcelJS from 'exceljs';
import type { Kysely } from 'kysely';
import type { Deps } from '../context.ts';
import type { DB } from '../db/schema.ts';
import { containsText, num } from '../db/util.ts';

export interface AuditFilter {
  actor?: string | undefined;
  action?: string | undefined;
  entityType?: string | undefined;
  outcome?: 'ok' | 'denied' | undefined;
  /** YYYY-MM-DD, in China time. */
  from?: string | undefined;
  to?: string | undefined;
}

// Days are China days: 2021-06-01 starts at 2021-05-31T16:00Z.
const dayStartUtc = (d: string) => new Date(Date.parse(`${d}T00:00:00+08:00`)).toISOString();
const dayEndUtc = (d: string) => new Date(Date.parse(`${d}T00:00:00+08:00`) + 86_400_000).toISOString();

function filtered(db: Kysely<DB>, f: AuditFilter) {
  let q = db.selectFrom('audit_events');
  if (f.actor) q = q.where(containsText('actor_name', f.actor));
  if (f.action) q = q.where(containsText('action', f.action));
  if (f.entityType) q = q.where('entity_type', '=', f.entityType);
  if (f.outcome) q = q.where('outcome', '=', f.outcome);
  if (f.from) q = q.where('at', '>=', dayStartUtc(f.from));
  if (f.to) q = q.where('at', '<', dayEndUtc(f.to));
  return q;
}

const parse = (v: string | null): unknown => (v == null ? null : JSON.parse(v));

/** The audit trail, newest first. It is read-only: no route changes or deletes it. */
export async function findAuditEvents(deps: Deps, f: AuditFilter, page: { page: number; pageSize: number }) {
  const base = filtered(deps.db, f);
  const [rows, count] = await Promise.all([
    base.selectAll().orderBy('id', 'desc').offset((page.page - 1) * page.pageSize).limit(page.pageSize).execute(),
    base.select((e) => e.fn.countAll().as('c')).executeTakeFirstOrThrow(),
  ]);
  return {
    data: rows.map((r) => ({
      id: r.id, at: r.at, actorId: r.actor_id, actorName: r.actor_name, actorUnitId: r.actor_unit_id, action: r.action, entityType: r.entity_type,
      entityId: r.entity_id, before: parse(r.before), after: parse(r.after), clientIp: r.client_ip, outcome: r.outcome,
    })),
    total: num(count.c),
  };
}

/** The filtered trail as .xlsx (at most 100,000 rows), times in China time. */
export async function exportAuditXlsx(deps: Deps, f: AuditFilter): Promise<Buffer> {
  const rows = await filtered(deps.db, f).selectAll().orderBy('id', 'desc').limit(100_000).execute();
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('审计日志');
  ws.columns = [
    { header: '序号', key: 'id', width: 8 }, { header: '时间（北京时间）', key: 'at', width: 20 }, { header: '操作人', key: 'actor', width: 14 },
    { header: '操作', key: 'action', width: 20 }, { header: '对象类型', key: 'entityType', width: 14 }, { header: '对象', key: 'entityId', width: 16 },
    { header: '结果', key: 'outcome', width: 8 }, { header: '变更前', key: 'before', width: 50 }, { header: '变更后', key: 'after', width: 50 }, { header: '来源地址', key: 'ip', width: 16 },
  ];
  ws.getRow(1).font = { bold: true };
  const fmt = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
  for (const r of rows) {
    ws.addRow({ id: r.id, at: fmt.format(new Date(r.at)), actor: r.actor_name ?? '', action: r.action, entityType: r.entity_type, entityId: r.entity_id ?? '', outcome: r.outcome === 'denied' ? '拒绝' : '成功', before: r.before ?? '', after: r.after ?? '', ip: r.client_ip ?? '' });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
