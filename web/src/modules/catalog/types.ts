// Catalogue entities: the generated OpenAPI types under short names.
import type { QueryOf, Schemas } from '@/api/types'

export type Product = Schemas['CatalogProduct']
export type ProductInput = Schemas['CatalogProductInput']
export type Sku = Schemas['CatalogSKU']
export type SkuInput = Schemas['CatalogSKUInput']
export type Listing = Schemas['CatalogListing']
export type MatchInput = Schemas['CatalogMatchInput']

export type ProductQuery = QueryOf<'catalog.product.list'>
export type SkuQuery = QueryOf<'catalog.sku.list'>
export type ListingQuery = QueryOf<'catalog.listing.list'>
