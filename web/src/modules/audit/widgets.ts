// The audit module's home-page dashboard cards.
import { P } from '@/api/permissions'
import { registerDashboardWidget } from '@/modules/home/dashboardWidgets'

registerDashboardWidget({
  key: 'audit.login-activity',
  titleKey: 'audit.loginActivity',
  perm: P.loginLog.read,
  span: 12,
  component: () => import('./LoginActivityWidget.vue'),
})
