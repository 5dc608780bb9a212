// The heatmap's levels and colours, as /calendar/config names them (F033-DENSITY).

import { h } from '../ui.js';

const LEVELS = ['low', 'medium', 'high', 'critical'];
/**
 * Where each level starts on the window's density_score, when the configuration does not say
 * (console-api-defects.md: density_colors names four levels, and nothing says which score is which).
 */
const QUARTILES = { low: 0, medium: 0.25, high: 0.5, critical: 0.75 };

/** The level of a window bucket, or null for a bucket with nothing in it. */
export function densityLevel(bucket, config) {
  if (!bucket || !bucket.job_count) return null;
  const thresholds = config.view_settings.density_thresholds || QUARTILES;
  let level = 'low';
  for (const name of LEVELS) if (bucket.density_score >= (thresholds[name] ?? 0)) level = name;
  return level;
}

export function densityLegend(colors) {
  return h('div.legend', { 'aria-label': 'Density colours' }, 'Density:',
    LEVELS.map((level) => h('span', {}, h('span.swatch', { style: { background: colors[level] }, 'aria-hidden': 'true' }), level)));
}
