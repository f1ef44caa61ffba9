import { Select } from 'antd';
import type { CSSProperties } from 'react';
import { useSearchParams } from 'react-router';
import { findPlans } from '#web/api/plans.ts';
import type { PlanSummary } from '#core/api/plans.ts';
import { useRequest } from '#web/hooks/use-request.ts';

/** The plan the dashboard shows, kept in the URL (?planId=) so that a view can be shared; null = every plan. */
export function usePlanParam(): [number | null, (planId: number | null) => void] {
  const [params, setParams] = useSearchParams();
  const raw = Number(params.get('planId'));
  const planId = Number.isInteger(raw) && raw > 0 ? raw : null;
  const setPlanId = (id: number | null) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (id === null) next.delete('planId');
        else next.set('planId', String(id));
        next.delete('sectionId');
        return next;
      },
      { replace: true },
    );
  return [planId, setPlanId];
}

export function usePlans() {
  return useRequest((signal) => findPlans(signal), []);
}

/** 全部方案 or one plan. */
export function PlanSelect({ plans, value, onChange, style, className }: { plans: PlanSummary[] | undefined; value: number | null; onChange: (id: number | null) => void; style?: CSSProperties; className?: string }) {
  return (
    <Select<number>
      value={value ?? 0}
      onChange={(v) => onChange(v === 0 ? null : v)}
      style={{ width: 320, ...style }}
      className={className}
      loading={plans === undefined}
      showSearch={{ optionFilterProp: 'label' }}
      data-testid="plan-select"
      options={[{ value: 0, label: '全部方案' }, ...(plans ?? []).map((p) => ({ value: p.id, label: p.number ? `${p.number} ${p.title}` : p.title }))]}
      popupMatchSelectWidth={false}
    />
  );
}
