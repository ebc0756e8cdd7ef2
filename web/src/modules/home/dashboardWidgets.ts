// Where later modules put their home-page dashboards: each registers a card
// with the permission it needs; the home page shows the ones the user may see.
import type { Component } from 'vue'

export interface DashboardWidget {
  key: string
  titleKey: string
  perm?: string
  /** Grid columns out of 24. */
  span?: number
  component: () => Promise<Component | { default: Component }>
}

export const dashboardWidgets: DashboardWidget[] = []

export function registerDashboardWidget(w: DashboardWidget): void {
  if (!dashboardWidgets.some((x) => x.key === w.key)) dashboardWidgets.push(w)
}
