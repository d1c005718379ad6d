/** Which charts a lab run gets, as SVG documents built from the results. */
import { barChartSvg, lineChartSvg } from '@netlab/loadtest';
import { findRun, subjectsOf, metricValue } from '../metrics.js';
import type { LabResults, ScenarioName, StressRun } from '../results.js';

export interface Chart {
  /** File stem: `<name>.svg`, `<name>.png`. */
  name: string;
  title: string;
  svg: string;
}

const SCENARIO_TITLE: Record<ScenarioName, string> = {
  ramp: 'ramp to first failure',
  fixed: 'fixed load',
};

type TimelineKey = 'rps' | 'p95' | 'users';
const TIMELINE: { key: TimelineKey; stem: string; title: string; yLabel: string }[] = [
  { key: 'rps', stem: 'rps', title: 'Requests/s', yLabel: 'requests/s' },
  { key: 'p95', stem: 'response-time', title: '95th percentile response time', yLabel: 'ms' },
  { key: 'users', stem: 'users', title: 'Users', yLabel: 'users' },
];

function timelineCharts(runs: StressRun[], scenario: ScenarioName): Chart[] {
  const measured = runs.filter((r) => r.scenario === scenario && r.result && r.result.timeline.length > 0);
  if (measured.length === 0) return [];
  return TIMELINE.map(({ key, stem, title, yLabel }) => {
    const full = `${title} over time — ${SCENARIO_TITLE[scenario]}`;
    return {
      name: `${scenario}-${stem}`,
      title: full,
      svg: lineChartSvg({
        title: full,
        xLabel: 'time (s)',
        yLabel,
        series: measured.map((r) => ({
          name: r.subject.name,
          points: r.result!.timeline.map((t) => [t.second, t[key]] as [number, number]),
        })),
      }),
    };
  });
}

function comparisonCharts(runs: StressRun[]): Chart[] {
  const subjects = subjectsOf(runs);
  const bar = (
    name: string,
    title: string,
    yLabel: string,
    series: { name: string; scenario: ScenarioName; key: string }[],
  ) => ({
    name,
    title,
    svg: barChartSvg({
      title,
      yLabel,
      categories: subjects,
      series: series.map((s) => ({
        name: s.name,
        values: subjects.map((subject) => metricValue(findRun(runs, subject, s.scenario), s.key)),
      })),
    }),
  });
  const charts = [
    bar('comparison-rps', 'Throughput by model', 'requests/s', [
      { name: 'ramp: max req/s', scenario: 'ramp', key: 'max_rps' },
      { name: 'fixed: req/s', scenario: 'fixed', key: 'rps' },
    ]),
    bar('comparison-response-time', 'Mean response time by model', 'ms', [
      { name: 'ramp', scenario: 'ramp', key: 'mean_response_ms' },
      { name: 'fixed', scenario: 'fixed', key: 'mean_response_ms' },
    ]),
  ];
  const ramps = runs.filter((r) => r.scenario === 'ramp' && r.result);
  if (ramps.some((r) => r.result!.firstFailure)) {
    // A model that never failed is drawn at the cap in its own colour, so "no failure" never reads as zero.
    const cap = (subject: string) => {
      const run = findRun(runs, subject, 'ramp');
      return run?.result && !run.result.firstFailure ? run.result.users : null;
    };
    const title = 'Users at the first failure (ramp)';
    charts.push({
      name: 'comparison-users-at-failure',
      title,
      svg: barChartSvg({
        title,
        yLabel: 'users',
        categories: subjects,
        series: [
          {
            name: 'first failure',
            values: subjects.map((s) => metricValue(findRun(runs, s, 'ramp'), 'users_at_first_failure')),
          },
          { name: 'no failure up to the cap', values: subjects.map(cap) },
        ],
      }),
    });
  }
  return charts;
}

function echoCharts(results: LabResults): Chart[] {
  const measured = results.echo.filter((e) => e.histogram.length > 0);
  if (measured.length === 0) return [];
  const bounds = [...new Set(measured.flatMap((e) => e.histogram.map((h) => h.leMs)))].sort((a, b) => a - b);
  const title = 'Echo round-trip latency histogram';
  return [
    {
      name: 'echo-latency',
      title,
      svg: barChartSvg({
        title,
        yLabel: 'round trips',
        categories: bounds.map((b) => `≤ ${b} ms`),
        series: measured.map((e) => ({
          name: e.subject.name,
          values: bounds.map((b) => e.histogram.find((h) => h.leMs === b)?.count ?? 0),
        })),
      }),
    },
  ];
}

function checkCharts(results: LabResults): Chart[] {
  if (results.checks.length === 0) return [];
  const subjects = [...new Set(results.checks.map((c) => c.subject.name))];
  const count = (subject: string, pass: boolean) =>
    results.checks.filter((c) => c.subject.name === subject && c.pass === pass).length;
  const title = 'Conformance checks passed and failed';
  return [
    {
      name: 'conformance',
      title,
      svg: barChartSvg({
        title,
        yLabel: 'checks',
        categories: subjects,
        series: [
          { name: 'pass', values: subjects.map((s) => count(s, true)) },
          { name: 'fail', values: subjects.map((s) => count(s, false)) },
        ],
      }),
    },
  ];
}

export function chartsFor(results: LabResults): Chart[] {
  return [
    ...(results.stress.length > 0 ? comparisonCharts(results.stress) : []),
    ...timelineCharts(results.stress, 'ramp'),
    ...timelineCharts(results.stress, 'fixed'),
    ...echoCharts(results),
    ...checkCharts(results),
  ];
}
