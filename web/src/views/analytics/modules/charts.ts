// The analytics figures as ECharts options: the overlap matrix as a heat map, coverage of desil 1–4
// per area as stacked bars, budget and realisation per agency as grouped bars. The functions are
// pure (texts and number formats come in as `ChartTexts`), so what a chart shows is unit-tested
// without a browser; EChart.vue draws them.
//
// Layouts are fixed in pixels (grid margins, row and cell sizes) rather than left to ECharts, so
// that a click can be mapped back to the programme pair or area under it, and the charts keep
// their proportions from one region to the next.
import type { EChartsCoreOption } from 'echarts/core'
import type {
  AgencyFigures,
  AnalyticsProgram,
  CoverageFigures,
  OverlapMatrix,
} from '@/api/analytics'

/** Colours from the UI's palette (PrimeVue Aura), as ECharts needs concrete values. */
export const chartColors = {
  covered: '#16a34a',
  uncovered: '#ef4444',
  budget: '#94a3b8',
  planned: '#3b82f6',
  paid: '#16a34a',
  heatLow: '#eff6ff',
  heatHigh: '#1e40af',
  ownCell: '#e2e8f0',
  text: '#334155',
} as const

// ---- Overlap heat map --------------------------------------------------------------------------

/** One cell: [column, row, households], the form ECharts' heat map takes. */
export type HeatmapPoint = [number, number, number]

export interface OverlapHeatmap {
  /** Programme codes, the same order on both axes (the matrix's order). */
  labels: string[]
  /** Households in two different programmes; coloured on one scale. */
  shared: HeatmapPoint[]
  /** The diagonal (a programme's own enrolled households), kept off that scale: it would dwarf every overlap. */
  own: HeatmapPoint[]
  /** The largest overlap between two different programmes (at least 1, so the scale has a range). */
  largestShared: number
}

export function overlapHeatmap(matrix: OverlapMatrix): OverlapHeatmap {
  const shared: HeatmapPoint[] = []
  const own: HeatmapPoint[] = []
  let largestShared = 1
  matrix.programs.forEach((_, row) => {
    matrix.programs.forEach((__, column) => {
      const households = matrix.shared[row]?.[column] ?? 0
      if (row === column) {
        own.push([column, row, households])
      } else {
        shared.push([column, row, households])
        largestShared = Math.max(largestShared, households)
      }
    })
  })
  return { labels: matrix.programs.map((program) => program.code), shared, own, largestShared }
}

export interface OverlapCell {
  a: AnalyticsProgram
  b: AnalyticsProgram
  households: number
}

/** The programme pair at (column, row) of the matrix, or null outside it. */
export function overlapCellAt(
  matrix: OverlapMatrix,
  column: number,
  row: number,
): OverlapCell | null {
  const a = matrix.programs[row]
  const b = matrix.programs[column]
  if (!a || !b) return null
  return { a, b, households: matrix.shared[row]?.[column] ?? 0 }
}

/** The heat map's margins and cell height, in pixels. */
export const heatmapLayout = { left: 170, right: 96, top: 12, bottom: 130, cellHeight: 42 }

export function heatmapHeight(programs: number): number {
  return heatmapLayout.top + Math.max(programs, 1) * heatmapLayout.cellHeight + heatmapLayout.bottom
}

export interface ChartTexts {
  /** A count as the reader writes numbers. */
  count: (value: number) => string
  /** Rupiah in full ("Rp 750.000"). */
  rupiah: (value: number) => string
  /** Rupiah for an axis ("Rp 1,2 M"). */
  rupiahShort: (value: number) => string
  /** A share from 0 to 1 as a percentage. */
  percent: (share: number) => string
}

export interface OverlapTexts extends ChartTexts {
  /** Tooltip lines of a cell. */
  cell: (cell: OverlapCell) => string[]
}

// ECharts inserts a tooltip formatter's string as HTML; programme names are data, so tooltips are
// built as elements with text content instead.
function tooltipElement(lines: readonly string[]): HTMLElement {
  const box = document.createElement('div')
  lines.forEach((line, index) => {
    const row = document.createElement('div')
    row.textContent = line
    if (index === 0) row.style.fontWeight = '600'
    box.appendChild(row)
  })
  return box
}

interface TooltipParams {
  data?: unknown
  dataIndex?: number
  seriesIndex?: number
}

