// The register (Data Terpadu): households and their members, their history, and changes with a
// reason. Shapes come from the generated contract (schema.d.ts, from ../api/openapi.yaml); the
// field catalogue below mirrors the server's (src/registry/fields.cpp) for the forms.
import { ApiError, http } from './http'
import type { components, paths } from './schema'
import type { Page, PageRequest, RequestBody, ResponseBody } from './types'

type Schemas = components['schemas']

export type HouseholdAttributes = Schemas['HouseholdAttributes']
export type PersonAttributes = Schemas['PersonAttributes']
export type HouseholdField = keyof HouseholdAttributes
export type PersonField = keyof PersonAttributes
export type HouseholdCode<Field extends HouseholdField> = NonNullable<HouseholdAttributes[Field]>
export type PersonCode<Field extends PersonField> = NonNullable<PersonAttributes[Field]>

// ---- The attribute catalogue: every field, its kind and its allowed codes ---------------------

/** The codes of one list, written as a record so that the compiler notices a code the contract adds or drops. */
function codes<Code extends string>(set: Record<Code, true>): readonly Code[] {
  return Object.keys(set) as Code[]
}

/** Codes follow the DTSEN/Susenas questionnaire wording, in Indonesian, as the server stores them. */
export const householdCodes = {
  floor_material: codes<HouseholdCode<'floor_material'>>({
    marmer_granit: true,
    keramik: true,
    parket_vinil: true,
    ubin_tegel: true,
    kayu_papan: true,
    semen_bata: true,
    bambu: true,
    tanah: true,
    lainnya: true,
  }),
  wall_material: codes<HouseholdCode<'wall_material'>>({
    tembok: true,
    plesteran_anyaman_bambu: true,
    kayu_papan: true,
    anyaman_bambu: true,
    lainnya: true,
  }),
  roof_material: codes<HouseholdCode<'roof_material'>>({
    beton: true,
    genteng: true,
    seng: true,
    asbes: true,
    kayu_sirap: true,
    bambu: true,
    jerami_ijuk_rumbia: true,
    lainnya: true,
  }),
  water_source: codes<HouseholdCode<'water_source'>>({
    air_kemasan: true,
    ledeng: true,
    sumur_bor: true,
    sumur_terlindung: true,
    sumur_tak_terlindung: true,
    mata_air: true,
    air_hujan: true,
    sungai_danau: true,
    lainnya: true,
  }),
  lighting: codes<HouseholdCode<'lighting'>>({
    pln_meteran: true,
    pln_tanpa_meteran: true,
    listrik_non_pln: true,
    bukan_listrik: true,
  }),
  cooking_fuel: codes<HouseholdCode<'cooking_fuel'>>({
    listrik: true,
    gas_elpiji_besar: true,
    gas_elpiji_3kg: true,
    biogas: true,
    minyak_tanah: true,
    arang: true,
    kayu_bakar: true,
    tidak_memasak: true,
    lainnya: true,
  }),
  toilet: codes<HouseholdCode<'toilet'>>({
    sendiri: true,
    bersama: true,
    umum: true,
    tidak_ada: true,
  }),
  house_ownership: codes<HouseholdCode<'house_ownership'>>({
    milik_sendiri: true,
    kontrak_sewa: true,
    bebas_sewa: true,
    dinas: true,
    lainnya: true,
  }),
  land_ownership: codes<HouseholdCode<'land_ownership'>>({
    milik_sendiri: true,
    milik_orang_lain: true,
    tanah_negara: true,
    lainnya: true,
  }),
  desil_source: codes<HouseholdCode<'desil_source'>>({
    dtsen: true,
    pmt_sinergi: true,
    lainnya: true,
  }),
}

