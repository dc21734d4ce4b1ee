// --interact: press "Compare with a clean visit" in the popup, as a person would. The extension then
// fetches the page twice without cookies and stores the comparison in its report. On a page without a
// product price the button is not there and nothing happens.
import type { Probe } from './types';

export const cleanPriceProbe: Probe = {
  name: 'clean-price',
  description: 'compare the price shown with a clean visit (the page fetched twice without cookies)',
  async run(_page, ctx) {
    const popup = await ctx.ext.extensionPage(`popup.html?tabId=${ctx.tabId}`);
    try {
      await popup.waitForSelector('.report, .state h1', { timeout: 10000 });
      await popup.locator('.principle[data-principle="fairness"] .principle-head').click();
      const button = popup.locator('.clean-check button');
      if ((await button.count()) === 0) {
        // the panel renders once the price row is in the database: give a late page scan a moment
        await button.waitFor({ timeout: 2500 }).catch(() => {});
        if ((await button.count()) === 0) return;
      }
      await button.click();
      await popup.locator('.clean-result').waitFor({ timeout: 30000 });
      await popup.locator('.clean-check button:not([disabled])').waitFor({ timeout: 30000 });
    } finally {
      await popup.close().catch(() => {});
    }
  },
};
