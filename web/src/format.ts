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
