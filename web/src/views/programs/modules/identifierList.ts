// Reading an uploaded list of NIKs or KK numbers (a CSV, a spreadsheet saved as text, or a plain
// list) into what bulk enrolment sends: one identifier per row, taken from the row's first cell.
// The server matches them and reports the rows it could not enrol by their position in the list;
// `lines` maps each position back to the line of the file, which is what the reader can find.

/** The server's limit on one list. */
export const largestIdentifierList = 100_000

export interface IdentifierList {
  identifiers: string[]
  /** The file line (from 1) each identifier came from. */
  lines: number[]
  /** The first line named its column ("NIK", "no_kk") and was left out. */
  skippedHeader: boolean
}

function firstCell(line: string): string {
  let cell = line.split(/[,;\t]/)[0] ?? ''
  cell = cell.trim()
  if (cell.length >= 2 && cell.startsWith('"') && cell.endsWith('"')) cell = cell.slice(1, -1)
  // Spreadsheets mark numbers kept as text with a leading apostrophe.
  if (cell.startsWith("'")) cell = cell.slice(1)
  return cell.trim()
}

export function parseIdentifierList(text: string): IdentifierList {
  const list: IdentifierList = { identifiers: [], lines: [], skippedHeader: false }
  const rows = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/)
  let seenFirst = false
  rows.forEach((row, index) => {
    const cell = firstCell(row)
    if (cell === '') return
    if (!seenFirst) {
      seenFirst = true
      // A header holds letters and no run of digits; a malformed number is still sent and reported.
      if (/[A-Za-z]/.test(cell) && !/\d{6,}/.test(cell)) {
        list.skippedHeader = true
        return
      }
    }
    list.identifiers.push(cell)
    list.lines.push(index + 1)
  })
  return list
}
