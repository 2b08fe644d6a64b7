/// <reference types="vitest/config" />
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

/** Removes each `@media` block whose query holds an old IE `\0` hack (lightningcss rejects them). */
export function dropIeMediaHacks(css: string): string {
  let out = '';
  let from = 0;
  for (;;) {
    const at = css.indexOf('@media', from);
    if (at < 0) return out + css.slice(from);
    const open = css.indexOf('{', at);
    if (open < 0) return out + css.slice(from);
    if (!css.slice(at, open).includes('\\0')) {
      out += css.slice(from, open + 1);
      from = open + 1;
      continue;
    }
    let depth = 1;
    let i = open + 1;
    for (; i < css.length && depth > 0; i++) depth += css[i] === '{' ? 1 : css[i] === '}' ? -1 : 0;
    out += css.slice(from, at);
    from = i;
  }
}

/**
 * The GDS Transport font and the crown are for services on GOV.UK only, and this
 * service is not on GOV.UK. Drop them from govuk-frontend's compiled CSS, so text
 * uses the Arial fallback and nothing is fetched for them; drop IE-only hacks too.
 */
function govukCss(): Plugin {
  return {
    name: 'govuk-css',
    enforce: 'pre',
    transform(code, id) {
      if (!id.includes('govuk-frontend.min.css')) return null;
      const css = code
        .replace(/@font-face\{[^}]*\}/g, '')
        .replaceAll('font-family:GDS Transport,', 'font-family:')
        .replaceAll('url(/assets/images/govuk-crest.svg)', 'none')
        .replace(/\/\*# sourceMappingURL=[^*]*\*\//, '');
      return { code: dropIeMediaHacks(css), map: null };
    },
  };
}

export default defineConfig({
  plugins: [react(), govukCss()],
  build: { manifest: true },
  server: {
    proxy: { '/api': { target: 'http://127.0.0.1:8000', changeOrigin: false } },
  },
  test: {
    environment: 'jsdom',
    setupFiles: ['src/test/setup.ts'],
    include: ['src/**/*.test.{ts,tsx}'],
    css: false,
    // Each test clicks through real components; on a shared 2-core machine under load one can take
    // several seconds. Timeouts here catch hangs, not slowness (speed is measured elsewhere).
    testTimeout: 30_000,
  },
});
