import { describe, expect, it } from 'vitest'
import type {
  AgencyFigures,
  AnalyticsProgram,
  CoverageFigures,
  OverlapMatrix,
} from '@/api/analytics'
import { chartTexts } from '../modules/analyticsTexts'
import {
  agencyMoneyOption,
  barChartHeight,
  barLayout,
  coverageBarOption,
  coverageBars,
  coverageShare,
  hasMoney,
  heatmapHeight,
  heatmapLayout,
  overlapCellAt,
  overlapHeatmap,
  overlapHeatmapOption,
  type CoverageTexts,
  type HeatmapPoint,
  type OverlapTexts,
} from '../modules/charts'

function program(id: number, code: string, name = `Program ${code}`): AnalyticsProgram {
  return {
    id,
    code,
    name,
    agency_id: 2,
    agency_code: 'DINSOS',
    benefit_type: 'cash',
    target_level: 'household',
    status: 'active',
  }
}

// PKH 513 households, BPNT 1005, PBI 1278: PKH∩BPNT 395, PKH∩PBI 411, BPNT∩PBI 819.
const matrix: OverlapMatrix = {
  programs: [program(1, 'PKH-2026'), program(2, 'BPNT-2026'), program(3, 'PBI-JK-2026')],
  enrolled: [513, 1005, 1278],
  shared: [
    [513, 395, 411],
    [395, 1005, 819],
    [411, 819, 1278],
  ],
  households_in_two_or_more: 900,
}

const texts = chartTexts('id')
const overlapTexts: OverlapTexts = {
  ...texts,
  cell: (cell) => [`${cell.a.name} × ${cell.b.code}`, `${cell.households}`],
}

/** A series of an option, typed loosely: the options are plain objects for ECharts. */
function seriesOf(option: Record<string, unknown>): Array<Record<string, unknown>> {
  return option.series as Array<Record<string, unknown>>
}

describe('the overlap matrix as a heat map', () => {
  it('keeps each programme’s own size off the colour scale of the overlaps', () => {
    const heatmap = overlapHeatmap(matrix)
    expect(heatmap.labels).toEqual(['PKH-2026', 'BPNT-2026', 'PBI-JK-2026'])
    expect(heatmap.own).toEqual([
      [0, 0, 513],
      [1, 1, 1005],
      [2, 2, 1278],
    ])
    // [column, row, households]: row PKH, column BPNT is 395.
    expect(heatmap.shared).toContainEqual([1, 0, 395])
    expect(heatmap.shared).toContainEqual([0, 2, 411])
    expect(heatmap.shared).toHaveLength(6)
    expect(heatmap.largestShared).toBe(819)
  })

  it('still has a scale when no two programmes share a household', () => {
    const apart: OverlapMatrix = {
      programs: [program(1, 'A'), program(2, 'B')],
      enrolled: [3, 4],
      shared: [
        [3, 0],
        [0, 4],
      ],
      households_in_two_or_more: 0,
    }
    expect(overlapHeatmap(apart).largestShared).toBe(1)
  })

  it('maps a clicked cell back to the programme pair: row first, column second', () => {
    expect(overlapCellAt(matrix, 1, 0)).toEqual({
      a: matrix.programs[0],
      b: matrix.programs[1],
      households: 395,
    })
    expect(overlapCellAt(matrix, 2, 2)?.households).toBe(1278)
    expect(overlapCellAt(matrix, 3, 0)).toBeNull()
    expect(overlapCellAt(matrix, 0, -1)).toBeNull()
  })

  it('colours only the overlaps, lists the first programme on top and sizes rows evenly', () => {
    const option = overlapHeatmapOption(matrix, overlapTexts) as Record<string, unknown>
    const visualMap = option.visualMap as Record<string, unknown>
    expect(visualMap.seriesIndex).toBe(0)
    expect(visualMap.max).toBe(819)
    const [shared, own] = seriesOf(option)
    expect(shared?.data).toEqual(overlapHeatmap(matrix).shared)
    expect(own?.data).toEqual(overlapHeatmap(matrix).own)
    expect((option.yAxis as Record<string, unknown>).inverse).toBe(true)
    expect(option.grid).toMatchObject({
      left: heatmapLayout.left,
      right: heatmapLayout.right,
      top: heatmapLayout.top,
      bottom: heatmapLayout.bottom,
      outerBoundsMode: 'none',
    })
    expect(heatmapHeight(3)).toBe(
      heatmapLayout.top + 3 * heatmapLayout.cellHeight + heatmapLayout.bottom,
    )
  })

  it('labels cells with counts as the reader writes them', () => {
    const option = overlapHeatmapOption(matrix, overlapTexts) as Record<string, unknown>
    const label = seriesOf(option)[1]?.label as { formatter: (p: { data: HeatmapPoint }) => string }
    expect(label.formatter({ data: [2, 2, 1278] })).toBe('1.278')
  })

  it('writes a programme’s name into its tooltip as text, never as markup', () => {
    const hostile: OverlapMatrix = {
      ...matrix,
      programs: [program(1, 'X-1', '<img src=x onerror=alert(1)>'), ...matrix.programs.slice(1)],
    }
    const option = overlapHeatmapOption(hostile, overlapTexts) as Record<string, unknown>
    const tooltip = option.tooltip as { formatter: (p: { data: HeatmapPoint }) => HTMLElement }
    const element = tooltip.formatter({ data: [1, 0, 395] })
    expect(element.querySelector('img')).toBeNull()
    expect(element.textContent).toContain('<img src=x onerror=alert(1)> × BPNT-2026')
  })
})

