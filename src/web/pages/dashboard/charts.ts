/**
 * The dashboards' chart options, built from the API's answers, one file per chart. Shared by 看板
 * (light, normal type) and the cockpit (dark, large type): `look` sets the sizes and colours. Each
 * builder also says what a click on one of its bars, cells or points means as a drill-down filter.
 */
export * from './charts/look.ts';
export * from './charts/burnup.ts';
export * from './charts/sections.ts';
export * from './charts/units.ts';
export * from './charts/heatmap.ts';
export * from './charts/rounds.ts';
export * from './charts/roadmap.ts';
export * from './charts/gauge.ts';
