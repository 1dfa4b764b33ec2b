// The words and number formats the analytics charts and tables use, in the reader's language:
// counts and shares from @/format, rupiah from the programmes' formats, and the tooltip lines of
// an overlap cell or a coverage bar.
import { useI18n } from 'vue-i18n'
import type { AreaLevel, OverlapMatrix } from '@/api/analytics'
import { formatCount, formatPercent } from '@/format'
import { currentLanguage, type Language } from '@/locales'
import { formatRupiah } from '@/views/programs/modules/programFormat'
import type {
  ChartTexts,
  CoverageBar,
  CoverageTexts,
  MoneyTexts,
  OverlapCell,
  OverlapTexts,
} from './charts'

const localeTags: Record<Language, string> = { id: 'id-ID', en: 'en-GB' }

/** Rupiah for a chart axis: 1 250 000 000 → "Rp 1,3 M" (Indonesian), "IDR 1.3B" (English). */
export function formatRupiahShort(value: number, language: Language): string {
  return new Intl.NumberFormat(localeTags[language], {
    style: 'currency',
    currency: 'IDR',
    notation: 'compact',
    maximumFractionDigits: 1,
  }).format(value)
}

export function chartTexts(language: Language): ChartTexts {
  return {
    count: (value) => formatCount(value, language),
    rupiah: (value) => formatRupiah(value, language),
    rupiahShort: (value) => formatRupiahShort(value, language),
    percent: (share) => formatPercent(share, language),
  }
}

/** `part` of `whole` as a share, null when there is no whole to take a share of. */
export function shareOf(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null
}

export function useAnalyticsTexts() {
  const { t, te } = useI18n()

  function numbers(): ChartTexts {
    return chartTexts(currentLanguage())
  }

  /** A benefit type's name; an unknown code (a newer server) as it is. */
  function benefitTypeLabel(type: string): string {
    const key = `programs.benefitTypes.${type}`
    return te(key) ? t(key) : type
  }

  function overlapCellLines(matrix: OverlapMatrix, cell: OverlapCell): string[] {
    const format = numbers()
    if (cell.a.id === cell.b.id) {
      return [
        `${cell.a.code} · ${cell.a.name}`,
        t('analytics.overlap.tooltipOwn', { count: format.count(cell.households) }),
      ]
    }
    const lines = [
      `${cell.a.code} × ${cell.b.code}`,
      t('analytics.overlap.tooltipShared', { count: format.count(cell.households) }),
    ]
    for (const program of [cell.a, cell.b]) {
      const index = matrix.programs.findIndex((candidate) => candidate.id === program.id)
      const share = shareOf(cell.households, matrix.enrolled[index] ?? 0)
      if (share !== null) {
        lines.push(
          t('analytics.overlap.tooltipShareOf', {
            share: format.percent(share),
            program: program.code,
          }),
        )
      }
    }
    return lines
  }

  function overlapTexts(matrix: OverlapMatrix): OverlapTexts {
    return { ...numbers(), cell: (cell) => overlapCellLines(matrix, cell) }
  }

  function coverageTexts(): CoverageTexts {
    const format = numbers()
    const covered = t('analytics.coverage.covered')
    const uncovered = t('analytics.coverage.uncovered')
    return {
      ...format,
      covered,
      uncovered,
      area: (bar: CoverageBar) => [
        bar.name,
        `${covered}: ${format.count(bar.covered)}`,
        `${uncovered}: ${format.count(bar.uncovered)}`,
        bar.share === null
          ? t('analytics.coverage.noPoor')
          : t('analytics.coverage.shareLine', { share: format.percent(bar.share) }),
      ],
    }
  }

  function moneyTexts(): MoneyTexts {
    return {
      ...numbers(),
      budget: t('dashboard.money.budget'),
      planned: t('dashboard.money.planned'),
      paid: t('dashboard.money.paid'),
    }
  }

  /**
   * "Coverage of desil 1–4 per village in Lumbir"; for a single village (nothing below it to break
   * down) "… in Cirahab".
   */
  function coverageTitle(level: AreaLevel, regionName: string | null, isVillage: boolean): string {
    if (!regionName) return t(`dashboard.coverage.title.${level}`)
    if (isVillage) return t('dashboard.coverage.titleOf', { region: regionName })
    return t(`dashboard.coverage.titleIn.${level}`, { region: regionName })
  }

  return { numbers, benefitTypeLabel, overlapTexts, coverageTexts, moneyTexts, coverageTitle }
}
