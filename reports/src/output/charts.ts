/** Which charts a lab run gets, as SVG documents built from the results. */
import { barChartSvg, type LineSeries, lineChartSvg } from '@netlab/charts';
import type { LoadResult, TimelinePoint } from '@netlab/loadtest';
import { fmtInt, fmtMs } from '../format.js';
import { comparable, findRun, metric, metricValue, subjectsOf, successes } from '../metrics.js';
import { type LabResults, ScenarioName, type StressRun } from '../results.js';

const SCENARIOS = ScenarioName.options;

export interface Chart {
  /** File stem: `<name>.svg`, `<name>.png`. */
  name: string;
  title: string;
  svg: string;
  /** The same chart rasterised (2×), once: written beside the SVG and embedded in the PDF. */
  png?: Buffer;
}

const SCENARIO_TITLE: Record<ScenarioName, string> = {
  ramp: '램프(ramp): 첫 실패까지',
  fixed: '고정 부하(fixed)',
  open: '고정 도착률(open)',
};

type Run = StressRun & { result: LoadResult };

/** A subject's first failure, at the moment its failing request was sent, in the subject's colour. */
const failureMarkers = (runs: Run[]) =>
  runs.flatMap((r, i) =>
    r.result.firstFailure
      ? [{ x: r.result.firstFailure.sentSecond, label: `${r.subject.name} 첫 실패`, colour: i }]
      : [],
  );

function timelineCharts(runs: StressRun[], scenario: ScenarioName): Chart[] {
  const measured = runs.filter(
    (r): r is Run => r.scenario === scenario && r.result !== null && r.result.timeline.length > 0,
  );
  if (measured.length === 0) return [];
  const chart = (
    stem: string,
    title: string,
    yLabel: string,
    series: LineSeries[],
    markers = failureMarkers(measured),
  ) => {
    const full = `${title} — ${SCENARIO_TITLE[scenario]}`;
    return {
      name: `${scenario}-${stem}`,
      title: full,
      svg: lineChartSvg({ title: full, xLabel: '시간 (s)', yLabel, series, markers, xWhole: true }),
    };
  };
  const line = (
    r: Run,
    i: number,
    name: string,
    pick: (t: TimelinePoint) => number | null,
    dashed = false,
  ) => ({
    name,
    colour: i,
    dashed,
    points: r.result.timeline.map((t) => [t.second, pick(t)] as [number, number | null]),
  });
  // Failures/s only for subjects that had failures: six flat zero lines would hide the ones that matter.
  const failing = (r: Run) => r.result.timeline.some((t) => t.failures > 0);
  return [
    chart('rps', '초당 성공 응답과 실패', '건/s', [
      ...measured.map((r, i) => line(r, i, r.subject.name, (t) => t.rps)),
      ...measured.flatMap((r, i) =>
        failing(r) ? [line(r, i, `${r.subject.name} 실패/s`, (t) => t.failures, true)] : [],
      ),
    ]),
    chart(
      'response-time',
      '성공 응답의 95 백분위 응답 시간',
      'ms',
      measured.map((r, i) => line(r, i, r.subject.name, (t) => t.p95)),
    ),
    chart(
      'users',
      '사용자 수',
      '명',
      measured.map((r, i) => line(r, i, r.subject.name, (t) => t.users)),
    ),
  ];
}

/**
 * The note a bar carries when its run had too few successes to stand beside the others (the rule that keeps it
 * out of the rankings): "n = successes/requests".
 */
function weakNote(run: StressRun | undefined): string | null {
  if (!run?.result || comparable(run)) return null;
  return `n = ${fmtInt(successes(run.result))}/${fmtInt(run.result.requests)}`;
}

/** Bar labels rounded as the table rounds them, so a chart never shows 19.3 beside the table's 19. */
const formatFor = (key: string) => (metric(key).unit === 'ms' ? fmtMs : fmtInt);

function comparisonCharts(runs: StressRun[]): Chart[] {
  const subjects = subjectsOf(runs);
  const scenarios = SCENARIOS.filter((s) => runs.some((r) => r.scenario === s));
  const bar = (
    name: string,
    title: string,
    yLabel: string,
    key: string,
    series: { name: string; scenario: ScenarioName; key: string }[],
  ) => ({
    name,
    title,
    svg: barChartSvg({
      title,
      yLabel,
      categories: subjects,
      format: formatFor(key),
      weakLabel: '성공 응답이 적음 (n = 성공/요청)',
      series: series.map((s) => ({
        name: s.name,
        values: subjects.map((subject) => metricValue(findRun(runs, subject, s.scenario), s.key)),
        weak: subjects.map((subject) => weakNote(findRun(runs, subject, s.scenario))),
      })),
    }),
  });
  const rpsSeries: Record<ScenarioName, { name: string; scenario: ScenarioName; key: string }> = {
    ramp: { name: '램프: 최대 req/s', scenario: 'ramp', key: 'max_rps' },
    fixed: { name: '고정 부하: req/s', scenario: 'fixed', key: 'rps' },
    open: { name: '고정 도착률: req/s', scenario: 'open', key: 'rps' },
  };
  const charts = [
    bar(
      'comparison-rps',
      '모델별 처리량 (성공 응답/s)',
      'req/s',
      'rps',
      scenarios.map((s) => rpsSeries[s]),
    ),
    bar(
      'comparison-response-time',
      '모델별 평균 응답 시간 (성공 응답)',
      'ms',
      'mean_response_ms',
      scenarios.map((s) => ({ name: SCENARIO_TITLE[s], scenario: s, key: 'mean_response_ms' })),
    ),
  ];
  const ramps = runs.filter((r) => r.scenario === 'ramp' && r.result);
  if (ramps.some((r) => r.result!.firstFailure)) {
    // A model that never failed is drawn at the cap in its own colour, so "no failure" never reads as zero.
    const cap = (subject: string) => {
      const run = findRun(runs, subject, 'ramp');
      return run?.result && !run.result.firstFailure ? run.result.users : null;
    };
    const title = '첫 실패 때의 사용자 수 (램프, 실패한 요청을 보낸 때)';
    charts.push({
      name: 'comparison-users-at-failure',
      title,
      svg: barChartSvg({
        title,
        yLabel: '명',
        categories: subjects,
        format: fmtInt,
        series: [
          {
            name: '첫 실패',
            values: subjects.map((s) => metricValue(findRun(runs, s, 'ramp'), 'users_at_first_failure')),
          },
          { name: '상한까지 실패 없음', values: subjects.map(cap) },
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
    ...SCENARIOS.flatMap((s) => timelineCharts(results.stress, s)),
    ...echoCharts(results),
    ...checkCharts(results),
  ];
}
