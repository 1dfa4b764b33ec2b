import { describe, expect, it } from 'vitest'
import { parseIdentifierList } from '../modules/identifierList'
import { canMove, movable, outcomesFor, targetsFor } from '../modules/lifecycles'

describe('an uploaded NIK/KK list', () => {
  it('takes the first cell of each row and remembers the line it came from', () => {
    const file =
      '\uFEFFNIK;Nama\r\n3302010504709901;Karta\r\n\r\n"3302015708759902",Sri\r\n\'3302011503209901\t\n'
    expect(parseIdentifierList(file)).toEqual({
      identifiers: ['3302010504709901', '3302015708759902', '3302011503209901'],
      lines: [2, 4, 5],
      skippedHeader: true,
    })
  })

  it('keeps a first row that is a number, even a malformed one, for the server to report', () => {
    expect(parseIdentifierList('33020105047099X1\n3302010504709901')).toEqual({
      identifiers: ['33020105047099X1', '3302010504709901'],
      lines: [1, 2],
      skippedHeader: false,
    })
  })

  it('sends a formula-like cell as text, never reading it as anything else', () => {
    expect(parseIdentifierList('=1+1\n').identifiers).toEqual(['=1+1'])
  })

  it('is empty for a file of blank lines', () => {
    expect(parseIdentifierList('\n \n;\n').identifiers).toEqual([])
  })
})

describe('the enrolment lifecycle', () => {
  it('moves proposed → verified → active → graduated, and exits from any open status', () => {
    expect(canMove('proposed', 'verified')).toBe(true)
    expect(canMove('proposed', 'active')).toBe(false)
    expect(canMove('verified', 'active')).toBe(true)
    expect(canMove('active', 'graduated')).toBe(true)
    expect(canMove('active', 'exited')).toBe(true)
    expect(canMove('graduated', 'exited')).toBe(false)
    expect(canMove('exited', 'verified')).toBe(false)
  })

  it('offers the steps at least one selected enrolment can take, and sends only those that can', () => {
    const selected = [
      { id: 1, status: 'proposed' as const },
      { id: 2, status: 'verified' as const },
      { id: 3, status: 'exited' as const },
    ]
    expect(targetsFor(selected)).toEqual(['verified', 'active', 'exited'])
    expect(movable(selected, 'active').map((enrolment) => enrolment.id)).toEqual([2])
    expect(movable(selected, 'exited').map((enrolment) => enrolment.id)).toEqual([1, 2])
    expect(targetsFor([{ status: 'graduated' as const }])).toEqual([])
  })
})

describe("a stage line's results", () => {
  it('follow planned → paid or failed, failed → paid, paid → returned', () => {
    expect(outcomesFor('planned')).toEqual(['paid', 'failed'])
    expect(outcomesFor('failed')).toEqual(['paid'])
    expect(outcomesFor('paid')).toEqual(['returned'])
    expect(outcomesFor('returned')).toEqual([])
  })
})
