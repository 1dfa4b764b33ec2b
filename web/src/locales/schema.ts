import type id from './id'

// Every language must translate every message: the shape of id.ts with strings at the leaves.
type MessageTree<T> = { [K in keyof T]: T[K] extends string ? string : MessageTree<T[K]> }

export type MessageSchema = MessageTree<typeof id>
