// Wall clocks in IANA zones, from the browser's own tz database (Intl): no zone data is shipped or guessed.
// The API answers instants and local times; these helpers only turn what the user types or drags into instants,
// and instants into the labels they read.

const formatters = new Map();

function partsFormatter(zone) {
  let formatter = formatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric',
      hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
    formatters.set(zone, formatter);
  }
  return formatter;
}

/** [year, month (1-12), day, hour, minute, second] of an instant (ms) on the zone's wall clock, as Intl reads it. */
export function exactWallOf(ms, zone) {
  const parts = {};
  for (const part of partsFormatter(zone).formatToParts(new Date(ms))) parts[part.type] = part.value;
  return [+parts.year, +parts.month, +parts.day, +parts.hour % 24, +parts.minute, +parts.second];
}

// A grid of a thousand entries asks for thousands of wall-clock times, and Intl's formatToParts is slow: each quarter
// hour's offset is read once (at both ends, so a quarter hour with a transition in it is read exactly each time).
const QUARTER_HOUR = 15 * 60000;
const quarterOffsets = new Map();

function offsetSecondsAt(ms, zone) {
  const [y, mo, d, h, mi, s] = exactWallOf(ms, zone);
  return (Date.UTC(y, mo - 1, d, h, mi, s) - Math.floor(ms / 1000) * 1000) / 1000;
}

function quarterOffset(ms, zone) {
  const quarter = Math.floor(ms / QUARTER_HOUR);
  const key = `${zone}|${quarter}`;
  let offset = quarterOffsets.get(key);
  if (offset === undefined) {
    const first = offsetSecondsAt(quarter * QUARTER_HOUR, zone);
    offset = first === offsetSecondsAt(quarter * QUARTER_HOUR + QUARTER_HOUR - 1000, zone) ? first : null;
    if (quarterOffsets.size >= 50000) quarterOffsets.clear();
    quarterOffsets.set(key, offset);
  }
  return offset;
}

/** [year, month (1-12), day, hour, minute, second] of an instant (ms) on the zone's wall clock. */
export function wallOf(ms, zone) {
  const offset = quarterOffset(ms, zone);
  if (offset === null) return exactWallOf(ms, zone);
  const wall = new Date(Math.floor(ms / 1000) * 1000 + offset * 1000);
  return [wall.getUTCFullYear(), wall.getUTCMonth() + 1, wall.getUTCDate(), wall.getUTCHours(), wall.getUTCMinutes(),
    wall.getUTCSeconds()];
}

/** The zone's offset from UTC at an instant, in minutes (east positive): +330 in Kolkata, +345 in Kathmandu. */
export function offsetMinutes(ms, zone) {
  const [y, mo, d, h, mi, s] = wallOf(ms, zone);
  const wholeSeconds = Math.floor(ms / 1000) * 1000;
  return Math.round((Date.UTC(y, mo - 1, d, h, mi, s) - wholeSeconds) / 60000);
}

/**
 * The instant of a wall-clock time in a zone, resolved as java.time resolves it (and so as the API does): a time in
 * a spring-forward gap moves later by the gap's length; a time in a fall-back overlap takes the earlier instant.
 */
export function instantOf(y, mo, d, h = 0, mi = 0, s = 0, zone = 'UTC') {
  const wall = Date.UTC(y, mo - 1, d, h, mi, s);
  const before = offsetMinutes(wall - 36 * 3600e3, zone);
  const after = offsetMinutes(wall + 36 * 3600e3, zone);
  const candidates = [...new Set([before, after, offsetMinutes(wall, zone)])]
    .map((offset) => wall - offset * 60000)
    .filter((instant) => {
      const [yy, mm, dd, hh, mn, ss] = wallOf(instant, zone);
      return Date.UTC(yy, mm - 1, dd, hh, mn, ss) === wall;
    })
    .sort((a, b) => a - b);
  return candidates.length ? candidates[0] : wall - before * 60000;
}

/** `2026-12-01T09:30` (a datetime-local input's value) in a zone, as an ISO instant. */
export function instantOfLocalInput(text, zone) {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(text);
  if (!match) return null;
  const [, y, mo, d, h, mi] = match.map(Number);
  return new Date(instantOf(y, mo, d, h, mi, 0, zone)).toISOString();
}

/** An instant as a datetime-local input's value on the zone's wall clock. */
export function localInputOf(iso, zone) {
  const [y, mo, d, h, mi] = wallOf(Date.parse(iso), zone);
  return `${y}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}`;
}

/** The local date (yyyy-mm-dd) of an instant in a zone. */
export function localDateOf(ms, zone) {
  const [y, mo, d] = wallOf(ms, zone);
  return `${y}-${pad(mo)}-${pad(d)}`;
}

/** The wall-clock text of an offset date-time the API answered (`2026-12-01T02:30:00-06:00`): date and time as written. */
export function localParts(offsetDateTime) {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(offsetDateTime || '');
  return match ? { date: match[1], time: match[2] } : { date: '', time: '' };
}

/** A date (yyyy-mm-dd) plus whole days, on the calendar alone: no instant, so no zone. */
export function addDays(date, days) {
  const [y, mo, d] = date.split('-').map(Number);
  const shifted = new Date(Date.UTC(y, mo - 1, d + days));
  return shifted.toISOString().slice(0, 10);
}

export function addMonths(date, months) {
  const [y, mo] = date.split('-').map(Number);
  return new Date(Date.UTC(y, mo - 1 + months, 1)).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday, of a calendar date. */
export function weekdayOf(date) {
  const [y, mo, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, mo - 1, d)).getUTCDay();
}

export function todayIn(zone) { return localDateOf(Date.now(), zone); }

const labels = new Map();
/** A short label of an instant for people: `Tue 1 Dec, 09:30` on the zone's clock, 12 or 24 h as configured. */
export function label(iso, zone, { hour12 = false, date = true } = {}) {
  const key = `${zone}|${hour12}|${date}`;
  let formatter = labels.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-GB', {
      timeZone: zone, hour12, hour: '2-digit', minute: '2-digit',
      ...(date ? { weekday: 'short', day: 'numeric', month: 'short' } : {}),
    });
    labels.set(key, formatter);
  }
  return formatter.format(new Date(iso));
}

export function dateLabel(date, options = { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }) {
  const [y, mo, d] = date.split('-').map(Number);
  return new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', ...options }).format(new Date(Date.UTC(y, mo - 1, d)));
}

function pad(n) { return String(n).padStart(2, '0'); }

/**
 * FullCalendar's named-time-zone plugin on Intl, so that its grids place instants on the chosen zone's wall clock
 * (FullCalendar ships such plugins only for Luxon and Moment, which are not on Maven Central as WebJars).
 */
export function zonePlugin(FullCalendar) {
  class IntlNamedTimeZone extends FullCalendar.Internal.NamedTimeZoneImpl {
    offsetForArray(a) {
      return offsetMinutes(instantOf(a[0], a[1] + 1, a[2], a[3], a[4], a[5], this.timeZoneName), this.timeZoneName);
    }
    timestampToArray(ms) {
      const [y, mo, d, h, mi, s] = wallOf(ms, this.timeZoneName);
      return [y, mo - 1, d, h, mi, s, ((ms % 1000) + 1000) % 1000];
    }
  }
  return FullCalendar.createPlugin({ name: 'almanac-intl-zones', namedTimeZonedImpl: IntlNamedTimeZone });
}
