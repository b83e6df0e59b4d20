// Charts with uPlot: a line chart for trends, bars for funnels. Each chart answers its teardown.
// uPlot is loaded on first use: it reads the window (matchMedia) as it loads, which not every environment has.

import type uPlotType from 'uplot';

type UPlot = typeof uPlotType;
let loaded: Promise<UPlot> | null = null;
const load = (): Promise<UPlot> => (loaded ??= import('uplot').then((m) => m.default));

export interface ChartSeries {
  label: string;
  stroke: string;
}

const COLOURS = ['#2563eb', '#dc2626', '#16a34a', '#9333ea', '#ea580c'];

/** Whether this browser can draw on a canvas (not so in some test environments): then only tables show. */
export function canDraw(doc: Document = document): boolean {
  try {
    return !!doc.createElement('canvas').getContext('2d');
  } catch {
    return false;
  }
}

export function series(labels: readonly string[]): ChartSeries[] {
  return labels.map((label, i) => ({ label, stroke: COLOURS[i % COLOURS.length]! }));
}

function width(host: HTMLElement): number {
  return Math.max(320, Math.min(960, host.clientWidth || 720));
}

/** A line per series over time (x in Unix seconds). */
export async function lineChart(host: HTMLElement, title: string, lines: ChartSeries[], data: number[][]): Promise<() => void> {
  const uPlot = await load();
  const plot = new uPlot({
    title,
    width: width(host),
    height: 260,
    series: [{}, ...lines.map((s) => ({ label: s.label, stroke: s.stroke, width: 2 }))],
    axes: [{}, {}],
  }, data as uPlotType.AlignedData, host);
  return () => plot.destroy();
}

/** Bars per category (x = 0..n-1, labelled); later series are drawn narrower, inside the earlier ones (a funnel). */
export async function barChart(host: HTMLElement, title: string, categories: string[], bars: ChartSeries[], values: number[][]): Promise<() => void> {
  const uPlot = await load();
  const plot = new uPlot({
    title,
    width: width(host),
    height: 240,
    scales: { x: { time: false, range: [-0.5, categories.length - 0.5] } },
    series: [{}, ...bars.map((s, i) => ({
      label: s.label,
      stroke: s.stroke,
      fill: `${s.stroke}88`,
      width: 1,
      points: { show: false },
      paths: uPlot.paths.bars!({ size: [0.7 / (i + 1), 80], align: 0 }),
    }))],
    axes: [{ incrs: [1], values: (_u: uPlotType, splits: number[]) => splits.map((v) => categories[v] ?? '') }, {}],
  }, [categories.map((_, i) => i), ...values] as uPlotType.AlignedData, host);
  return () => plot.destroy();
}
