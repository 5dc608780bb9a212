// FullCalendar's standard bundle (the fullcalendar WebJar), loaded the first time a view needs its grid.

export const FULLCALENDAR = '/webjars/fullcalendar/6.1.15/index.global.min.js';
let loading = null;

export function loadFullCalendar() {
  if (window.FullCalendar) return Promise.resolve(window.FullCalendar);
  if (!loading) {
    loading = new Promise((resolve, reject) => {
      const script = document.createElement('script');
      script.src = FULLCALENDAR;
      script.onload = () => resolve(window.FullCalendar);
      script.onerror = () => { loading = null; reject(new Error('FullCalendar did not load')); };
      document.head.append(script);
    });
  }
  return loading;
}
