// @vitest-environment node
import { afterEach, describe, expect, it } from 'vitest'
import { i18n } from '@/locales'

// Counted sentences: English picks the singular for one, Chinese has one form.
describe('counted sentences of the exam pages', () => {
  const t = i18n.global.t
  afterEach(() => {
    i18n.global.locale.value = 'zh-CN'
  })

  it('use the singular for one in English', () => {
    i18n.global.locale.value = 'en'
    expect(t('assessment.take.pendingManual', { n: 1 }, 1)).toBe('One answer waits for grading')
    expect(t('assessment.take.pendingManual', { n: 3 }, 3)).toBe('3 answers wait for grading')
    expect(t('assessment.take.submitConfirmLeft', { n: 1 }, 1)).toBe('One question is not answered. Submit anyway?')
    expect(t('assessment.rating.days', { n: 1 }, 1)).toBe('1 day')
    expect(t('assessment.rating.days', { n: 30 }, 30)).toBe('30 days')
    expect(t('assessment.report.traineesN', { n: 1 }, 1)).toBe('1 trainee')
    expect(t('assessment.paper.totals', { n: 2, points: 10 }, 2)).toBe('2 questions, 10 points')
    expect(t('assessment.my.attemptsOf', { used: 1, max: 1 })).toBe('Attempts used: 1 of 1')
  })

  it('keep the one Chinese form for any count', () => {
    expect(t('assessment.take.pendingManual', { n: 1 }, 1)).toBe('有 1 道主观题待阅卷')
    expect(t('assessment.take.pendingManual', { n: 3 }, 3)).toBe('有 3 道主观题待阅卷')
    expect(t('assessment.rating.days', { n: 60 }, 60)).toBe('60 天')
  })
})
