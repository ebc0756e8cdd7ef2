import { http, type Query } from '@/api/http'
import type { Sendable } from '@/api/types'
import type { Listing, ListingQuery, Product, ProductInput, ProductQuery, Sku, SkuInput, SkuQuery } from './types'

export const catalogPaths = {
  products: '/catalog/products',
  skus: '/catalog/skus',
  listings: '/catalog/listings',
}

export const productApi = {
  list: (q: ProductQuery = {}) => http.page<Product>(catalogPaths.products, q as Query),
  create: (body: Sendable<ProductInput>) => http.post<Product>(catalogPaths.products, body),
  update: (id: number, body: Sendable<ProductInput>) => http.put<Product>(`${catalogPaths.products}/${id}`, body),
  remove: (id: number) => http.del(`${catalogPaths.products}/${id}`),
}

export const skuApi = {
  list: (q: SkuQuery = {}) => http.page<Sku>(catalogPaths.skus, q as Query),
  get: (id: number) => http.get<Sku>(`${catalogPaths.skus}/${id}`),
  create: (body: Sendable<SkuInput>) => http.post<Sku>(catalogPaths.skus, body),
  update: (id: number, body: Sendable<SkuInput>) => http.put<Sku>(`${catalogPaths.skus}/${id}`, body),
  remove: (id: number) => http.del(`${catalogPaths.skus}/${id}`),
}

export const listingApi = {
  list: (q: ListingQuery = {}) => http.page<Listing>(catalogPaths.listings, q as Query),
  /** Points the listings at a SKU (0 unmatches them); their order lines follow. */
  match: (listingIds: number[], skuId: number) => http.post<{ items: Listing[] | null }>(`${catalogPaths.listings}/match`, { listing_ids: listingIds, sku_id: skuId }),
}
