// The page table: one entry per menu group or page. The router flattens it
// into routes; the sidebar shows the entries the user's permissions allow.
import type { Component } from 'vue'
import { P } from '@/api/permissions'

export interface PageEntry {
  /** Absolute path. */
  path: string
  /** Route name; also the key of the tags-view and keep-alive. */
  name: string
  /** i18n key of the title (menu, breadcrumb, tab, document title). */
  titleKey: string
  /** Icon name from components/icons.ts. */
  icon?: string
  /** Permission needed to see and open it; none = any signed-in user. */
  perm?: string
  /** Kept out of the menu (profile pages). */
  hidden?: boolean
  /** Tab that cannot be closed. */
  affix?: boolean
  /** Shown without the sidebar and header (phone pages, print views, the room's QR screen). */
  bare?: boolean
  component?: () => Promise<Component | { default: Component }>
  children?: PageEntry[]
}

export const pageTable: PageEntry[] = [
  {
    path: '/home',
    name: 'home',
    titleKey: 'menu.home',
    icon: 'HomeFilled',
    affix: true,
    component: () => import('@/modules/home/HomePage.vue'),
  },
  {
    path: '/sales',
    name: 'sales',
    titleKey: 'menu.sales',
    icon: 'ShoppingCart',
    children: [
      {
        path: '/sales/orders',
        name: 'orders',
        titleKey: 'menu.orders',
        icon: 'Tickets',
        perm: P.order.read,
        component: () => import('@/modules/sales/OrdersPage.vue'),
      },
      {
        path: '/sales/orders/:id(\\d+)',
        name: 'order-detail',
        titleKey: 'menu.orderDetail',
        perm: P.order.read,
        hidden: true,
        component: () => import('@/modules/sales/OrderDetailPage.vue'),
      },
      {
        path: '/sales/imports',
        name: 'imports',
        titleKey: 'menu.imports',
        icon: 'Upload',
        perm: P.salesImport.read,
        component: () => import('@/modules/sales/ImportsPage.vue'),
      },
      {
        path: '/sales/listings',
        name: 'listings',
        titleKey: 'menu.listings',
        icon: 'Connection',
        perm: P.listing.read,
        component: () => import('@/modules/catalog/ListingsPage.vue'),
      },
      {
        path: '/sales/products',
        name: 'products',
        titleKey: 'menu.products',
        icon: 'Goods',
        perm: P.product.read,
        component: () => import('@/modules/catalog/ProductsPage.vue'),
      },
      {
        path: '/sales/skus',
        name: 'skus',
        titleKey: 'menu.skus',
        icon: 'PriceTag',
        perm: P.sku.read,
        component: () => import('@/modules/catalog/SkusPage.vue'),
      },
      {
        path: '/sales/customers',
        name: 'customers',
        titleKey: 'menu.customers',
        icon: 'UserFilled',
        perm: P.customer.read,
        component: () => import('@/modules/sales/CustomersPage.vue'),
      },
      {
        path: '/sales/traffic',
        name: 'traffic',
        titleKey: 'menu.traffic',
        icon: 'TrendCharts',
        perm: P.traffic.read,
        component: () => import('@/modules/sales/TrafficPage.vue'),
      },
    ],
  },
  {
    path: '/org',
    name: 'org',
    titleKey: 'menu.org',
    icon: 'OfficeBuilding',
    children: [
      {
        path: '/org/departments',
        name: 'departments',
        titleKey: 'menu.departments',
        icon: 'Share',
        perm: P.department.read,
        component: () => import('@/modules/org/DepartmentsPage.vue'),
      },
      {
        path: '/org/positions',
        name: 'positions',
        titleKey: 'menu.positions',
        icon: 'Postcard',
        perm: P.position.read,
        component: () => import('@/modules/org/PositionsPage.vue'),
      },
      {
        path: '/org/employees',
        name: 'employees',
        titleKey: 'menu.employees',
        icon: 'User',
        perm: P.employee.read,
        component: () => import('@/modules/org/EmployeesPage.vue'),
      },
      {
        path: '/org/shops',
        name: 'shops',
        titleKey: 'menu.shops',
        icon: 'Shop',
        perm: P.shop.read,
        component: () => import('@/modules/org/ShopsPage.vue'),
      },
    ],
  },
  {
    path: '/fulfilment',
    name: 'fulfilment',
    titleKey: 'menu.fulfilment',
    icon: 'Van',
    children: [
      {
        path: '/fulfilment/queue',
        name: 'queue',
        titleKey: 'menu.queue',
        icon: 'Timer',
        perm: P.queue.read,
        component: () => import('@/modules/fulfilment/QueuePage.vue'),
      },
    ],
  },
  {
    path: '/system',
    name: 'system',
    titleKey: 'menu.system',
    icon: 'Setting',
    children: [
      {
        path: '/system/roles',
        name: 'roles',
        titleKey: 'menu.roles',
        icon: 'Avatar',
        perm: P.role.read,
        component: () => import('@/modules/iam/RolesPage.vue'),
      },
      {
        path: '/system/dicts',
        name: 'dicts',
        titleKey: 'menu.dicts',
        icon: 'Collection',
        perm: P.dict.read,
        component: () => import('@/modules/system/DictsPage.vue'),
      },
      {
        path: '/system/settings',
        name: 'settings',
        titleKey: 'menu.settings',
        icon: 'Tools',
        perm: P.setting.read,
        component: () => import('@/modules/system/SettingsPage.vue'),
      },
      {
        path: '/system/online',
        name: 'online',
        titleKey: 'menu.online',
        icon: 'Connection',
        perm: P.online.read,
        component: () => import('@/modules/iam/OnlinePage.vue'),
      },
      {
        path: '/system/channels',
        name: 'channels',
        titleKey: 'menu.channels',
        icon: 'Bell',
        perm: P.channel.read,
        component: () => import('@/modules/notify/ChannelsPage.vue'),
      },
    ],
  },
  {
    path: '/training',
    name: 'training',
    titleKey: 'menu.training',
    icon: 'Reading',
    children: [
      {
        path: '/training/competencies',
        name: 'competencies',
        titleKey: 'menu.competencies',
        icon: 'Medal',
        perm: P.training.competency.read,
        component: () => import('@/modules/training/CompetenciesPage.vue'),
      },
      {
        path: '/training/assessments',
        name: 'assessments',
        titleKey: 'menu.assessments',
        icon: 'DataAnalysis',
        perm: P.training.assessment.rate,
        component: () => import('@/modules/training/AssessmentsPage.vue'),
      },
      {
        path: '/training/assessments/rounds/:id',
        name: 'assessment-round',
        titleKey: 'menu.assessmentRound',
        hidden: true,
        perm: P.training.assessment.read,
        component: () => import('@/modules/training/RoundDetailPage.vue'),
      },
      {
        path: '/training/assessments/sheets/:pid',
        name: 'assessment-sheet',
        titleKey: 'menu.assessmentSheet',
        hidden: true,
        perm: P.training.assessment.rate,
        component: () => import('@/modules/training/SheetPage.vue'),
      },
      {
        path: '/training/problems',
        name: 'problems',
        titleKey: 'menu.problems',
        icon: 'Warning',
        perm: P.training.problem.read,
        component: () => import('@/modules/training/ProblemsPage.vue'),
      },
      {
        path: '/training/surveys',
        name: 'surveys',
        titleKey: 'menu.surveys',
        icon: 'List',
        perm: P.training.survey.answer,
        component: () => import('@/modules/training/SurveysPage.vue'),
      },
      {
        path: '/training/surveys/new',
        name: 'survey-new',
        titleKey: 'menu.surveyNew',
        hidden: true,
        perm: P.training.survey.manage,
        component: () => import('@/modules/training/QuestionnaireEditPage.vue'),
      },
      {
        path: '/training/surveys/:id/edit',
        name: 'survey-edit',
        titleKey: 'menu.surveyEdit',
        hidden: true,
        perm: P.training.survey.manage,
        component: () => import('@/modules/training/QuestionnaireEditPage.vue'),
      },
      {
        path: '/training/surveys/:id/results',
        name: 'survey-results',
        titleKey: 'menu.surveyResults',
        hidden: true,
        perm: P.training.survey.read,
        component: () => import('@/modules/training/SurveyResultsPage.vue'),
      },
      {
        path: '/training/surveys/:id/answer',
        name: 'survey-answer',
        titleKey: 'menu.surveyAnswer',
        hidden: true,
        bare: true,
        perm: P.training.survey.answer,
        component: () => import('@/modules/training/SurveyAnswerPage.vue'),
      },
      {
        path: '/training/needs',
        name: 'needs',
        titleKey: 'menu.needs',
        icon: 'Aim',
        perm: P.training.need.read,
        component: () => import('@/modules/training/NeedsPage.vue'),
      },
      {
        path: '/training/plans',
        name: 'plans',
        titleKey: 'menu.plans',
        icon: 'Calendar',
        perm: P.training.plan.read,
        component: () => import('@/modules/training/PlansPage.vue'),
      },
      {
        path: '/training/plans/:id',
        name: 'plan-detail',
        titleKey: 'menu.planDetail',
        hidden: true,
        perm: P.training.plan.read,
        component: () => import('@/modules/training/PlanDetailPage.vue'),
      },
    ],
  },
  {
    path: '/audit',
    name: 'audit',
    titleKey: 'menu.audit',
    icon: 'Document',
    children: [
      {
        path: '/audit/operations',
        name: 'operations',
        titleKey: 'menu.operations',
        icon: 'Memo',
        perm: P.operationLog.read,
        component: () => import('@/modules/audit/OperationLogPage.vue'),
      },
      {
        path: '/audit/logins',
        name: 'logins',
        titleKey: 'menu.logins',
        icon: 'Key',
        perm: P.loginLog.read,
        component: () => import('@/modules/audit/LoginLogPage.vue'),
      },
    ],
  },
  {
    path: '/profile',
    name: 'profile',
    titleKey: 'menu.profile',
    hidden: true,
    children: [
      {
        path: '/profile/password',
        name: 'password',
        titleKey: 'menu.password',
        hidden: true,
        component: () => import('@/modules/iam/PasswordPage.vue'),
      },
      {
        path: '/profile/tokens',
        name: 'tokens',
        titleKey: 'menu.tokens',
        hidden: true,
        component: () => import('@/modules/iam/TokensPage.vue'),
      },
    ],
  },
]
