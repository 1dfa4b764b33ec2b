import { afterEach, describe, expect, it } from 'vitest'
import en from '../en'
import id from '../id'
import { currentLanguage, setLanguage, storedLanguage } from '..'

type Tree = { [key: string]: string | Tree }

function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const found = new Map<string, string>()
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key
    if (typeof value === 'string') found.set(path, value)
    else for (const [inner, text] of leaves(value, path)) found.set(inner, text)
  }
  return found
}

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1] ?? '').sort()
}

const indonesian = leaves(id)
const english = leaves(en)

describe('message catalogues', () => {
  it('have exactly the same keys in Indonesian and English', () => {
    expect([...english.keys()].sort()).toEqual([...indonesian.keys()].sort())
  })

  it('leave no message empty', () => {
    for (const [key, text] of [...indonesian, ...english]) {
      expect(text.trim(), key).not.toBe('')
    }
  })

  it('use the same placeholders in both languages', () => {
    for (const [key, text] of indonesian) {
      expect(placeholders(english.get(key) ?? ''), key).toEqual(placeholders(text))
    }
  })

  it('speak Indonesian on the login page', () => {
    expect(id.login.title).toBe('Masuk')
    expect(id.login.username).toBe('Nama pengguna')
    expect(id.login.password).toBe('Kata sandi')
  })
})

describe('language choice', () => {
  afterEach(() => {
    window.localStorage.clear()
    setLanguage('id')
  })

  it('is Indonesian when nothing was chosen', () => {
    window.localStorage.clear()
    expect(storedLanguage()).toBe('id')
  })

  it('is remembered across visits and marks the document language', () => {
    setLanguage('en')

    expect(currentLanguage()).toBe('en')
    expect(storedLanguage()).toBe('en')
    expect(document.documentElement.lang).toBe('en')
  })

  it('ignores a stored value that is not a supported language', () => {
    window.localStorage.setItem('sinergi.language', 'fr')
    expect(storedLanguage()).toBe('id')
  })
})
