// Shapes shared by every list endpoint (docs/API.md "Lists").
export interface Page<T> {
  items: T[] | null
  total: number
}

export interface PageQuery {
  page?: number
  page_size?: number
  sort?: string
  q?: string
}

/** Fields every stored entity answers with. */
export interface Versioned {
  id: number
  version: number
  created_at?: string
  updated_at?: string
}
