// Week (the default, OPS-VIEWS) and day: FullCalendar's time grid on the chosen zone's wall clock, filled from the ops
// feed of the calendar, each entry coloured by its color_key and labelled with its run state. Items that the feed
// offers a reschedule for can be dragged; Enter opens the details, r the reschedule form.

import { readAll } from '../api.js';
import { h, fill, markDrawn } from '../ui.js';
import { addDays, dateLabel, instantOf, localDateOf, weekdayOf, zonePlugin } from '../time.js';
import { detailsDialog, moveTo, createItemForm, rescheduleForm } from '../actions.js';
import { loadFullCalendar } from '../fullcalendar.js';

/**
 * At most this many reads run side by side for one range: of a browser's six connections to one origin (HTTP/1.1), the
 * live stream holds one, and one stays free for what the user does meanwhile.
 */
const PARALLEL_READS = 4;
/** A view draws at most this many entries; a slot shows a few and "+N more". */
const MOST_ENTRIES = 5000;

/**
 * The ops feed of a range. A busy operations calendar has thousands of runs a week, five pages of them; read one after
 * another they cost five round trips, so the range is read as pieces that start at the zone's midnights, side by side.
 */
export async function opsEventsIn(start, end, zone, calendarId, { token } = {}) {
  // Each piece reads up to the view's whole allowance, so the first MOST_ENTRIES of the range are those drawn, as when
  // the range was read in one.
  const read = (piece) => readAll('/ops/calendar/events',
    { start: piece.start, end: piece.end, timezone: zone, calendar_id: calendarId, limit: 1000 },
    (page) => page.events, { token, limit: MOST_ENTRIES });
  const seen = new Set();
  return (await Promise.all(piecesOf(start, end, zone).map(read))).flat()
    .filter((event) => !seen.has(event.event_id) && seen.add(event.event_id))
    .slice(0, MOST_ENTRIES);
}

/** [start, end) cut at the zone's midnights into at most PARALLEL_READS pieces of whole days (the ends excepted). */
function piecesOf(start, end, zone) {
  const endMs = Date.parse(end);
  const midnights = [];
  for (let day = addDays(localDateOf(Date.parse(start), zone), 1); ; day = addDays(day, 1)) {
    const midnight = instantOf(...day.split('-').map(Number), 0, 0, 0, zone);
    if (midnight >= endMs) break;
    midnights.push(midnight);
  }
  const every = Math.ceil((midnights.length + 1) / PARALLEL_READS);
  const cuts = midnights.filter((_, index) => (index + 1) % every === 0).map((ms) => new Date(ms).toISOString());
  const bounds = [start, ...cuts, end];
  return bounds.slice(1).map((pieceEnd, index) => ({ start: bounds[index], end: pieceEnd }));
}

/** An ops event as FullCalendar takes it. */
export function toCalendarEvent(event, editable) {
  const length = Math.max(event.duration_hint_seconds, 15 * 60) * 1000;
  return {
    id: event.event_id,
    title: event.title,
    start: event.scheduled_at_utc,
    end: new Date(Date.parse(event.scheduled_at_utc) + length).toISOString(),
    classNames: ['ev', `ev-${event.color_key.replace('.', '-')}`, `ev-status-${event.status}`],
    startEditable: editable && event.actions.some((action) => action.name === 'reschedule' && !action.body?.action),
    durationEditable: false,
    extendedProps: { event },
  };
}

export function eventContent(arg) {
  const event = arg.event.extendedProps.event;
  return {
    domNodes: [h('div.fc-event-main-frame', {},
      h('div.fc-event-time', {}, arg.timeText),
      h('div.fc-event-title', {}, event.title),
      event.status !== 'scheduled' ? h(`div.status.status-${event.status}`, {}, event.status) : null)],
  };
}

/** The instants a week (from its first day) or a day of local dates spans in the zone, as the grid will ask for them. */
function firstRange(kind, date, firstDay, zone) {
  const startDate = kind === 'week' ? addDays(date, -((weekdayOf(date) - firstDay + 7) % 7)) : date;
  const at = (day) => new Date(instantOf(...day.split('-').map(Number), 0, 0, 0, zone)).toISOString();
  return { start: at(startDate), end: at(addDays(startDate, kind === 'week' ? 7 : 1)) };
}

