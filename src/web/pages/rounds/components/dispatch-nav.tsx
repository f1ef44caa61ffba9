import { Segmented } from 'antd';
import { useNavigate } from 'react-router';

/** Switches between the two lists under 调度通报: the rounds and the circulars archive. */
export function DispatchNav({ current }: { current: 'rounds' | 'circulars' }) {
  const navigate = useNavigate();
  return (
    <Segmented<'rounds' | 'circulars'>
      value={current}
      onChange={(v) => navigate(v === 'rounds' ? '/rounds' : '/circulars')}
      options={[
        { value: 'rounds', label: <span data-testid="nav-rounds">调度</span> },
        { value: 'circulars', label: <span data-testid="nav-circulars">通报归档</span> },
      ]}
    />
  );
}
