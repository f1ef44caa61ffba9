import { useEffect, useState } from 'react';
import { findPlans, getPlan } from '#web/api/plans.ts';

export interface SectionNode {
  value: number | string;
  title: string;
  children?: SectionNode[];
  selectable?: boolean;
}

export interface SectionTree {
  tree: SectionNode[];
  /** Section id → "文号 · 章节标题", for showing a leader's sections. */
  names: Map<number, string>;
  loading: boolean;
}

/** The plans' sections as a tree (plan → sections) for picking a leader's sections; loaded when `enabled`. */
export function useSectionTree(enabled: boolean): SectionTree {
  const [state, setState] = useState<SectionTree>({ tree: [], names: new Map(), loading: false });
  const [loaded, setLoaded] = useState(false);

  useEffect(() => {
    if (!enabled || loaded) return;
    const controller = new AbortController();
    setState((s) => ({ ...s, loading: true }));
    (async () => {
      const plans = await findPlans(controller.signal);
      const details = await Promise.all(plans.data.map((p) => getPlan(p.id, controller.signal)));
      const names = new Map<number, string>();
      const tree = details.map((p) => {
        const planName = p.number ?? p.title;
        return {
          value: `plan-${p.id}`,
          title: planName,
          selectable: false,
          children: p.sections.map((s) => {
            names.set(s.id, `${planName} · ${s.title}`);
            return { value: s.id, title: `${s.ordinal}. ${s.title}` };
          }),
        };
      });
      if (!controller.signal.aborted) {
        setState({ tree, names, loading: false });
        setLoaded(true);
      }
    })().catch(() => {
      if (!controller.signal.aborted) setState((s) => ({ ...s, loading: false }));
    });
    return () => controller.abort();
  }, [enabled, loaded]);

  return state;
}
