export { createLiveServer, type LiveServer, type RouteHandler, type Routes } from './live-server.js';
export { sendFile, sendJson, sendText } from './http.js';
export { LoadSession } from './load-session.js';
export { loadRoutes } from './load-routes.js';
export { locustStats, type LocustStats, type LocustStatsRow, type RunState } from './locust-stats.js';
export { CurrentRates } from './current-rates.js';
export { chartPoints, type ChartPoint, type LoadView } from './view.js';
export type { ComparisonRow, LabView, SubjectState } from './lab-view.js';
