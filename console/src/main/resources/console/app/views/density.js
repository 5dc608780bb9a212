// The heatmap's levels and colours, as /calendar/config names them (F033-DENSITY).

import { h } from '../ui.js';

const LEVELS = ['low', 'medium', 'high', 'critical'];

/** The level of a window bucket by the configuration's density_thresholds, or null for a bucket with nothing in it. */
export function densityLevel(bucket, config) {
  if (!bucket || !bucket.job_count) return null;
  const thresholds = config.view_settings.density_thresholds;
  let level = 'low';
  for (const name of LEVELS.slice(1)) if (bucket.density_score >= thresholds[name]) level = name;
  return level;
}

export function densityLegend(colors) {
  return h('div.legend', { 'aria-label': 'Density colours' }, 'Density:',
    LEVELS.map((level) => h('span', {}, h('span.swatch', { style: { background: colors[level] }, 'aria-hidden': 'true' }), level)));
}
