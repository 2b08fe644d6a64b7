// Runs axe-core inside a page and fails on any WCAG 2.2 AA violation.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** Returns axe's violations for the page as it is now. */
export async function axeViolations(page) {
  const loaded = await page.evaluate(() => typeof window.axe !== 'undefined');
  // Evaluated by the browser's devtools protocol, not as a <script> tag: the app's Content-Security-Policy
  // allows no inline script, and it must stay on while axe looks.
  if (!loaded) await page.evaluate(AXE_SOURCE);
  return page.evaluate(async (tags) => {
    const result = await window.axe.run(document, { runOnly: { type: 'tag', values: tags } });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.map((n) => n.target.join(' ')),
    }));
  }, WCAG_TAGS);
}

/** Throws, listing each violation and where, if axe finds any. */
export async function expectNoAxeViolations(page, label = page.url()) {
  const violations = await axeViolations(page);
  if (violations.length === 0) return;
  const lines = violations.map((v) => `  ${v.id} (${v.impact}): ${v.help}\n    at ${v.targets.join(', ')}`);
  throw new Error(`axe found ${violations.length} violation(s) on ${label}:\n${lines.join('\n')}`);
}
