// Files in and out of the register: imports of CSV/XLSX files that run as background jobs with
// progress and a report, and exports of a search with a stated purpose that the audit log keeps.
import { download, http, upload, type DownloadedFile, type UploadProgress } from './http'
import type { components } from './schema'
import type { Page, PageRequest, RequestBody } from './types'

export type ImportJob = components['schemas']['ImportJob']
export type ImportJobStatus = ImportJob['status']
export type ImportIssue = ImportJob['issues'][number]

export type ExportFormat = RequestBody<'/api/v1/registry/exports', 'post'>['format']
export type ExportFilters = NonNullable<RequestBody<'/api/v1/registry/exports', 'post'>['filters']>

const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/** The file kinds the import reads; the server tells them apart by content. */
export const importAccept = `.csv,.xlsx,text/csv,${xlsxType}`

/**
 * The type an upload is sent as. Browsers name a CSV file differently (Windows often says
 * `application/vnd.ms-excel`), so the name decides, and anything else goes as plain bytes for
 * the server to recognise by content.
 */
export function importContentType(filename: string): string {
  if (/\.csv$/i.test(filename)) return 'text/csv'
  if (/\.xlsx$/i.test(filename)) return xlsxType
  return 'application/octet-stream'
}

/** Uploads `file` and queues its import; `onProgress` follows the upload itself. */
export function startImport(
  file: File,
  partial: boolean,
  onProgress?: (progress: UploadProgress) => void,
): Promise<ImportJob> {
  return upload<ImportJob>('/api/v1/registry/imports', file, {
    query: { partial, filename: file.name.slice(0, 200) },
    contentType: importContentType(file.name),
    onProgress,
  })
}

export function getImport(id: number): Promise<ImportJob> {
  return http.get<ImportJob>(`/api/v1/registry/imports/${id}`)
}

export function listImports(paging: PageRequest = {}): Promise<Page<ImportJob>> {
  return http.get<Page<ImportJob>>('/api/v1/registry/imports', { ...paging })
}

/** The whole report of a finished import, one line per problem, as CSV. */
export function downloadImportReport(id: number): Promise<DownloadedFile> {
  return download('GET', `/api/v1/registry/imports/${id}/report`)
}

export interface ExportedFile extends DownloadedFile {
  households: number
  persons: number
}

/** The households a search finds, one row per member, as a file; the purpose goes to the audit log. */
export async function exportRegister(
  format: ExportFormat,
  purpose: string,
  filters: ExportFilters,
): Promise<ExportedFile> {
  const file = await download('POST', '/api/v1/registry/exports', {
    body: { format, purpose: purpose.trim(), filters },
  })
  return {
    ...file,
    households: Number(file.headers.get('X-Export-Households') ?? 0),
    persons: Number(file.headers.get('X-Export-Persons') ?? 0),
  }
}
