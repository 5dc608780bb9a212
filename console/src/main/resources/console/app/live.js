// Live updates: GET /api/v1/stream (server-sent events, ADR 0038), read with fetch so that it carries the same
// identity headers as every other request (EventSource can send none). Each event names what changed; the view
// refetches what it shows. The stream takes at most 100 calendars, so a view over more follows several; each holds one
// of the browser's six connections to the host.

import { streamHeaders } from './api.js';

const PER_STREAM = 100;
const listeners = new Set();
let streams = [];
let followed = '';
let state = 'off';

/** Calls `listener({type, data})` for every change of a followed calendar, and `{type: 'refetch'}` after a gap. */
export function onChange(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function liveState() { return state; }

function setState(next) {
  state = next;
  const badge = document.getElementById('live-state');
  if (badge) badge.textContent = { live: 'Live: following changes', connecting: 'Live: connecting…', off: '' }[next] ?? next;
  document.body.dataset.live = next;
}

function emit(event) {
  for (const listener of listeners) {
    try { listener(event); } catch (error) { console.error(error); }
  }
}

/** Follows exactly these calendars, opening and closing streams as the set changes. */
export function follow(calendarIds) {
  const ids = [...new Set(calendarIds.filter(Boolean))].sort();
  const key = ids.join('\n');
  if (key === followed) return;
  followed = key;
  for (const stream of streams) stream.abort();
  streams = [];
  if (!ids.length) { setState('off'); return; }
  for (let i = 0; i < ids.length; i += PER_STREAM) streams.push(open(ids.slice(i, i + PER_STREAM)));
}

// A stream left open by a page the user has left holds one of the browser's six connections to the host (HTTP/1.1)
// until the server notices; a few reloads would then stall every read. Closed as the page goes, opened if it comes back.
let followedWhenHidden = '';
window.addEventListener('pagehide', () => {
  followedWhenHidden = followed;
  follow([]);
});
window.addEventListener('pageshow', (event) => {
  if (event.persisted && followedWhenHidden) follow(followedWhenHidden.split('\n'));
});

/** Stops and starts every stream again, as when who the user acts as changes. */
export function restart() {
  const ids = followed ? followed.split('\n') : [];
  followed = '';
  follow(ids);
}

function open(calendarIds) {
  const controller = new AbortController();
  let lastEventId = null;
  let retry = 1000;
  (async () => {
    while (!controller.signal.aborted) {
      setState('connecting');
      try {
        const query = calendarIds.map((id) => `calendar_id=${encodeURIComponent(id)}`).join('&');
        const headers = { Accept: 'text/event-stream', ...streamHeaders() };
        if (lastEventId) headers['Last-Event-ID'] = lastEventId;
        const response = await fetch(`/api/v1/stream?${query}`, { headers, signal: controller.signal, cache: 'no-store' });
        if (!response.ok) {
          // 503 means every stream slot is taken; anything else will not mend itself by retrying at once.
          retry = Math.min(Number(response.headers.get('Retry-After')) * 1000 || retry * 2, 30000);
          throw new Error(`stream answered ${response.status}`);
        }
        retry = 1000;
        await readEvents(response.body, (event) => {
          if (event.id) lastEventId = event.id;
          if (event.type === 'ready' || event.type === 'reset') { setState('live'); emit({ type: 'refetch', data: event.data }); return; }
          emit(event);
        });
      } catch (error) {
        if (controller.signal.aborted) return;
      }
      if (controller.signal.aborted) return;
      setState('connecting');
      await new Promise((resolve) => setTimeout(resolve, retry));
      retry = Math.min(retry * 2, 30000);
    }
  })();
  return controller;
}

/** Parses text/event-stream (the WHATWG rules: fields per line, events at blank lines, comments ignored). */
async function readEvents(body, handle) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  let event = { type: 'message', data: [], id: null };
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value;
    let newline;
    while ((newline = buffer.search(/\r\n|\r|\n/)) >= 0) {
      const line = buffer.slice(0, newline);
      buffer = buffer.slice(newline + (buffer.startsWith('\r\n', newline) ? 2 : 1));
      if (line === '') {
        if (event.data.length || event.type !== 'message') {
          const text = event.data.join('\n');
          let data = text;
          try { data = text ? JSON.parse(text) : null; } catch { /* plain text */ }
          handle({ type: event.type, data, id: event.id });
        }
        event = { type: 'message', data: [], id: null };
        continue;
      }
      if (line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'event') event.type = value;
      else if (field === 'data') event.data.push(value);
      else if (field === 'id') event.id = value;
    }
  }
}