export const personCodes = {
  sex: codes<PersonCode<'sex'>>({ L: true, P: true }),
  relation: codes<PersonCode<'relation'>>({
    kepala_keluarga: true,
    istri_suami: true,
    anak: true,
    menantu: true,
    cucu: true,
    orang_tua: true,
    mertua: true,
    famili_lain: true,
    lainnya: true,
  }),
  marital_status: codes<PersonCode<'marital_status'>>({
    belum_kawin: true,
    kawin: true,
    cerai_hidup: true,
    cerai_mati: true,
  }),
  education_level: codes<PersonCode<'education_level'>>({
    tidak_sekolah: true,
    sd: true,
    smp: true,
    sma: true,
    d1_d3: true,
    d4_s1: true,
    s2_s3: true,
  }),
  schooling: codes<PersonCode<'schooling'>>({
    tidak_bersekolah: true,
    paud: true,
    sd: true,
    smp: true,
    sma: true,
    perguruan_tinggi: true,
  }),
  work_status: codes<PersonCode<'work_status'>>({
    bekerja: true,
    tidak_bekerja: true,
    sekolah: true,
    mengurus_rumah_tangga: true,
    lainnya: true,
  }),
  disability_type: codes<PersonCode<'disability_type'>>({
    tidak_ada: true,
    fisik: true,
    intelektual: true,
    mental: true,
    sensorik: true,
    ganda: true,
  }),
  disability_severity: codes<PersonCode<'disability_severity'>>({
    ringan: true,
    sedang: true,
    berat: true,
  }),
  chronic_illness: codes<PersonCode<'chronic_illness'>>({
    tidak_ada: true,
    hipertensi: true,
    diabetes: true,
    tbc: true,
    jantung: true,
    kanker: true,
    stroke: true,
    gagal_ginjal: true,
    lainnya: true,
  }),
  life_status: codes<PersonCode<'life_status'>>({ alive: true, deceased: true, moved_out: true }),
}

export type FieldKind = 'text' | 'code' | 'whole' | 'decimal' | 'yesNo' | 'date'

/** One attribute as the server's catalogue declares it; `min`/`max` bound numbers, `maxLength` text. */
export interface FieldSpec<Name extends string = string> {
  name: Name
  kind: FieldKind
  codes?: readonly string[]
  min?: number
  max?: number
  maxLength?: number
  required?: boolean
}

/** A value as it travels in JSON: codes, text and dates are strings; yes/no is a boolean. */
export type FieldValue = string | number | boolean | null

type FieldShape = Omit<FieldSpec, 'name'>

const code = (codes: readonly string[], required = false): FieldShape => ({
  kind: 'code',
  codes,
  required,
})
const text = (maxLength: number, required = false): FieldShape => ({
  kind: 'text',
  maxLength,
  required,
})
const whole = (min: number, max: number): FieldShape => ({ kind: 'whole', min, max })
const decimal = (min: number, max: number): FieldShape => ({ kind: 'decimal', min, max })
const yesNo: FieldShape = { kind: 'yesNo' }
const date: FieldShape = { kind: 'date' }

// Records keyed by field, so that the compiler notices a field the catalogue forgot.
const householdShapes: Record<HouseholdField, FieldShape> = {
  kk_number: text(16),
  village_code: text(13, true),
  rt: text(3),
  rw: text(3),
  address: text(200),
  floor_material: code(householdCodes.floor_material),
  wall_material: code(householdCodes.wall_material),
  roof_material: code(householdCodes.roof_material),
  water_source: code(householdCodes.water_source),
  lighting: code(householdCodes.lighting),
  electricity_va: whole(0, 100000),
  cooking_fuel: code(householdCodes.cooking_fuel),
  toilet: code(householdCodes.toilet),
  house_ownership: code(householdCodes.house_ownership),
  land_ownership: code(householdCodes.land_ownership),
  floor_area_m2: decimal(1, 10000),
  has_motorcycle: yesNo,
  has_car: yesNo,
  has_refrigerator: yesNo,
  has_air_conditioner: yesNo,
  has_gold: yesNo,
  has_land: yesNo,
  has_computer: yesNo,
  cattle_count: whole(0, 10000),
  goat_count: whole(0, 10000),
  poultry_count: whole(0, 100000),
  desil: whole(1, 10),
  desil_source: code(householdCodes.desil_source),
  desil_as_of: date,
  verified_at: date,
}

const personShapes: Record<PersonField, FieldShape> = {
  nik: text(16),
  name: text(120, true),
  sex: code(personCodes.sex, true),
  birth_place: text(80),
  birth_date: date,
  relation: code(personCodes.relation, true),
  marital_status: code(personCodes.marital_status),
  education_level: code(personCodes.education_level),
  schooling: code(personCodes.schooling),
  work_status: code(personCodes.work_status),
  occupation: text(100),
  disability_type: code(personCodes.disability_type),
  disability_severity: code(personCodes.disability_severity),
  chronic_illness: code(personCodes.chronic_illness),
  pregnant: yesNo,
  life_status: code(personCodes.life_status, true),
  life_status_date: date,
}

function catalogue<Name extends string>(
  shapes: Record<Name, FieldShape>,
): Record<Name, FieldSpec<Name>> {
  const specs = {} as Record<Name, FieldSpec<Name>>
  for (const name of Object.keys(shapes) as Name[]) specs[name] = { name, ...shapes[name] }
  return specs
}

/** Every household attribute a person may set, by name. */
export const householdFields = catalogue(householdShapes)
/** Every person attribute a person may set, by name. */
export const personFields = catalogue(personShapes)