const tooltipBase = {
  className: 'chart-tooltip',
  confine: true,
  textStyle: { color: chartColors.text, fontSize: 13 },
}

function categoryAxisLabel(width: number) {
  return { width, overflow: 'truncate', color: chartColors.text, fontSize: 12 }
}

export function overlapHeatmapOption(
  matrix: OverlapMatrix,
  texts: OverlapTexts,
): EChartsCoreOption {
  const heatmap = overlapHeatmap(matrix)
  const tooltipFor = (params: TooltipParams) => {
    const point = params.data as HeatmapPoint | undefined
    const cell = point ? overlapCellAt(matrix, point[0], point[1]) : null
    return tooltipElement(cell ? texts.cell(cell) : [])
  }
  const cellLabel = {
    show: true,
    fontSize: 12,
    formatter: (params: TooltipParams) => texts.count((params.data as HeatmapPoint)[2]),
  }
  return {
    animationDuration: 300,
    tooltip: { ...tooltipBase, trigger: 'item', formatter: tooltipFor },
    grid: {
      left: heatmapLayout.left,
      right: heatmapLayout.right,
      top: heatmapLayout.top,
      bottom: heatmapLayout.bottom,
      outerBoundsMode: 'none',
    },
    xAxis: {
      type: 'category',
      data: heatmap.labels,
      splitArea: { show: true },
      axisLabel: { ...categoryAxisLabel(heatmapLayout.bottom - 16), rotate: 40, interval: 0 },
    },
    yAxis: {
      type: 'category',
      data: heatmap.labels,
      // The first programme on top, as in the table.
      inverse: true,
      splitArea: { show: true },
      axisLabel: { ...categoryAxisLabel(heatmapLayout.left - 16), interval: 0 },
    },
    visualMap: {
      type: 'continuous',
      seriesIndex: 0,
      min: 0,
      max: heatmap.largestShared,
      orient: 'vertical',
      right: 8,
      top: 'middle',
      itemHeight: 140,
      calculable: false,
      text: [texts.count(heatmap.largestShared), texts.count(0)],
      inRange: { color: [chartColors.heatLow, chartColors.heatHigh] },
      textStyle: { color: chartColors.text },
    },
    series: [
      {
        name: 'shared',
        type: 'heatmap',
        data: heatmap.shared,
        label: cellLabel,
        emphasis: { itemStyle: { borderColor: chartColors.text, borderWidth: 1 } },
      },
      {
        name: 'own',
        type: 'heatmap',
        data: heatmap.own,
        itemStyle: { color: chartColors.ownCell },
        label: { ...cellLabel, color: chartColors.text, fontWeight: 'bold' },
        emphasis: { itemStyle: { borderColor: chartColors.text, borderWidth: 1 } },
      },
    ],
  }
}

// ---- Coverage of desil 1–4 per area ------------------------------------------------------------

export interface CoverageBar {
  code: string
  name: string
  /** Desil 1–4 households in at least one programme. */
  covered: number
  /** Desil 1–4 households in none. */
  uncovered: number
  /** covered / (covered + uncovered); null for an area without desil 1–4 households. */
  share: number | null
}

/** The share of desil 1–4 households in at least one programme; null when there are none. */
export function coverageShare(figures: CoverageFigures): number | null {
  return figures.desil_1_4 > 0 ? figures.desil_1_4_covered / figures.desil_1_4 : null
}

export function coverageBars(areas: readonly CoverageFigures[]): CoverageBar[] {
  return areas.map((area) => ({
    code: area.region_code ?? '',
    name: area.region_name ?? area.region_code ?? '',
    covered: area.desil_1_4_covered,
    uncovered: Math.max(area.desil_1_4 - area.desil_1_4_covered, 0),
    share: coverageShare(area),
  }))
}

/** Horizontal bars, one row per area: margins and row height in pixels. */
export const barLayout = { left: 170, right: 72, top: 36, bottom: 28, rowHeight: 30 }

export function barChartHeight(rows: number): number {
  return barLayout.top + Math.max(rows, 1) * barLayout.rowHeight + barLayout.bottom
}

export interface CoverageTexts extends ChartTexts {
  covered: string
  uncovered: string
  /** Tooltip lines of an area. */
  area: (bar: CoverageBar) => string[]
}

