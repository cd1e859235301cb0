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
// Each language's words but Dutch's (which the app carries), fetched when a person
// chooses it: src/api/words.rs reads this. The service worker precaches them all.
globalThis.OMZIEN_WORDS = { en: '__WORDS_EN__', ar: '__WORDS_AR__', uk: '__WORDS_UK__', tr: '__WORDS_TR__' };
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
  // index.html has it too, so the first paint is drawn in the theme even when this
  // module runs after it (without it the page shifted as the theme came: Lighthouse's
  // CLS 0.56 on some runs, docs/benchmarks.md).
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

// index.html's first paint is the home page in Dutch, drawn before the wasm arrives.
// On another page, or in another language, only its frame stays until the app mounts
// (src/lib.rs removes it then).
function trimFirstPaint() {
  const html = document.documentElement;
  if (location.pathname !== '/' || html.lang !== 'nl') {
    const main = document.getElementById('first-paint-main');
    if (main) main.remove();
  }
  if (html.lang !== 'nl') {
    const nav = document.querySelector('#first-paint nav');
    if (nav) nav.remove();
  }
}

applyKioskMode();
applyDisplaySettings();
applyLanguage();
trimFirstPaint();

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

// The app is fetched once the static first paint is on screen, not preloaded by
// index.html: on a slow link the stylesheet and the page's text get the bandwidth
// first, and the largest paint (the home page's text) no longer waits for 400 KB of
// wasm (Lighthouse's LCP 3.2 s → about 1 s on its slow 4G, docs/benchmarks.md). A tab
// opened in the background draws no frames, so there it starts at once.
if (document.visibilityState === 'hidden') start();
else requestAnimationFrame(() => setTimeout(start, 0));
