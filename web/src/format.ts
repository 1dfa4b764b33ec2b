import type { Language } from '@/locales'

const localeTags: Record<Language, string> = { id: 'id-ID', en: 'en-GB' }

/** A server time (ISO-8601 UTC) in the reader's time zone and language. */
export function formatDateTime(iso: string | null | undefined, language: Language): string {
  if (!iso) return ''
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return iso
  return new Intl.DateTimeFormat(localeTags[language], {
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(date)
}

/**
 * A calendar date (YYYY-MM-DD, such as a birth date) as the reader writes dates. It names a day,
 * not an instant, so it is shown as is in every time zone.
 */
export function formatDate(isoDate: string | null | undefined, language: Language): string {
  if (!isoDate) return ''
  const date = new Date(`${isoDate.slice(0, 10)}T00:00:00Z`)
  if (Number.isNaN(date.getTime())) return isoDate
  return new Intl.DateTimeFormat(localeTags[language], {
    dateStyle: 'medium',
    timeZone: 'UTC',
  }).format(date)
}

export function formatCount(value: number, language: Language): string {
  return new Intl.NumberFormat(localeTags[language]).format(value)
}

/** A share from 0 to 1 as a whole percentage: 0.456 → "46%" (Indonesian "46%", too). */
export function formatPercent(share: number, language: Language): string {
  return new Intl.NumberFormat(localeTags[language], {
    style: 'percent',
    maximumFractionDigits: 0,
  }).format(share)
}

const byteUnits = ['B', 'KB', 'MB', 'GB'] as const

/** 5242880 → "5 MB": one decimal below ten units, as file managers show sizes. */
export function formatBytes(bytes: number, language: Language): string {
  let value = bytes
  let unit = 0
  while (value >= 1024 && unit < byteUnits.length - 1) {
    value /= 1024
    unit += 1
  }
  const number = new Intl.NumberFormat(localeTags[language], {
    maximumFractionDigits: unit > 0 && value < 10 ? 1 : 0,
  }).format(value)
  return `${number} ${byteUnits[unit]}`
}
