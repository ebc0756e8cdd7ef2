// @vitest-environment node
import { afterEach, describe, expect, it } from 'vitest'
import { formatMinute } from '@/composables/format'
import { i18n, t, te } from '@/locales'
import { reasonText, resultText } from './reasons'

const metricLabel = (m: string) => t(`assessment.metric.${m}`)

describe('exam reasons and report sentences', () => {
  afterEach(() => {
    i18n.global.locale.value = 'zh-CN'
  })

  it('say why an exam cannot start, from the code and its params', () => {
    const at = '2026-12-01T08:00:00Z'
    expect(reasonText('exam_not_open_yet', { opens_at: at }, `exam "X" opens at ${at}`, t, te)).toBe(`${formatMinute(at)} 开考`)
    expect(reasonText('exam_no_attempts_left', { max_attempts: 1 }, 'no attempts left', t, te)).toBe('考试次数已用完（共 1 次）')
    expect(reasonText('exam_in_progress', {}, 'an attempt is in progress: resume it', t, te)).toBe('有一次作答尚未交卷，请继续作答')
    // a code this UI does not know yet: no English in Chinese
    expect(reasonText('exam_new_reason', {}, 'some new reason', t, te)).toBe('暂时不能开始')
    expect(reasonText('', {}, '', t, te)).toBe('')
    i18n.global.locale.value = 'en'
    expect(reasonText('exam_window_closed', { closes_at: at }, '', t, te)).toBe(`Closed at ${formatMinute(at)}`)
    expect(reasonText('exam_new_reason', {}, 'some new reason', t, te)).toBe('some new reason')
  })

  it('translate the results level of the effect report in both languages', () => {
    const little = { trained: 2, comparison: 3, metric: 'conversion', min: 3 }
    expect(resultText('too_little_data', little, 'Too little data ...', t, te, metricLabel)).toBe(
      '数据不足：受训店铺 2 家、对照店铺 3 家在前后两期都有转化率数据，每组至少需要 3 家。',
    )
    const changed = { metric: 'conversion', estimate: 0.0093333333, low: 0.001234567, high: 0.017432 }
    expect(resultText('changed', changed, '', t, te, metricLabel)).toBe('受训店铺的转化率变化比对照店铺多 +0.009333（95% 区间 0.001235 至 0.01743）。')
    expect(resultText('no_clear_difference', { estimate: -0.5, low: -1.25, high: 0.25 }, '', t, te)).toBe('无明显差异：估计值 -0.5 的 95% 区间（-1.25 至 0.25）包含 0。')
    expect(resultText('too_early', { until: '2026-12-31' }, '', t, te)).toBe('为时尚早：培训后的观察期到 2026-12-31 才结束。')
    expect(resultText('weighted', { sessions: 2 }, '', t, te)).toBe('按受训店铺数对 2 个场次加权合并。')
    expect(resultText('observational', {}, 'Observational comparison ...', t, te)).toMatch(/^这是观察性比较/)
    expect(resultText('', {}, '', t, te)).toBe('')

    i18n.global.locale.value = 'en'
    expect(resultText('too_little_data', little, '', t, te, metricLabel)).toBe(
      'Too little data to conclude: 2 trained and 3 comparison shops have data on Conversion in both periods; at least 3 of each are needed.',
    )
    expect(resultText('unavailable', {}, '', t, te)).toBe('The sales KPIs are not available in this installation.')
    expect(resultText('new_code', {}, 'A sentence from a newer server.', t, te)).toBe('A sentence from a newer server.')
  })
})
