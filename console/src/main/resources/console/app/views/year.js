// Year: the window API's buckets over 365 local days from the month of the chosen date, by hour, day or week,
// coloured with the configured density colours. A table beside it reads the busiest periods aloud.

import { read } from '../api.js';
import { h, fill, markDrawn } from '../ui.js';
import { addDays, addMonths, dateLabel, instantOf, weekdayOf } from '../time.js';
import { densityLevel, densityLegend } from './density.js';

const GRANULARITIES = ['day', 'week', 'hour'];
let granularity = 'day';

function startOfDay(date, zone) {
  const [y, mo, d] = date.split('-').map(Number);
  return new Date(instantOf(y, mo, d, 0, 0, 0, zone)).toISOString();
}

export default {
  title: 'Year',
  usesCalendar: true,
  creates: false,
  step: (date, direction) => addMonths(date, direction * 12),
  period: (state) => `${dateLabel(state.date.slice(0, 8) + '01', { month: 'long', year: 'numeric' })} + 365 days`,

  async render(main, ctx) {
    const { state } = ctx;

    async function refresh(options = {}) {
      const first = state.date.slice(0, 8) + '01';
      const { body } = await read('/schedules/window', {
        from: startOfDay(first, state.zone), till: startOfDay(addDays(first, 365), state.zone),
        timezone: state.zone, queue: state.calendar, granularity,
      }, { token: options.token });
      if (!ctx.current()) return;
      draw(body, first);
      markDrawn(`year:${state.date}:${granularity}`);
    }

    function draw(window, first) {
      const colors = state.config.view_settings.density_colors;
      const cells = window.buckets.map((bucket) => {
        const level = densityLevel(bucket, state.config);
        return h('span', {
          title: `${bucket.local_time.replace('T', ' ').slice(0, 16)}: ${bucket.job_count}`,
          style: { background: level ? colors[level] : '#ffffff' },
        });
      });
      // Day cells fill columns of seven from the first day's weekday, as a wall calendar's weeks do.
      const lead = granularity === 'day' ? Array.from({ length: (weekdayOf(first) + 6) % 7 }, () => h('span', { style: { visibility: 'hidden' } })) : [];
      const busiest = [...window.buckets].sort((a, b) => b.job_count - a.job_count).slice(0, 5).filter((bucket) => bucket.job_count);
      const summary = window.summary || {};
      fill(main,
        h('h2', {}, `${ctx.calendarName(state.calendar)}: a year by ${granularity} in ${state.zone}`),
        h('div.chips', { role: 'group', 'aria-label': 'Bucket size' }, GRANULARITIES.map((each) => h('button', {
          type: 'button', 'aria-pressed': String(each === granularity), 'data-granularity': each,
          onclick: () => { granularity = each; refresh(); },
        }, `By ${each}`))),
        h('p', {}, `${summary.total_jobs ?? 0} entries; busiest ${granularity}: ${busiest[0] ? busiest[0].local_time.slice(0, granularity === 'hour' ? 16 : 10).replace('T', ' ') : '—'} (${summary.peak_count ?? 0}).`),
        h(`div.heat.${granularity}`, { role: 'img', 'aria-label': `Heatmap of ${window.buckets.length} ${granularity} buckets; the table below lists the busiest` },
          lead, cells),
        densityLegend(colors),
        h('table.plain', {}, h('caption', {}, `Busiest ${granularity}s`),
          h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Starts'), h('th', { scope: 'col' }, 'Entries'), h('th', { scope: 'col' }, 'By type'))),
          h('tbody', {}, busiest.map((bucket) => h('tr', {},
            h('td', {}, bucket.local_time.replace('T', ' ').slice(0, 16)), h('td', {}, bucket.job_count),
            h('td', {}, Object.entries(bucket.job_types || {}).map(([type, count]) => `${type} ${count}`).join(', ')))))));
    }

    await refresh();
    return { refresh, follows: () => [state.calendar] };
  },
};
