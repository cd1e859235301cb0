// Starts Omzien: loads the wasm app that owns this address, then registers the
// service worker and tells the app when a new version is ready. An ES module with no
// inline anything, so it runs under script-src 'self' 'wasm-unsafe-eval'. The build
// fills in the hashed paths of both apps.
//
// Two apps (src/app.rs): the residents' (everything but the staff paths), and the
// staff's (sign-in, triage), so that residents never download the staff screens.
//
// Events on `document` (the app's side of the contract):
//   'omzien-update-available'  we dispatch: a new version is installed and waiting
//   'omzien-apply-update'      the app dispatches: the user chose to update now
const RESIDENT_APP = { js: '__APP_JS__', wasm: '__APP_WASM__' };
const STAFF_APP = { js: '__STAFF_JS__', wasm: '__STAFF_WASM__' };
// The same rule as `is_staff_path` in src/app.rs.
const STAFF_PATHS = ['/medewerkers', '/meldpunt', '/monitoring'];

function isStaffPath(path) {
  return STAFF_PATHS.some((p) => path === p || path.startsWith(p + '/'));
}

const UPDATE_AVAILABLE = 'omzien-update-available';
const APPLY_UPDATE = 'omzien-apply-update';
// A tablet on a home visit may stay on one page for hours: look for a new version now
// and then, not only when the browser navigates.
const UPDATE_CHECK_MS = 60 * 60 * 1000;

// The seniors' display settings (src/store/display.rs writes them), applied before
// the app draws so the page never flashes in the small size first.
const DISPLAY_KEY = 'omzien-weergave';

function applyDisplaySettings() {
  // Omzien's theme of NL Design System tokens (style/theme.css) hangs on this class.
  document.documentElement.classList.add('omzien-theme');
  try {
    const saved = JSON.parse(localStorage.getItem(DISPLAY_KEY) || '{}');
    const html = document.documentElement;
    if (['normaal', 'groot', 'extra-groot'].includes(saved.text)) html.dataset.tekst = saved.text;
    if (['normaal', 'hoog'].includes(saved.contrast)) html.dataset.contrast = saved.contrast;
  } catch (error) {
    // No storage (a locked-down kiosk, a private window): the defaults.
  }
}

// The language a resident chose (src/store/language.rs writes it; src/lang.rs decides).
// Set before the app draws, so Arabic never flashes left to right first. A kiosk always
// starts in Dutch.
const LANGUAGE_KEY = 'omzien-taal';
const LANGUAGES = ['nl', 'en', 'ar', 'uk', 'tr'];

function applyLanguage() {
  try {
    if (localStorage.getItem(KIOSK_KEY) !== null) return;
    const saved = localStorage.getItem(LANGUAGE_KEY);
    if (!LANGUAGES.includes(saved)) return;
    document.documentElement.lang = saved;
    document.documentElement.dir = saved === 'ar' ? 'rtl' : 'ltr';
  } catch (error) {
    // No storage: Dutch, as index.html says.
  }
}

// Kiosk mode (src/store/kiosk.rs writes the setting). A visit ends with a fresh start
// page, but the browser's history still holds the pages an earlier visitor saw, with
// their search terms in the address: going Back there starts at the start page instead.
const KIOSK_KEY = 'omzien-kiosk';

function applyKioskMode() {
  let kiosk = false;
  try {
    kiosk = localStorage.getItem(KIOSK_KEY) !== null;
  } catch (error) {
    // No storage: not a kiosk.
  }
  if (!kiosk) return;
  document.documentElement.dataset.kiosk = '';
  if (cameBackOrForward() && location.pathname !== '/') location.replace('/');
  // A page restored from the back/forward cache still has its memory: start over.
  window.addEventListener('pageshow', (event) => {
    if (event.persisted) location.replace('/');
  });
}

// The Navigation API says it where it exists (Chromium); Navigation Timing elsewhere.
function cameBackOrForward() {
  const activation = window.navigation && window.navigation.activation;
  if (activation) return activation.navigationType === 'traverse';
  const [timing] = performance.getEntriesByType('navigation');
  return Boolean(timing) && timing.type === 'back_forward';
}

applyKioskMode();
applyDisplaySettings();
applyLanguage();

async function start() {
  const app = isStaffPath(location.pathname) ? STAFF_APP : RESIDENT_APP;
  try {
    const { default: init } = await import(app.js);
    await init({ module_or_path: app.wasm });
  } catch (error) {
    console.error('Omzien kon niet starten:', error);
    showStartFailure();
  }
  // After init, so the app listens before we announce anything; and even when init
  // failed, so a fixed version can still arrive.
  registerServiceWorker();
}

function showStartFailure() {
  const main = document.createElement('main');
  main.id = 'main';
  const heading = document.createElement('h1');
  heading.textContent = 'Omzien kon niet starten. Laad de pagina opnieuw.';
  main.append(heading);
  document.body.replaceChildren(main);
}

function registerServiceWorker() {
  if (!('serviceWorker' in navigator)) return;
  const container = navigator.serviceWorker;
  let registration = null;
  let updateApplied = false;
  let reloading = false;

  const announce = () => document.dispatchEvent(new CustomEvent(UPDATE_AVAILABLE));

  document.addEventListener(APPLY_UPDATE, () => {
    const waiting = registration && registration.waiting;
    if (!waiting) return;
    updateApplied = true;
    waiting.postMessage({ type: 'SKIP_WAITING' });
  });

  // The first install also changes the controller (clients.claim()); only an update
  // that the user asked for reloads the page.
  container.addEventListener('controllerchange', () => {
    if (!updateApplied || reloading) return;
    reloading = true;
    window.location.reload();
  });

  container
    .register('/sw.js', { scope: '/' })
    .then((reg) => {
      registration = reg;
      // Installed during an earlier visit and still waiting for its turn.
      if (reg.waiting && container.controller) announce();
      reg.addEventListener('updatefound', () => {
        const worker = reg.installing;
        if (!worker) return;
        worker.addEventListener('statechange', () => {
          // With no controller this is the very first install, not an update.
          if (worker.state === 'installed' && container.controller) announce();
        });
      });
      setInterval(() => {
        if (navigator.onLine) reg.update().catch(() => {});
      }, UPDATE_CHECK_MS);
    })
    .catch((error) => {
      console.warn('Omzien werkt zonder offline-opslag: de service worker kon niet starten.', error);
    });
}

start();
