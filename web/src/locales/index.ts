import { createI18n } from 'vue-i18n'
import en from './en'
import id from './id'
import type { MessageSchema } from './schema'

export type Language = 'id' | 'en'

export const languages: readonly Language[] = ['id', 'en']
export const defaultLanguage: Language = 'id'
export const messages: Record<Language, MessageSchema> = { id, en }

const storageKey = 'sinergi.language'

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (languages as readonly string[]).includes(value)
}

/** The language the user chose last time on this browser, else Indonesian. */
export function storedLanguage(): Language {
  try {
    const value = window.localStorage.getItem(storageKey)
    return isLanguage(value) ? value : defaultLanguage
  } catch {
    // Storage can be blocked by the browser's privacy settings; the default still works.
    return defaultLanguage
  }
}

export const i18n = createI18n<[MessageSchema], Language, false>({
  legacy: false,
  locale: storedLanguage(),
  fallbackLocale: defaultLanguage,
  messages,
})

export function currentLanguage(): Language {
  return i18n.global.locale.value
}

/** Switches the UI language, remembers it for the next visit and tells assistive tech. */
export function setLanguage(language: Language): void {
  i18n.global.locale.value = language
  document.documentElement.lang = language
  try {
    window.localStorage.setItem(storageKey, language)
  } catch {
    // Not remembered across visits when storage is blocked; the switch itself still applies.
  }
}
