// ECharts options of the effect report, kept apart from the page so the page stays readable.
import type { EChartsOption } from 'echarts'
import type { EffectReport } from './types'

type T = (key: string, named?: Record<string, unknown>, plural?: number) => string

export function reactionOption(r: EffectReport['reaction'], t: T, label: (d: string) => string): EChartsOption {
  const dims = [...(r.dimensions ?? []), ...(r.overall && r.overall.ratings ? [r.overall] : [])]
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 10, right: 30, top: 20, bottom: 10, containLabel: true },
    xAxis: { type: 'category', data: dims.map((d) => label(d.dimension)) },
    yAxis: { type: 'value', min: 0, max: 5, interval: 1 },
    series: [
      {
        name: t('assessment.report.average'),
        type: 'bar',
        barMaxWidth: 40,
        data: dims.map((d) => (d.average === null ? null : Number(d.average.toFixed(2)))),
        itemStyle: { color: '#409eff' },
        label: { show: true, position: 'top' },
      },
    ],
  }
}

export function learningOption(l: EffectReport['learning'], t: T): EChartsOption {
  const rows = (l.learners ?? []).filter((x) => x.pre !== null || x.post !== null)
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 10, right: 20, top: 34, bottom: 10, containLabel: true },
    xAxis: { type: 'category', data: rows.map((x) => x.name), axisLabel: { interval: 0, rotate: rows.length > 8 ? 40 : 0 } },
    yAxis: { type: 'value', min: 0, max: 100 },
    series: [
      { name: t('assessment.report.pre'), type: 'bar', data: rows.map((x) => x.pre), itemStyle: { color: '#e6a23c' }, barMaxWidth: 24 },
      { name: t('assessment.report.post'), type: 'bar', data: rows.map((x) => x.post), itemStyle: { color: '#67c23a' }, barMaxWidth: 24 },
    ],
  }
}

export function behaviourOption(b: EffectReport['behaviour'], t: T): EChartsOption {
  const rows = b.by_delay ?? []
  return {
    tooltip: { trigger: 'axis' },
    grid: { left: 10, right: 20, top: 20, bottom: 10, containLabel: true },
    xAxis: { type: 'category', data: rows.map((r) => t('assessment.rating.days', { n: r.days_after }, r.days_after)) },
    yAxis: { type: 'value', min: 0, max: 5, interval: 1 },
    series: [{ type: 'bar', barMaxWidth: 40, data: rows.map((r) => r.average), itemStyle: { color: '#9a60b4' }, label: { show: true, position: 'top' } }],
  }
}

export function resultsOption(r: EffectReport['results'], t: T, metricLabel: (m: string) => string): EChartsOption {
  const metrics = (r.sessions ?? []).flatMap((s) => (s.metrics ?? []).map((m) => ({ s, m })))
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0 },
    grid: { left: 10, right: 20, top: 34, bottom: 10, containLabel: true },
    xAxis: { type: 'category', data: metrics.map(({ s, m }) => `${metricLabel(m.metric)}${(r.sessions?.length ?? 0) > 1 ? `\n${s.title}` : ''}`) },
    yAxis: { type: 'value' },
    series: [
      { name: t('assessment.report.trained'), type: 'bar', data: metrics.map(({ m }) => m.trained.mean_change), itemStyle: { color: '#409eff' }, barMaxWidth: 30 },
      { name: t('assessment.report.comparison'), type: 'bar', data: metrics.map(({ m }) => m.comparison.mean_change), itemStyle: { color: '#c0c4cc' }, barMaxWidth: 30 },
    ],
  }
}
