// How the register's fields and codes read in the user's language: labels for every attribute
// and every code, values formatted as people write them, and the order in which the household
// page and the edit dialogs group the attributes.
import { useI18n } from 'vue-i18n'
import {
  householdFields,
  personFields,
  type FieldSpec,
  type FieldValue,
  type HouseholdField,
  type PersonField,
  type RegisterWarning,
} from '@/api/registry'
import { formatCount, formatDate } from '@/format'
import { currentLanguage, i18n, type Language } from '@/locales'

/** What the vocabulary needs from vue-i18n, so that it can be tested without a component. */
export interface Translator {
  t: (key: string, values?: Record<string, unknown>) => string
  te: (key: string) => boolean
  language: () => Language
}

/** Household attributes by the group they are shown in; the village is changed by a move, not here. */
export const householdGroups = {
  identity: ['kk_number', 'rt', 'rw', 'address'],
  house: [
    'floor_material',
    'wall_material',
    'roof_material',
    'floor_area_m2',
    'house_ownership',
    'land_ownership',
  ],
  utilities: ['water_source', 'toilet', 'lighting', 'electricity_va', 'cooking_fuel'],
  assets: [
    'has_motorcycle',
    'has_car',
    'has_refrigerator',
    'has_air_conditioner',
    'has_computer',
    'has_gold',
    'has_land',
    'cattle_count',
    'goat_count',
    'poultry_count',
  ],
  welfare: ['desil', 'desil_source', 'desil_as_of', 'verified_at'],
} as const satisfies Record<string, readonly HouseholdField[]>

export const personGroups = {
  person: ['nik', 'name', 'sex', 'birth_place', 'birth_date', 'relation', 'marital_status'],
  circumstances: [
    'education_level',
    'schooling',
    'work_status',
    'occupation',
    'disability_type',
    'disability_severity',
    'chronic_illness',
    'pregnant',
  ],
  life: ['life_status', 'life_status_date'],
} as const satisfies Record<string, readonly PersonField[]>

const specsByName: Record<string, FieldSpec> = { ...householdFields, ...personFields }

export function specOf(field: string): FieldSpec | undefined {
  return specsByName[field]
}

/** Shown where a value was never recorded (or was cleared). */
export const noValue = '—'

export function fieldLabel(translator: Translator, field: string): string {
  const key = `registry.fields.${field}`
  return translator.te(key) ? translator.t(key) : field
}

export function codeLabel(translator: Translator, field: string, code: string): string {
  const key = `registry.values.${field}.${code}`
  // A code the server learnt after this UI was built still shows, as the code itself.
  return translator.te(key) ? translator.t(key) : code
}

/** A value of `field` as a person reads it: a code's label, yes/no, a date or a number. */
export function valueLabel(translator: Translator, field: string, value: FieldValue | undefined) {
  if (value === null || value === undefined || value === '') return noValue
  const spec = specOf(field)
  switch (spec?.kind) {
    case 'code':
      return codeLabel(translator, field, String(value))
    case 'yesNo':
      return translator.t(value ? 'common.yes' : 'common.no')
    case 'date':
      return formatDate(String(value), translator.language())
    case 'whole':
    case 'decimal':
      return typeof value === 'number' ? formatCount(value, translator.language()) : String(value)
    default:
      return String(value)
  }
}

export function codeOptions(translator: Translator, field: string) {
  return (specOf(field)?.codes ?? []).map((code) => ({
    value: code,
    label: codeLabel(translator, field, code),
  }))
}

/** A stored warning's text in the reader's language. */
export function warningText(warning: RegisterWarning, language: Language): string {
  return warning.message[language] || warning.message.id || warning.code
}

/** Whole years from `birthDate` (YYYY-MM-DD) to `on`; null when unknown or in the future. */
export function ageInYears(birthDate: string | null, on: Date): number | null {
  if (!birthDate) return null
  const [year, month, day] = birthDate.split('-').map(Number)
  if (!year || !month || !day) return null
  let age = on.getFullYear() - year
  const birthdayPassed =
    on.getMonth() + 1 > month || (on.getMonth() + 1 === month && on.getDate() >= day)
  if (!birthdayPassed) age -= 1
  return age >= 0 ? age : null
}

/** The app's messages in `language`, outside any component (and in tests). */
export function translatorIn(language: Language): Translator {
  return {
    t: (key, values) => i18n.global.t(key, values ?? {}, { locale: language }),
    te: (key) => i18n.global.te(key, language),
    language: () => language,
  }
}

/** The vocabulary bound to the app's i18n, for components. */
export function useRegisterVocabulary() {
  const { t, te } = useI18n()
  const translator: Translator = {
    t: (key, values) => (values ? t(key, values) : t(key)),
    te: (key) => te(key),
    language: currentLanguage,
  }
  return {
    translator,
    fieldLabel: (field: string) => fieldLabel(translator, field),
    valueLabel: (field: string, value: FieldValue | undefined) =>
      valueLabel(translator, field, value),
    codeOptions: (field: string) => codeOptions(translator, field),
    warningText: (warning: RegisterWarning) => warningText(warning, currentLanguage()),
  }
}
