import { mutationsOf, type Mutation } from './mutations.ts';
import type { Operation } from './openapi.ts';
import type { IdLookup } from './sample.ts';

/** mulberry32: a small seeded generator, so a run is repeated exactly from its printed seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function shuffle<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

/** Who sends a request: no session, or a signed-in persona by name. */
export type Persona = string;
export const ANONYMOUS: Persona = 'anonymous';

/** One request of a run, described; its bytes are built when it is sent. */
export interface FuzzCase {
  index: number;
  op: Operation;
  persona: Persona;
  mutation: Mutation;
}

export interface PlanOptions {
  seed: number;
  count: number;
  personas: readonly Persona[];
  /** A valid value for a path parameter of a route (an id of the world). */
  pathValue: (op: Operation, name: string) => string;
  ids: IdLookup;
}

/** Slots per (route, persona): a session-less request to a route that needs one stops at the guard, so it gets fewer. */
const weightOf = (op: Operation, persona: Persona): number => (persona === ANONYMOUS && op.action !== 'public.read' ? 1 : 2);

/**
 * The cases of a run. Every (route, persona) pair is a slot; the anonymous persona gets one slot
 * on routes that need a session (it is refused before anything else is read) and as many as the
 * others on public routes. Slots are shuffled and visited in turn until `count` cases exist, and
 * each route walks its own shuffled list of mutations, so with enough cases every persona reaches
 * every route and the mutations of a route are spread over its personas.
 */
export function planCases(ops: readonly Operation[], opts: PlanOptions): FuzzCase[] {
  const random = seededRandom(opts.seed);
  const slots: { op: number; persona: Persona }[] = [];
  ops.forEach((op, i) => {
    for (const persona of opts.personas) for (let w = weightOf(op, persona); w > 0; w--) slots.push({ op: i, persona });
  });
  shuffle(slots, random);
  const lists = ops.map((op) =>
    shuffle(
      mutationsOf(op, (name) => opts.pathValue(op, name), opts.ids),
      random,
    ),
  );
  const visits = ops.map(() => 0);
  const cases: FuzzCase[] = [];
  for (let index = 0; index < opts.count; index++) {
    const slot = slots[index % slots.length]!;
    const list = lists[slot.op]!;
    const mutation = list[visits[slot.op]!++ % list.length]!;
    cases.push({ index, op: ops[slot.op]!, persona: slot.persona, mutation });
  }
  return cases;
}

/** How many slots a plan has: the count at which every (route, persona) pair is reached at least once. */
export function slotCount(ops: readonly Operation[], personas: readonly Persona[]): number {
  return ops.reduce((n, op) => n + personas.reduce((m, p) => m + weightOf(op, p), 0), 0);
}
