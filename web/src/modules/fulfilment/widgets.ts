// The fulfilment module's home-page card: the processing-queue summary.
import { P } from '@/api/permissions'
import { registerDashboardWidget } from '@/modules/home/dashboardWidgets'

registerDashboardWidget({
  key: 'fulfilment.queue',
  titleKey: 'fulfilment.widgetTitle',
  perm: P.queue.read,
  span: 12,
  component: () => import('./QueueWidget.vue'),
})
