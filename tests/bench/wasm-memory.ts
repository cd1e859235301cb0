// The residents' wasm memory, in bytes, as the page has it now. wasm-bindgen's glue
// module is a singleton: importing it again in the page gives the instance the app
// runs on, and its init returns the instance's exports (without starting anything a
// second time) — `memory` among them. Wasm memory only grows, so this is its peak.
import type { Page } from '@playwright/test';

export async function wasmMemoryBytes(page: Page): Promise<number | null> {
  return page.evaluate(async () => {
    const glue = performance
      .getEntriesByType('resource')
      .map((e) => new URL(e.name).pathname)
      .find((p) => /^\/omzien-[0-9a-f]+\.js$/.test(p));
    if (!glue) return null;
    const module = await import(glue);
    const exports = await module.default();
    return exports?.memory?.buffer?.byteLength ?? null;
  });
}
