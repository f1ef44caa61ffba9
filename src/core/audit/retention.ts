import { z } from 'zod';

/**
 * How long the audit trail stays in the database. 《中华人民共和国网络安全法》第二十一条（三）requires
 * network logs to be kept for no less than six months, and 等保2.0 (GB/T 22239-2019, 安全审计) asks the
 * same of audit records: 180 days is therefore both the floor and the default. Older rows are purged
 * only after they were written to an archive file.
 */
export const AUDIT_RETENTION_MIN_DAYS = 180;
export const AUDIT_RETENTION_DEFAULT_DAYS = AUDIT_RETENTION_MIN_DAYS;
/** Ten years: longer than any rule asks of an operational log; older history lives in the archive files. */
export const AUDIT_RETENTION_MAX_DAYS = 3650;

export const AuditRetentionSchema = z
  .object({
    days: z
      .number({ message: '请填写保留天数' })
      .int('保留天数应为整数')
      .min(AUDIT_RETENTION_MIN_DAYS, `审计日志至少保留 ${AUDIT_RETENTION_MIN_DAYS} 天（网络安全法第二十一条：不少于六个月）`)
      .max(AUDIT_RETENTION_MAX_DAYS, `保留天数不能超过 ${AUDIT_RETENTION_MAX_DAYS} 天`),
  })
  .strict();
export type AuditRetention = z.infer<typeof AuditRetentionSchema>;