function timeGrid(kind) {
  return {
    title: kind === 'week' ? 'Week' : 'Day',
    usesCalendar: true,
    creates: true,
    step: (date, direction) => addDays(date, direction * (kind === 'week' ? 7 : 1)),
    period: (state) => (kind === 'week' ? `Week of ${dateLabel(state.date, { day: 'numeric', month: 'long', year: 'numeric' })}` : dateLabel(state.date)),

    async render(main, ctx) {
      const { state } = ctx;
      // The first period's read goes out with the bundle's load, not after it: the grid asks for the same range.
      const firstDay = state.config.view_settings.week_start === 'sunday' ? 0 : 1;
      const first = firstRange(kind, state.date, firstDay, state.zone);
      let early = opsEventsIn(first.start, first.end, state.zone, state.calendar);
      early.catch(() => {});
      const FullCalendar = await loadFullCalendar();
      const editable = ctx.canEdit(state.calendar);
      const host = h('div', { id: 'grid', 'data-view': kind });
      fill(main, h('h2.visually-hidden', {}, `${ctx.calendarName(state.calendar)}, ${kind} in ${state.zone}`), host);
      let selected = null;
      let token;
      let fetched = false;
      const after = () => { calendar.refetchEvents(); };
      const calendar = new FullCalendar.Calendar(host, {
        plugins: [zonePlugin(FullCalendar)],
        initialView: kind === 'week' ? 'timeGridWeek' : 'timeGridDay',
        initialDate: state.date,
        timeZone: state.zone,
        firstDay,
        headerToolbar: false,
        allDaySlot: false,
        nowIndicator: true,
        // A busy operations calendar has thousands of runs a week: a slot shows a few, and "+N more" opens the rest.
        eventMaxStack: 4,
        height: '100%',
        scrollTime: '07:00:00',
        slotLabelFormat: { hour: '2-digit', minute: '2-digit', hour12: ctx.hour12 },
        eventTimeFormat: { hour: '2-digit', minute: '2-digit', hour12: ctx.hour12 },
        dayHeaderFormat: kind === 'week' ? { weekday: 'short', day: 'numeric', month: 'numeric' } : { weekday: 'long', day: 'numeric', month: 'long' },
        eventInteractive: true,
        editable,
        selectable: editable,
        selectMirror: true,
        eventContent,
        events: async (info, success, failure) => {
          try {
            const start = new Date(info.startStr).toISOString();
            const end = new Date(info.endStr).toISOString();
            const prefetched = early && !token && start === first.start && end === first.end ? early : null;
            early = null;
            const events = await (prefetched || opsEventsIn(start, end, state.zone, state.calendar, { token }));
            token = undefined;
            fetched = true;
            success(events.map((event) => toCalendarEvent(event, editable)));
          } catch (error) {
            failure(error);
          }
        },
        eventsSet: () => {
          // Once what the feed answered is on the grid, not when the grid first draws empty.
          if (fetched && ctx.current()) {
            fetched = false;
            markDrawn(`${kind}:${state.date}`);
          }
        },
        eventDidMount: (arg) => {
          const event = arg.event.extendedProps.event;
          arg.el.dataset.eventId = event.event_id;
          arg.el.dataset.status = event.status;
          if (event.version !== undefined) arg.el.dataset.version = String(event.version);
          arg.el.setAttribute('aria-label', `${event.title}, ${arg.timeText}, ${event.status}, ${event.source}`);
          arg.el.addEventListener('focus', () => { selected = event; });
        },
        eventClick: (arg) => {
          arg.jsEvent.preventDefault();
          selected = arg.event.extendedProps.event;
          detailsDialog(selected, ctx, after);
        },
        eventDrop: (arg) => {
          // startStr carries the zone's offset at the dropped wall-clock time: the instant the user meant.
          moveTo(arg.event.extendedProps.event, new Date(arg.event.startStr).toISOString(), ctx, after, arg.revert);
        },
        select: (arg) => {
          calendar.unselect();
          createItemForm(ctx, after, { start: new Date(arg.startStr).toISOString(), end: new Date(arg.endStr).toISOString() });
        },
      });
      calendar.render();

      return {
        refresh: (options = {}) => { token = options.token; calendar.refetchEvents(); },
        moveTo: (date) => calendar.gotoDate(date),
        follows: () => [state.calendar],
        create: () => createItemForm(ctx, after),
        reschedule: () => {
          const action = selected?.actions.find((each) => each.name === 'reschedule');
          if (selected && action && editable) rescheduleForm(action, selected, ctx, after);
          return Boolean(selected);
        },
        dispose: () => calendar.destroy(),
      };
    },
  };
}

export const week = timeGrid('week');
export const day = timeGrid('day');
