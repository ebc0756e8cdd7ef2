import { createPinia, setActivePinia } from 'pinia'
import { describe, expect, it } from 'vitest'
import { createMemoryHistory, createRouter } from 'vue-router'

describe('routes', () => {
  it('build a router and resolve pages, bare pages and aliases', async () => {
    setActivePinia(createPinia())
    const { routes } = await import('./index')
    const router = createRouter({ history: createMemoryHistory(), routes })
    expect(router.resolve('/training/plans/3').name).toBe('plan-detail')
    expect(router.resolve('/checkin/abc').name).toBe('checkin')
    expect(router.resolve('/evaluation/attempts/5').name).toBe('attempt')
    expect(router.resolve('/evaluation/attempts/5/review').name).toBe('attempt-review')
    // the feedback reminder's link opens the answer page; so does the alias older reminders carry
    expect(router.resolve('/training/surveys/9/answer').name).toBe('survey-answer')
    expect(router.resolve('/learning/questionnaires/9').matched.at(-1)?.components?.default).toBe(
      router.resolve('/training/surveys/9/answer').matched.at(-1)?.components?.default,
    )
    // bare pages sit outside the frame, framed pages under it
    expect(router.resolve('/checkin/abc').matched.length).toBe(1)
    expect(router.resolve('/learning/my').matched.length).toBe(2)
  })
})