export function coverageBarOption(
  bars: readonly CoverageBar[],
  texts: CoverageTexts,
): EChartsCoreOption {
  const tooltipFor = (params: TooltipParams | TooltipParams[]) => {
    const first = Array.isArray(params) ? params[0] : params
    const bar = first?.dataIndex === undefined ? undefined : bars[first.dataIndex]
    return tooltipElement(bar ? texts.area(bar) : [])
  }
  return {
    animationDuration: 300,
    color: [chartColors.covered, chartColors.uncovered],
    legend: { top: 4, left: barLayout.left, textStyle: { color: chartColors.text } },
    tooltip: {
      ...tooltipBase,
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: tooltipFor,
    },
    grid: {
      left: barLayout.left,
      right: barLayout.right,
      top: barLayout.top,
      bottom: barLayout.bottom,
      outerBoundsMode: 'none',
    },
    xAxis: {
      type: 'value',
      minInterval: 1,
      axisLabel: { formatter: (value: number) => texts.count(value), color: chartColors.text },
    },
    yAxis: {
      type: 'category',
      data: bars.map((bar) => bar.name),
      inverse: true,
      axisLabel: { ...categoryAxisLabel(barLayout.left - 16), interval: 0 },
    },
    series: [
      {
        name: texts.covered,
        type: 'bar',
        stack: 'desil',
        barMaxWidth: 20,
        data: bars.map((bar) => bar.covered),
      },
      {
        name: texts.uncovered,
        type: 'bar',
        stack: 'desil',
        barMaxWidth: 20,
        data: bars.map((bar) => bar.uncovered),
        label: {
          show: true,
          position: 'right',
          color: chartColors.text,
          formatter: (params: TooltipParams) => {
            const share = params.dataIndex === undefined ? null : bars[params.dataIndex]?.share
            return share === null || share === undefined ? '–' : texts.percent(share)
          },
        },
      },
    ],
  }
}

// ---- Budget and realisation per agency ---------------------------------------------------------

export interface MoneyTexts extends ChartTexts {
  budget: string
  planned: string
  paid: string
}

export const moneyLayout = { left: 96, right: 24, top: 40, bottom: 40, height: 320 }

/** Whether any agency has a budget or an amount on a stage list: without one the chart says nothing. */
export function hasMoney(agencies: readonly AgencyFigures[]): boolean {
  return agencies.some((a) => a.budget > 0 || a.planned_amount > 0 || a.paid_amount > 0)
}

export function agencyMoneyOption(
  agencies: readonly AgencyFigures[],
  texts: MoneyTexts,
): EChartsCoreOption {
  const tooltipFor = (params: TooltipParams | TooltipParams[]) => {
    const first = Array.isArray(params) ? params[0] : params
    const agency = first?.dataIndex === undefined ? undefined : agencies[first.dataIndex]
    if (!agency) return tooltipElement([])
    return tooltipElement([
      agency.agency_name,
      `${texts.budget}: ${texts.rupiah(agency.budget)}`,
      `${texts.planned}: ${texts.rupiah(agency.planned_amount)}`,
      `${texts.paid}: ${texts.rupiah(agency.paid_amount)}`,
    ])
  }
  return {
    animationDuration: 300,
    color: [chartColors.budget, chartColors.planned, chartColors.paid],
    legend: { top: 4, textStyle: { color: chartColors.text } },
    tooltip: {
      ...tooltipBase,
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: tooltipFor,
    },
    grid: {
      left: moneyLayout.left,
      right: moneyLayout.right,
      top: moneyLayout.top,
      bottom: moneyLayout.bottom,
      outerBoundsMode: 'none',
    },
    xAxis: {
      type: 'category',
      data: agencies.map((agency) => agency.agency_code),
      axisLabel: { interval: 0, color: chartColors.text },
    },
    yAxis: {
      type: 'value',
      axisLabel: {
        formatter: (value: number) => texts.rupiahShort(value),
        color: chartColors.text,
      },
    },
    series: [
      {
        name: texts.budget,
        type: 'bar',
        barMaxWidth: 24,
        data: agencies.map((a) => a.budget),
      },
      {
        name: texts.planned,
        type: 'bar',
        barMaxWidth: 24,
        data: agencies.map((a) => a.planned_amount),
      },
      { name: texts.paid, type: 'bar', barMaxWidth: 24, data: agencies.map((a) => a.paid_amount) },
    ],
  }
}
