// The metrics module's home-page card: the operations dashboard.
import { P } from '@/api/permissions'
import { registerDashboardWidget } from '@/modules/home/dashboardWidgets'

registerDashboardWidget({
  key: 'metrics.dashboard',
  titleKey: 'metrics.dashboardTitle',
  perm: P.kpi.read,
  span: 24,
  component: () => import('./DashboardWidget.vue'),
})
