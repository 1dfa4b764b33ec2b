import { describe, expect, it } from 'vitest'
import { changeKinds, changeRequestStatuses, type ChangeRequest } from '@/api/changeRequests'
import en from '@/locales/en'
import id from '@/locales/id'
import {
  defaultFilter,
  fromRouteQuery,
  switchView,
  toListFilter,
  toRouteQuery,
} from '../modules/changeRequestFilter'
import { subjectName } from '../modules/subject'

describe('the change request list in the address', () => {
  it('opens a verifier’s inbox on what waits, and a village’s list on all its proposals', () => {
    expect(defaultFilter(true)).toEqual({ view: 'inbox', status: 'proposed', region: null })
    expect(defaultFilter(false)).toEqual({ view: 'mine', status: 'all', region: null })
    expect(toRouteQuery(defaultFilter(true), true)).toEqual({})
    expect(toRouteQuery(defaultFilter(false), false)).toEqual({})
  })

  it('comes back as the same list', () => {
    const draft = { view: 'inbox', status: 'rejected', region: '33.02.01' } as const
    const query = toRouteQuery(draft, true)
    expect(query).toEqual({ status: 'rejected', region: '33.02.01' })
    expect(fromRouteQuery(query as never, true)).toEqual(draft)
  })

  it('gives a village operator no inbox, whatever the address says', () => {
    expect(fromRouteQuery({ view: 'inbox' }, false).view).toBe('mine')
  })

  it('leaves out what is malformed', () => {
    expect(fromRouteQuery({ status: 'approved', region: '33.2' }, true)).toEqual(
      defaultFilter(true),
    )
  })

  it('starts a view switched to from that view’s usual status, keeping the area', () => {
    const inbox = { view: 'inbox', status: 'proposed', region: '33.02.01' } as const
    expect(switchView(inbox, 'mine')).toEqual({ view: 'mine', status: 'all', region: '33.02.01' })
    expect(toRouteQuery(switchView(inbox, 'mine'), true)).toEqual({
      view: 'mine',
      region: '33.02.01',
    })
  })

  it('asks the API for the caller’s own only in their view, and every status as none', () => {
    expect(toListFilter({ view: 'mine', status: 'all', region: null })).toEqual({
      status: null,
      region: null,
      mine: true,
    })
    expect(toListFilter({ view: 'inbox', status: 'proposed', region: '33.02' })).toEqual({
      status: 'proposed',
      region: '33.02',
      mine: false,
    })
  })
})

describe('whom a request is about, in the list', () => {
  it('is the new member, or the head of a new household', () => {
    expect(
      subjectName({
        kind: 'add_member',
        payload: { member: { name: 'Putri Ayu' } },
      } as ChangeRequest),
    ).toBe('Putri Ayu')
    expect(
      subjectName({
        kind: 'new_household',
        payload: {
          household: { village_code: '33.02.01.2001' },
          members: [
            { name: 'Wati', sex: 'P', relation: 'istri_suami' },
            { name: 'Slamet', sex: 'L', relation: 'kepala_keluarga' },
          ],
        },
      } as ChangeRequest),
    ).toBe('Slamet')
  })

  it('is not named for requests about existing records, which carry only ids', () => {
    expect(
      subjectName({ kind: 'death', payload: { date: '2026-11-02' } } as ChangeRequest),
    ).toBeNull()
  })
})

describe('change request labels', () => {
  it('name every kind and status the contract knows, in Indonesian and English', () => {
    for (const messages of [id, en]) {
      for (const kind of changeKinds) expect(messages.changeRequests.kinds).toHaveProperty(kind)
      for (const status of changeRequestStatuses) {
        expect(messages.changeRequests.statuses).toHaveProperty(status)
      }
    }
  })
})
