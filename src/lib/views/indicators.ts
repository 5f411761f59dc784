/** The 指标 page. */
import { toAchievementChart, toTargetQualityChart } from '../charts/indicators';
import type { Filters } from '../queries/filters';
import {
  ACHIEVEMENT_DIMENSIONS,
  buildAchievementQuery,
  buildMissedIndicatorsQuery,
  buildTargetQualityQuery,
  type AchievementDimension
} from '../queries/indicators';
import type { ChartSpec, ViewQueries, Views } from './types';

/** Names of the indicators page's queries. */
export type IndicatorsView = 'achievement' | 'missed' | 'quality';

/** The dimension achievement is broken down by when none is chosen. */
export const DEFAULT_DIMENSION: AchievementDimension = 'district';

/** Reads the `by` parameter. */
export function dimensionFrom(value: string | null): AchievementDimension {
  return value && value in ACHIEVEMENT_DIMENSIONS ? (value as AchievementDimension) : DEFAULT_DIMENSION;
}

/** The indicators page's queries. */
export function indicatorsQueries(f: Filters, by: AchievementDimension): ViewQueries<IndicatorsView> {
  return {
    achievement: buildAchievementQuery(f, by),
    missed: buildMissedIndicatorsQuery(f),
    quality: buildTargetQualityQuery(f)
  };
}

/** The indicators page's charts. */
export function indicatorsCharts(
  v: Views<IndicatorsView>,
  by: AchievementDimension
): Record<'achievement' | 'quality', ChartSpec> {
  return {
    achievement: toAchievementChart(v.achievement, ACHIEVEMENT_DIMENSIONS[by].label),
    quality: toTargetQualityChart(v.quality)
  };
}