// ---- Records as the API returns them ------------------------------------------------------------

/** A household with all its members (also those deceased or moved out) and their warnings. */
export type Household = ResponseBody<'/api/v1/households/{id}', 'get', 200>
/** A household as search lists it: without its members. */
export type HouseholdSummary = ResponseBody<'/api/v1/households', 'get', 200>['items'][number]
export type Person = Household['members'][number]
/** A stored flag on a record (e.g. a NIK that disagrees with the birth date), with its text. */
export type RegisterWarning = Person['warnings'][number]
export type HouseholdStatus = Household['status']
export type ClosedReason = NonNullable<Household['closed_reason']>
/** One create, change or closing of the household or one of its members. */
export type HistoryEvent = ResponseBody<
  '/api/v1/households/{id}/history',
  'get',
  200
>['items'][number]
export type HistoryKind = HistoryEvent['kind']
export type HistorySource = HistoryEvent['source']
export type FieldChange = HistoryEvent['changes'][number]

// ---- Requests -----------------------------------------------------------------------------------

/** `active` unless asked otherwise; `all` includes closed households. */
export type HouseholdStatusFilter = NonNullable<
  NonNullable<paths['/api/v1/households']['get']['parameters']['query']>['status']
>

export interface HouseholdFilter {
  /** A NIK, a KK number or a name; names match spelling variants ("Yusuf" finds "Joesoef"). */
  q?: string
  /** A region code at any level: province, regency, district or village. */
  region?: string | null
  desil_min?: number | null
  desil_max?: number | null
  status?: HouseholdStatusFilter
}

export type HouseholdChanges = Omit<RequestBody<'/api/v1/households/{id}', 'patch'>, 'reason'>
export type PersonChanges = Omit<RequestBody<'/api/v1/persons/{id}', 'patch'>, 'reason'>

/** The server asks every change, proposal and rejection for a reason of at least this many characters. */
export const shortestReason = 3

export function reasonIsEnough(reason: string): boolean {
  return reason.trim().length >= shortestReason
}

export const registryProblemTypes = {
  /** Someone changed the record after it was loaded: reload, check, change again. */
  versionMismatch: 'urn:sinergi:problem:version-mismatch',
} as const satisfies Record<string, components['schemas']['ProblemType']>

/** True when a change was refused because the record moved on since it was loaded. */
export function isChangedMeanwhile(error: unknown): boolean {
  return error instanceof ApiError && error.type === registryProblemTypes.versionMismatch
}

// The server's ETag for a record is its version in quotes; a change names the one it was based on.
function basedOn(version: number): Record<string, string> {
  return { 'If-Match': `"${version}"` }
}

export function searchHouseholds(
  filter: HouseholdFilter & PageRequest = {},
): Promise<Page<HouseholdSummary>> {
  return http.get<Page<HouseholdSummary>>('/api/v1/households', { ...filter })
}

/** The household with all its members (also those deceased or moved out) and their warnings. */
export function getHousehold(id: number): Promise<Household> {
  return http.get<Household>(`/api/v1/households/${id}`)
}

/** Changes the given fields if the household is still at `version`; fails as changed meanwhile otherwise. */
export function updateHousehold(
  id: number,
  version: number,
  reason: string,
  changes: HouseholdChanges,
): Promise<Household> {
  return http.patch<Household>(`/api/v1/households/${id}`, { ...changes, reason }, basedOn(version))
}

/** Changes the given fields if the person is still at `version`; fails as changed meanwhile otherwise. */
export function updatePerson(
  id: number,
  version: number,
  reason: string,
  changes: PersonChanges,
): Promise<Person> {
  return http.patch<Person>(`/api/v1/persons/${id}`, { ...changes, reason }, basedOn(version))
}

export function listHouseholdHistory(
  id: number,
  paging: PageRequest = {},
): Promise<Page<HistoryEvent>> {
  return http.get<Page<HistoryEvent>>(`/api/v1/households/${id}/history`, { ...paging })
}

const largestPage = 500

/**
 * Every event of the household, newest first. The server pages oldest first, so the whole
 * trail is read before it is turned around; a household's trail is short (tens of events).
 */
export async function listWholeHouseholdHistory(id: number): Promise<HistoryEvent[]> {
  const all: HistoryEvent[] = []
  let cursor: string | null = null
  do {
    const page: Page<HistoryEvent> = await listHouseholdHistory(id, { limit: largestPage, cursor })
    all.push(...page.items)
    cursor = page.next
  } while (cursor)
  return all.sort((a, b) => b.id - a.id)
}
