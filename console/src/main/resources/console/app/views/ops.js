// The ops feed (OPS-FEED, OPS-EVENT): every calendar's runs and items in a week or a day, as compact cards
// with their run state and quick actions, a source filter, a legend, Today and Refresh. Heartbeats (red, seed 001) and
// rules that run at least every 15 minutes come in the feed's always_running lane (ADR 0073): one row a rule, not a card
// a run.

import { readAll } from '../api.js';
import { h, fill, markDrawn } from '../ui.js';
import { addDays, dateLabel, instantOf, localParts, weekdayOf } from '../time.js';
import { detailsDialog, takeAction, actionLabel } from '../actions.js';

const SOURCES = ['all', 'cron', 'rrule', 'heartbeat', 'item'];
const COLOR_KEYS = ['item', 'cron', 'rrule', 'heartbeat'].flatMap((source) => ['critical', 'normal', 'low'].map((category) => `${source}.${category}`));
let source = 'all';
let span = 'week';

function startOfDay(date, zone) {
  const [y, mo, d] = date.split('-').map(Number);
  return new Date(instantOf(y, mo, d, 0, 0, 0, zone)).toISOString();
}

export default {
  title: 'Ops feed',
  usesCalendar: false,
  creates: false,
  step: (date, direction) => addDays(date, direction * (span === 'week' ? 7 : 1)),
  period: (state) => dateLabel(state.date, { day: 'numeric', month: 'long', year: 'numeric' }),

  async render(main, ctx) {
    const { state } = ctx;
    let events = [];
    const after = () => refresh();

    function range() {
      const weekStart = state.config.view_settings.week_start === 'sunday' ? 0 : 1;
      const first = span === 'week' ? addDays(state.date, -((weekdayOf(state.date) - weekStart + 7) % 7)) : state.date;
      return { first, days: span === 'week' ? 7 : 1 };
    }

    async function refresh(options = {}) {
      const { first, days } = range();
      events = await readAll('/ops/calendar/events', {
        start: startOfDay(first, state.zone), end: startOfDay(addDays(first, days), state.zone),
        timezone: state.zone, source: source === 'all' ? undefined : source, limit: 1000,
      }, (page) => page.events, { token: options.token });
      if (!ctx.current()) return;
      draw();
      markDrawn(`ops:${state.date}`);
    }

    // The Always Running lane: a row per rule, its runs in the period counted, with the state of its latest one begun.
    function laneRows(laneEvents) {
      const now = Date.now();
      const rows = new Map();
      for (const event of laneEvents) {
        const row = rows.get(event.source_ref) ?? { event, runs: 0, missed: 0, latest: null };
        row.runs += 1;
        if (event.status === 'missed') row.missed += 1;
        if (Date.parse(event.scheduled_at_utc) <= now) row.latest = event;
        rows.set(event.source_ref, row);
      }
      return [...rows.values()];
    }

    function laneRow(row) {
      const shown = row.latest ?? row.event;
      return h(`li.card.${row.event.color_key.replace('.', '-')}`, { 'data-rule-id': row.event.source_ref, 'data-status': shown.status },
        h('div', {}, h('button.title', { type: 'button', onclick: () => detailsDialog(shown, ctx, after) }, row.event.title)),
        h('div.meta', {}, `${row.event.source} · ${row.runs} runs · ${row.missed} missed · ${ctx.calendarName(row.event.calendar_id)}`),
        h(`div.status.status-${shown.status}`, {}, shown.status));
    }

    function draw() {
      const { first, days } = range();
      const byDay = new Map(Array.from({ length: days }, (_, i) => [addDays(first, i), []]));
      const lane = events.filter((event) => event.lane === 'always_running');
      for (const event of events) {
        if (event.lane !== 'always_running') byDay.get(localParts(event.scheduled_at_local).date)?.push(event);
      }
      fill(main,
        h('h2', {}, `Ops feed, ${span} of ${dateLabel(first, { day: 'numeric', month: 'long' })} in ${state.zone}`),
        h('div.chips', {},
          h('div.chips', { role: 'group', 'aria-label': 'Period' }, ['week', 'day'].map((each) => h('button', {
            type: 'button', 'aria-pressed': String(span === each), onclick: () => { span = each; refresh(); },
          }, each === 'week' ? 'Week' : 'Day'))),
          h('div.chips', { role: 'group', 'aria-label': 'Source' }, SOURCES.map((each) => h('button', {
            type: 'button', 'aria-pressed': String(source === each), 'data-source': each, onclick: () => { source = each; refresh(); },
          }, each === 'all' ? 'All sources' : each))),
          h('button', { type: 'button', id: 'ops-refresh', onclick: () => refresh() }, 'Refresh')),
        h('div.legend', { 'aria-label': 'Legend' }, 'Legend:', COLOR_KEYS.map((key) => h(`span.card.${key.replace('.', '-')}`, {}, key))),
        h('p', {}, `${events.length} events.`),
        lane.length ? h('section.always-running', { 'aria-label': 'Always running' },
          h('h3', {}, 'Always running'), h('ul.cards', {}, laneRows(lane).map(laneRow))) : null,
        [...byDay.entries()].map(([date, dayEvents]) => h('section.day-group', { 'aria-label': dateLabel(date) },
          h('h3', {}, dateLabel(date, { weekday: 'long', day: 'numeric', month: 'long' })),
          dayEvents.length ? h('ul.cards', {}, dayEvents.map(card)) : h('p.empty', {}, 'Nothing scheduled.'))));
    }

    function card(event) {
      // The feed offers only what the caller's role allows; a change request is offered in the details.
      const quick = event.actions.filter((action) => action.name !== 'request_change');
      return h(`li.card.${event.color_key.replace('.', '-')}`, { 'data-event-id': event.event_id, 'data-status': event.status },
        h('div', {}, h('strong', {}, localParts(event.scheduled_at_local).time), ' ',
          h('button.title', { type: 'button', onclick: () => detailsDialog(event, ctx, after) }, event.title)),
        h('div.meta', {}, `${event.source} · ${event.category} · ${ctx.calendarName(event.calendar_id)}${event.owner_id ? ` · ${event.owner_id}` : ''}`),
        h(`div.status.status-${event.status}`, {}, event.status),
        quick.length ? h('div.actions', {}, quick.map((action) => h('button', {
          type: 'button', 'data-action': action.name, onclick: () => takeAction(action, event, ctx, after),
        }, actionLabel(action)))) : null);
    }

    await refresh();
    return {
      refresh,
      follows: () => state.calendars.map((calendar) => calendar.id),
    };
  },
};
