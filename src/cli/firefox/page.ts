// A puppeteer page (Firefox over WebDriver BiDi) as an AuditPage: the few calls the audit, its probes
// and the Firefox tests make, with Playwright's meaning (locators look elements up when used; clicks
// wait for the element), so the same audit code drives Firefox and Chromium.
import type { ElementHandle, Page } from 'puppeteer-core';
import type { AuditLocator, AuditPage, AuditResponse } from '../driver';

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export class FirefoxPage implements AuditPage {
  constructor(readonly raw: Page) {}

  async goto(url: string, o: { waitUntil?: 'load'; timeout?: number; referer?: string } = {}): Promise<AuditResponse | null> {
    // WebDriver BiDi has no referrer for a navigation (puppeteer drops the option): say so rather than
    // audit a visitor "from" a page without it
    if (o.referer) throw new Error('a visitor arriving from another page (a referrer) cannot be audited in Firefox yet');
    const r = await this.raw.goto(url, { waitUntil: 'load', timeout: o.timeout ?? 30000 });
    return r ? { status: () => r.status() } : null;
  }

  async reload(o: { timeout?: number } = {}): Promise<unknown> {
    return this.raw.reload({ waitUntil: 'load', timeout: o.timeout ?? 30000 });
  }

  url(): string {
    return this.raw.url();
  }

  waitForTimeout(ms: number): Promise<void> {
    return sleep(ms);
  }

  evaluate<R, A>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R> {
    // puppeteer's own typing maps handles in arguments; ours are plain JSON values
    return this.raw.evaluate(fn as unknown as (a: unknown) => R, arg) as Promise<R>;
  }

  locator(selector: string): AuditLocator {
    return new FirefoxLocator(this.raw, selector, -1);
  }

  async waitForSelector(selector: string, o: { timeout?: number } = {}): Promise<unknown> {
    return this.raw.waitForSelector(selector, { timeout: o.timeout ?? 30000 });
  }

  get mouse() {
    const m = this.raw.mouse;
    return { click: (x: number, y: number) => m.click(x, y), move: (x: number, y: number) => m.move(x, y) };
  }

  setViewportSize(size: { width: number; height: number }): Promise<void> {
    return this.raw.setViewport(size);
  }

  async screenshot(o: { fullPage?: boolean; type?: 'png' | 'jpeg'; quality?: number } = {}): Promise<Buffer> {
    const type = o.type ?? 'png';
    return Buffer.from(await this.raw.screenshot({ fullPage: !!o.fullPage, type, ...(type === 'jpeg' && o.quality ? { quality: o.quality } : {}) }));
  }

  close(): Promise<void> {
    return this.raw.close();
  }
}

/** `index` -1: the first match, waited for when acted on (Playwright's strictness is not needed here). */
class FirefoxLocator implements AuditLocator {
  constructor(
    private readonly page: Page,
    private readonly selector: string,
    private readonly index: number,
  ) {}

  async count(): Promise<number> {
    return (await this.page.$$(this.selector)).length;
  }

  nth(i: number): AuditLocator {
    return new FirefoxLocator(this.page, this.selector, i);
  }

  private async handle(timeout = 30000): Promise<ElementHandle<Element>> {
    if (this.index < 0) {
      const h = await this.page.waitForSelector(this.selector, { timeout });
      if (!h) throw new Error(`no element matches ${this.selector}`);
      return h;
    }
    const deadline = Date.now() + timeout;
    for (;;) {
      const all = await this.page.$$(this.selector);
      const h = all[this.index];
      if (h) return h;
      if (Date.now() > deadline) throw new Error(`no element ${this.index} matches ${this.selector}`);
      await sleep(100);
    }
  }

  async isVisible(): Promise<boolean> {
    const h = await this.handle(0).catch(() => null);
    return h ? h.isVisible() : false;
  }

  async isEditable(): Promise<boolean> {
    const h = await this.handle(0).catch(() => null);
    return h ? h.evaluate((el) => !(el as HTMLInputElement).disabled && !(el as HTMLInputElement).readOnly) : false;
  }

  async evaluate<R>(fn: (el: Element) => R): Promise<R> {
    const h = await this.handle();
    return (await h.evaluate(fn as (el: Element) => R)) as R;
  }

  async click(o: { timeout?: number } = {}): Promise<void> {
    const h = await this.handle(o.timeout);
    await h.click();
  }

  async pressSequentially(text: string, o: { delay?: number; timeout?: number } = {}): Promise<void> {
    const h = await this.handle(o.timeout);
    await h.focus();
    await h.type(text, { delay: o.delay ?? 0 });
  }

  async waitFor(o: { timeout?: number } = {}): Promise<void> {
    await this.handle(o.timeout);
  }
}
