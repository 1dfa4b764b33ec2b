// How programme figures read: rupiah without decimals ("Rp 750.000"), quantities with their unit,
// a period as two dates.
import { formatDate } from '@/format'
import type { Language } from '@/locales'

const localeTags: Record<Language, string> = { id: 'id-ID', en: 'en-GB' }

/** 750000 → "Rp 750.000" (Indonesian) or "IDR 750,000" (English). */
export function formatRupiah(value: number, language: Language): string {
  return new Intl.NumberFormat(localeTags[language], {
    style: 'currency',
    currency: 'IDR',
    maximumFractionDigits: 0,
  }).format(value)
}

/** 2.5 and "kg beras" → "2,5 kg beras". */
export function formatQuantity(value: number, unit: string | null, language: Language): string {
  const number = new Intl.NumberFormat(localeTags[language], { maximumFractionDigits: 3 }).format(
    value,
  )
  return unit ? `${number} ${unit}` : number
}

/** "1 Jan 2026 – 31 Des 2026". */
export function formatPeriod(start: string, end: string, language: Language): string {
  return `${formatDate(start, language)} – ${formatDate(end, language)}`
}

/** Today as YYYY-MM-DD in the reader's time zone (the date a payment was recorded on). */
export function todayIso(now: Date = new Date()): string {
  const month = String(now.getMonth() + 1).padStart(2, '0')
  const day = String(now.getDate()).padStart(2, '0')
  return `${now.getFullYear()}-${month}-${day}`
}
