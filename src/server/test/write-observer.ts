import {
  DeleteQueryNode,
  InsertQueryNode,
  UpdateQueryNode,
  type KyselyPlugin,
  type OperationNode,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryResult,
  type RootOperationNode,
  type UnknownRow,
} from 'kysely';

/**
 * Records the table of every INSERT, UPDATE and DELETE the app sends (read from the Kysely query tree)
 * that changed at least one row: an UPDATE that matched nothing is no write.
 */
export class WriteObserver implements KyselyPlugin {
  /** "insert users", "update task_units", … in the order sent; clear it between requests. */
  written: string[] = [];
  readonly #pending = new WeakMap<object, string>();
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    const n = args.node;
    const target = InsertQueryNode.is(n) ? n.into : UpdateQueryNode.is(n) ? n.table : DeleteQueryNode.is(n) ? n.from : undefined;
    if (target) this.#pending.set(args.queryId, `${InsertQueryNode.is(n) ? 'insert' : UpdateQueryNode.is(n) ? 'update' : 'delete'} ${tableOf(target) ?? '?'}`);
    return n;
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    const write = this.#pending.get(args.queryId);
    const affected = args.result.numAffectedRows ?? BigInt(args.result.rows.length);
    if (write && affected > 0n) this.written.push(write);
    return args.result;
  }
}
/** The first table named anywhere in a Kysely query tree (a statement's target, or a select's source). */
export function tableOf(node: OperationNode | undefined): string | undefined {
  if (!node || typeof node !== 'object') return undefined;
  const x = node as unknown as Record<string, unknown>;
  if (x.kind === 'TableNode') return (x.table as { identifier: { name: string } }).identifier.name;
  for (const v of Object.values(x)) {
    const found = Array.isArray(v)
      ? v.map((i) => tableOf(i as OperationNode)).find(Boolean)
      : v && typeof v === 'object'
        ? tableOf(v as OperationNode)
        : undefined;
    if (found) return found;
  }
  return undefined;
}
