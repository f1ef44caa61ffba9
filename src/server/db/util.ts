import { sql } from 'kysely';

/** pg returns count()/sum() as strings, SQLite as numbers: read both as a number. */
export function num(v: unknown): number {
  if (v == null) return 0;
  return typeof v === 'number' ? v : Number(v);
}

/** Escapes LIKE wildcards so user text matches literally (with `escape '\'`). */
export function likeContains(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** `column LIKE %text%` with wildcards in `text` taken literally, in both dialects. */
export function containsText(column: string, text: string) {
  return sql<boolean>`${sql.ref(column)} like ${likeContains(text)} escape '\\'`;
}
