// Month: each local day of a calendar's month with its counts per type (badges), its conflicts, and the heatmap
// colour of the density level the month answers for it (F033-DENSITY, LNK-COUNTS). One read, without the entries,
// which the grid does not show. Arrows move between days, Enter opens the day.

import { read } from '../api.js';
import { h, fill, markDrawn } from '../ui.js';
import { addDays, addMonths, weekdayOf, todayIn, dateLabel } from '../time.js';
import { densityLegend } from './density.js';

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
/** Set when the arrows moved past the month's edge, so the next month's grid takes the focus on that day. */
let focusAfterDraw = false;

export default {
  title: 'Month',
  usesCalendar: true,
  creates: false,
  step: (date, direction) => addMonths(date, direction),
  period: (state) => dateLabel(state.date, { month: 'long', year: 'numeric' }),

  async render(main, ctx) {
    const { state } = ctx;
    let focusDate = state.date;

    async function load(options = {}) {
      const { body: month } = await read(`/calendars/${encodeURIComponent(state.calendar)}/monthly`,
        { date: state.date, timezone: state.zone, entries: false }, { token: options.token });
      return month;
    }

    function draw(month) {
      if (!ctx.current()) return;
      const colors = state.config.view_settings.density_colors;
      const weekStart = state.config.view_settings.week_start === 'sunday' ? 0 : 1;
      const first = month.days[0]?.date;
      const lead = (weekdayOf(first) - weekStart + 7) % 7;
      const cells = [...Array(lead).fill(null), ...month.days];
      while (cells.length % 7) cells.push(null);
      const today = todayIn(state.zone);
      const rows = [];
      for (let i = 0; i < cells.length; i += 7) {
        rows.push(h('tr', {}, cells.slice(i, i + 7).map((day) => {
          if (!day) return h('td.outside', { 'aria-hidden': 'true' });
          const level = day.density_level;
          const types = Object.entries(day.job_types || {});
          const label = `${dateLabel(day.date)}: ${day.job_count} ${day.job_count === 1 ? 'entry' : 'entries'}`
            + (types.length ? ` (${types.map(([type, count]) => `${count} ${type}`).join(', ')})` : '')
            + (day.conflict_ids.length ? `, ${day.conflict_ids.length} conflicts` : '') + (level ? `, density ${level}` : '');
          return h('td', { style: level ? { background: colors[level] } : {} },
            h(`button.day${day.date === today ? '.today' : ''}`, {
              type: 'button', 'data-date': day.date, 'data-density': level || 'none', 'aria-label': label,
              tabindex: day.date === focusDate ? '0' : '-1',
              onclick: () => ctx.navigate({ view: 'day', date: day.date }),
              onfocus: () => { focusDate = day.date; },
            },
            h('span.date', { 'aria-hidden': 'true' }, Number(day.date.slice(8))),
            h('span.badges', { 'aria-hidden': 'true' },
              types.map(([type, count]) => h('span.badge', { 'data-type': type }, `${type} ${count}`)),
              day.conflict_ids.length ? h('span.badge.conflict', {}, `⚠ ${day.conflict_ids.length}`) : null)));
        })));
      }
      const weekdays = Array.from({ length: 7 }, (_, i) => WEEKDAYS[(i + weekStart) % 7]);
      fill(main,
        h('h2', {}, `${ctx.calendarName(state.calendar)}: ${dateLabel(state.date, { month: 'long', year: 'numeric' })}`,
          h('span.visually-hidden', {}, ` in ${state.zone}`)),
        h('p', { id: 'month-summary' }, `${month.total_jobs} entries this month in ${state.zone}.`),
        h('table.month', { 'aria-labelledby': 'month-summary' },
          h('thead', {}, h('tr', {}, weekdays.map((name) => h('th', { scope: 'col', abbr: name }, name.slice(0, 3))))),
          h('tbody', {}, rows)),
        densityLegend(colors));
      markDrawn(`month:${state.date}`);
    }

    draw(await load());
    if (focusAfterDraw) {
      focusAfterDraw = false;
      main.querySelector(`button.day[data-date="${focusDate}"]`)?.focus();
    }

    function focusDay(date) {
      const target = main.querySelector(`button.day[data-date="${date}"]`);
      if (target) {
        main.querySelectorAll('button.day').forEach((each) => each.setAttribute('tabindex', '-1'));
        target.setAttribute('tabindex', '0');
        target.focus();
        return true;
      }
      return false;
    }

    return {
      refresh: async (options = {}) => draw(await load(options)),
      follows: () => [state.calendar],
      /** Arrows move the focused day; past the month's edge they move the month. */
      onKey(event) {
        const moves = { ArrowLeft: -1, ArrowRight: 1, ArrowUp: -7, ArrowDown: 7 };
        if (!(event.key in moves) || !event.target.closest?.('table.month')) return false;
        const next = addDays(focusDate, moves[event.key]);
        if (!focusDay(next)) {
          focusAfterDraw = true;
          ctx.navigate({ date: next });
        }
        return true;
      },
    };
  },
};