function area(
  code: string,
  name: string,
  desil14: number,
  covered: number,
  households = 10,
): CoverageFigures {
  return {
    region_code: code,
    region_name: name,
    households,
    desil_1: 0,
    desil_1_4: desil14,
    desil_1_4_covered: covered,
    covered,
  }
}

describe('coverage of desil 1–4 as bars', () => {
  const areas = [area('33.02.01', 'Lumbir', 4, 3), area('33.02.02', 'Wangon', 0, 0)]

  it('splits each area’s desil 1–4 households into covered and uncovered', () => {
    expect(coverageBars(areas)).toEqual([
      { code: '33.02.01', name: 'Lumbir', covered: 3, uncovered: 1, share: 0.75 },
      { code: '33.02.02', name: 'Wangon', covered: 0, uncovered: 0, share: null },
    ])
  })

  it('has no share where there are no desil 1–4 households', () => {
    expect(coverageShare(area('x', 'x', 0, 0))).toBeNull()
    expect(coverageShare(area('x', 'x', 8, 2))).toBe(0.25)
  })

  it('stacks the two and writes the share at the end of each bar', () => {
    const coverageTexts: CoverageTexts = {
      ...texts,
      covered: 'Ikut',
      uncovered: 'Belum',
      area: (bar) => [bar.name],
    }
    const option = coverageBarOption(coverageBars(areas), coverageTexts) as Record<string, unknown>
    const [covered, uncovered] = seriesOf(option)
    expect(covered).toMatchObject({ name: 'Ikut', stack: 'desil', data: [3, 0] })
    expect(uncovered).toMatchObject({ name: 'Belum', stack: 'desil', data: [1, 0] })
    const label = uncovered?.label as { formatter: (p: { dataIndex: number }) => string }
    expect(label.formatter({ dataIndex: 0 })).toMatch(/^75\s?%$/)
    expect(label.formatter({ dataIndex: 1 })).toBe('–')
    expect((option.yAxis as Record<string, unknown>).data).toEqual(['Lumbir', 'Wangon'])
    expect(barChartHeight(2)).toBe(barLayout.top + 2 * barLayout.rowHeight + barLayout.bottom)
  })
})

describe('budget and realisation per agency', () => {
  const agencies: AgencyFigures[] = [
    {
      agency_id: 2,
      agency_code: 'DINSOS',
      agency_name: 'Dinas Sosial',
      programs: 3,
      budget: 6_000_000,
      planned_amount: 1_500_000,
      paid_amount: 750_000,
    },
    {
      agency_id: 3,
      agency_code: 'DINKES',
      agency_name: 'Dinas Kesehatan',
      programs: 1,
      budget: 0,
      planned_amount: 0,
      paid_amount: 0,
    },
  ]

  it('is worth drawing only once some agency has a budget or a stage list', () => {
    expect(hasMoney(agencies)).toBe(true)
    expect(hasMoney(agencies.slice(1))).toBe(false)
    expect(hasMoney([])).toBe(false)
  })

  it('puts budget, stage lists and payments side by side per agency', () => {
    const option = agencyMoneyOption(agencies, {
      ...texts,
      budget: 'Pagu',
      planned: 'Daftar tahap',
      paid: 'Realisasi',
    }) as Record<string, unknown>
    expect((option.xAxis as Record<string, unknown>).data).toEqual(['DINSOS', 'DINKES'])
    expect(seriesOf(option).map((series) => [series.name, series.data])).toEqual([
      ['Pagu', [6_000_000, 0]],
      ['Daftar tahap', [1_500_000, 0]],
      ['Realisasi', [750_000, 0]],
    ])
  })
})
