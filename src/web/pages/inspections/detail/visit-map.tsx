import { Empty, Typography } from 'antd';
import { useMemo } from 'react';
import { distanceLabel, layoutVisitMap, type MapVisit } from './visit-map-layout.ts';

interface Props {
  visits: readonly MapVisit[];
  /** Visits with findings are drawn red, the others blue. */
  withFindings?: ReadonlySet<number>;
  height?: number;
}

const WIDTH = 640;

/**
 * 走访示意图: the visits as points on a plain grid, north up, with a scale bar. A schematic, not a map:
 * there are no tiles to draw on without internet, and the picture only has to show where the team went.
 */
export function VisitMap({ visits, withFindings, height = 280 }: Props) {
  const layout = useMemo(() => layoutVisitMap(visits, WIDTH, height), [visits, height]);
  if (visits.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="还没有走访记录" />;
  return (
    <div data-testid="visit-map">
      <svg
        viewBox={`0 0 ${WIDTH} ${height}`}
        width="100%"
        role="img"
        aria-label="走访示意图"
        style={{ display: 'block', background: '#f7f9fc', borderRadius: 4 }}
      >
        <defs>
          <pattern id="tj-visit-grid" width="40" height="40" patternUnits="userSpaceOnUse">
            <path d="M 40 0 L 0 0 0 40" fill="none" stroke="#e3e8ef" strokeWidth="1" />
          </pattern>
        </defs>
        <rect width={WIDTH} height={height} fill="url(#tj-visit-grid)" />
        {/* North arrow. */}
        <g transform={`translate(${WIDTH - 24}, 22)`}>
          <path d="M 0 -12 L 6 6 L 0 2 L -6 6 Z" fill="#595959" />
          <text y="20" textAnchor="middle" fontSize="11" fill="#595959">
            北
          </text>
        </g>
        {layout.scaleBar && (
          <g transform={`translate(16, ${height - 14})`}>
            <path d={`M 0 -4 L 0 0 L ${layout.scaleBar.px} 0 L ${layout.scaleBar.px} -4`} fill="none" stroke="#595959" strokeWidth="1.5" />
            <text x={layout.scaleBar.px + 6} y="3" fontSize="11" fill="#595959">
              {distanceLabel(layout.scaleBar.metres)}
            </text>
          </g>
        )}
        {layout.points.map((p, i) => {
          const hot = withFindings?.has(p.id) ?? false;
          return (
            <g key={p.id} data-testid="visit-map-point" data-located={p.located}>
              <circle
                cx={p.x}
                cy={p.y}
                r={p.located ? 9 : 6}
                fill={hot ? '#cf1322' : '#1d4f91'}
                fillOpacity={p.located ? 0.9 : 0.45}
                stroke="#fff"
                strokeWidth="1.5"
              />
              <text x={p.x} y={p.y - 13} textAnchor="middle" fontSize="15" fill="#262626" stroke="#f7f9fc" strokeWidth="3" paintOrder="stroke">
                {`${i + 1}. ${p.label.length > 10 ? `${p.label.slice(0, 10)}…` : p.label}`}
              </text>
            </g>
          );
        })}
      </svg>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        示意图按走访时记录的经纬度绘制（非地图底图）；红点为发现问题的走访{layout.points.some((p) => !p.located) ? '；底部一行为未记录坐标的走访' : ''}。
      </Typography.Text>
    </div>
  );
}
