import { subtreeOf } from '#core/auth/unit-tree.ts';
import type { Deps } from '../context.ts';
import * as repo from './auth.repo.ts';

/**
 * The unit tree, held in memory per database and numbered with `units_version`, which triggers move
 * forward in the same transaction as every write to `units` (migration 20261204070000). The session
 * lookup reads that number with the session; when it is newer than the tree held here, the tree is
 * read again. So every request sees every unit write committed before its session was read, on
 * whichever app node it was made: no TTL, and no writer has to remember to drop a cache.
 *
 * The tree is read after the number, so it is at least as new as the number it is filed under: at
 * worst a later request reads it once more.
 */
interface Tree {
  version: number;
  children: Promise<Map<number, number[]>>;
  subtrees: Map<number, readonly number[]>;
}

const trees = new WeakMap<object, Tree>();

/** The unit and every unit below it, as of `version` of the unit tree (or newer). */
export async function unitSubtree(deps: Pick<Deps, 'db'>, unitId: number, version: number): Promise<readonly number[]> {
  let tree = trees.get(deps.db);
  if (!tree || tree.version < version) {
    const children = repo.unitChildren(deps.db);
    const fresh: Tree = { version, children, subtrees: new Map() };
    children.catch(() => {
      if (trees.get(deps.db) === fresh) trees.delete(deps.db);
    });
    trees.set(deps.db, fresh);
    tree = fresh;
  }
  const hit = tree.subtrees.get(unitId);
  if (hit) return hit;
  const out = Object.freeze(subtreeOf(await tree.children, unitId));
  tree.subtrees.set(unitId, out);
  return out;
}

/** The unit subtree read straight from the database: without a version to file it under (test fixtures). */
export async function readUnitSubtree(deps: Pick<Deps, 'db'>, unitId: number): Promise<number[]> {
  return subtreeOf(await repo.unitChildren(deps.db), unitId);
}
