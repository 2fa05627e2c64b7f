// The page's WebSocket to /api/ws: reconnects with exponential back-off and shows #conn-banner while down.
import { get } from './api.js';

const SESSION_ENDED = 4001;
const PING_MS = 25000;
const MAX_DELAY_MS = 30000;
// every message of every socket of the page also goes to these (the notification bell)
const listeners = [];
let sockets = 0;

/** fn(message) for every message any socket of this page receives. */
export function onLive(fn) {
  listeners.push(fn);
}

/** Whether the page has opened a socket (connectLive). */
export function liveStarted() {
  return sockets > 0;
}

export function connectLive(onMessage) {
  const banner = document.getElementById('conn-banner');
  let delay = 1000;
  let socket = null;
  let pinger = null;
  let stopped = false;
  sockets += 1;

  function showBanner(show) {
    if (banner) {
      banner.hidden = !show;
    }
  }

  function open() {
    const scheme = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
    socket = new WebSocket(`${scheme}//${window.location.host}/api/ws`);
    socket.addEventListener('open', () => {
      delay = 1000;
      showBanner(false);
      pinger = setInterval(() => socket.send(JSON.stringify({ type: 'ping' })), PING_MS);
    });
    socket.addEventListener('message', (event) => {
      let message;
      try {
        message = JSON.parse(event.data);
      } catch {
        return;
      }
      listeners.forEach((fn) => {
        try {
          fn(message);
        } catch (e) {
          console.error('a live message listener failed', e);
        }
      });
      onMessage(message);
    });
    socket.addEventListener('close', (event) => {
      clearInterval(pinger);
      if (stopped) {
        return;
      }
      if (event.code === SESSION_ENDED) {
        window.location.assign('index.html');
        return;
      }
      showBanner(true);
      const wait = delay + Math.floor(Math.random() * 500);
      delay = Math.min(delay * 2, MAX_DELAY_MS);
      setTimeout(reconnect, wait);
    });
  }

  async function reconnect() {
    try {
      await get('/api/me'); // a 401 here sends the page to the login
    } catch (e) {
      if (e.status === 401) {
        return;
      }
    }
    open();
  }

  open();
  return {
    close() {
      stopped = true;
      if (socket) {
        socket.close();
      }
    },
  };
}
