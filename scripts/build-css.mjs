// Bundles the app's one stylesheet: the NL Design System components Omzien uses (from
// npm, exact versions in package.json), then Omzien's theme of design tokens, then our
// own layout and the few parts no component covers, then the print rules. Minified with
// lightningcss; only the components listed here go in. Usage: build-css.mjs OUT.css
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { transform } from 'lightningcss';

const require = createRequire(import.meta.url);

// Components styled by their class (`utrecht-page-header`, `utrecht-alert`, ...).
const byClass = [
  'page-header', 'page-content', 'page-footer', 'skip-link', 'alert', 'data-badge',
  'form-field', 'form-field-description', 'form-field-error-message',
];
// Components in their "html" form: they style the plain element (`button`, `h1`,
// `input[type=checkbox]`, `table`), so every view gets them without a class on each.
const byElement = [
  'body', 'heading-1', 'heading-2', 'heading-3', 'paragraph', 'link', 'button',
  'form-label', 'textbox', 'textarea', 'select', 'checkbox', 'radio-button', 'table',
];

const parts = [
  ...byClass.map((c) => require.resolve(`@utrecht/${c}-css/dist/index.css`)),
  ...byElement.map((c) => require.resolve(`@utrecht/${c}-css/dist/html/index.css`)),
  'style/theme.css',
  'style/main.css',
  'style/print.css',
];

const out = process.argv[2];
if (!out) {
  console.error('usage: build-css.mjs OUT.css');
  process.exit(2);
}
const source = parts.map((p) => readFileSync(p, 'utf8')).join('\n');
const { code, warnings } = transform({ filename: 'style.css', code: Buffer.from(source), minify: true });
for (const w of warnings) console.error(`build-css: ${w.message}`);
writeFileSync(out, code);
