import {
  DeleteQueryNode,
  InsertQueryNode,
  UpdateQueryNode,
  type KyselyPlugin,
  type OperationNode,
  type QueryId,
  type QueryResult,
  type RootOperationNode,
  type UnknownRow,
} from 'kysely';

/**
 * A Kysely plugin that only watches: `see` gets each statement's query tree as it is sent, `seen` its
 * result, and both pass through unchanged. The tests' statement counters, read recorders and SQL captures
 * are this with a line of their own (`db.withPlugin(watchStatements(...))`).
 */
export function watchStatements(
  see: (node: RootOperationNode, queryId: QueryId) => void,
  seen: (result: QueryResult<UnknownRow>, queryId: QueryId) => void = () => {},
): KyselyPlugin {
  return {
    transformQuery(args) {
      see(args.node, args.queryId);
      return args.node;
    },
    async transformResult(args) {
      seen(args.result, args.queryId);
      return args.result;
    },
  };
}

/** What observeWrites gives: the plugin, and the writes seen so far. */
export type WriteObserver = KyselyPlugin & {
  /** "insert users", "update task_units", … in the order sent; clear it between requests. */
  written: string[];
};

/**
 * Records the table of every INSERT, UPDATE and DELETE the app sends (read from the Kysely query tree)
 * that changed at least one row: an UPDATE that matched nothing is no write.
 */
export function observeWrites(): WriteObserver {
  const pending = new WeakMap<object, string>();
  const observer: WriteObserver = {
    written: [],
    ...watchStatements(
      (n, queryId) => {
        const target = InsertQueryNode.is(n) ? n.into : UpdateQueryNode.is(n) ? n.table : DeleteQueryNode.is(n) ? n.from : undefined;
        if (target) pending.set(queryId, `${InsertQueryNode.is(n) ? 'insert' : UpdateQueryNode.is(n) ? 'update' : 'delete'} ${tableOf(target) ?? '?'}`);
      },
      (result, queryId) => {
        const write = pending.get(queryId);
        const affected = result.numAffectedRows ?? BigInt(result.rows.length);
        if (write && affected > 0n) observer.written.push(write);
      },
    ),
  };
  return observer;
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
