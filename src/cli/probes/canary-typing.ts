// `audit --interact`: types canary values into the page's fields as a person would (the way
// Blacklight does), WITHOUT submitting, so the extension's passive key-logging detector can see them
// leave the page before any submit. The probe detects nothing itself; it only types.
import type { Probe } from './types';

/** Recognisable, fake values: nobody's real data, easy to search for in a database or an export. */
export const CANARY = {
  email: 'candor.canary.probe@example.com',
  phone: '+1 555 0100 4242',
  name: 'Candor Canaryperson',
  password: 'Canary-Pass-8642',
  text: 'candor canary text',
} as const;

const SELECTOR = 'input:not([type]), input[type=text], input[type=email], input[type=tel], input[type=password], input[type=search]';
const MAX_FIELDS = 12;

function valueFor(type: string, hint: string): string {
  if (type === 'email' || /e-?mail/i.test(hint)) return CANARY.email;
  if (type === 'tel' || /phone|mobile|tel/i.test(hint)) return CANARY.phone;
  if (type === 'password') return CANARY.password;
  if (/name/i.test(hint)) return CANARY.name;
  return CANARY.text;
}

export const canaryTypingProbe: Probe = {
  name: 'canary-typing',
  description: 'types canary e-mail, phone, name and password values into the page’s fields without submitting',
  async run(page, ctx) {
    const fields = page.locator(SELECTOR);
    const n = Math.min(await fields.count(), MAX_FIELDS);
    let typed = 0;
    for (let i = 0; i < n; i++) {
      const f = fields.nth(i);
      if (!(await f.isVisible().catch(() => false)) || !(await f.isEditable().catch(() => false))) continue;
      const [type, hint] = await f.evaluate((el) => {
        const e = el as HTMLInputElement;
        return [(e.type || 'text').toLowerCase(), `${e.name} ${e.id} ${e.autocomplete} ${e.placeholder}`];
      });
      await f.click({ timeout: 2000 }).catch(() => {});
      // key by key, like a person, so input/keydown listeners see every keystroke
      await f.pressSequentially(valueFor(type, hint), { delay: 15, timeout: 10000 });
      // leaving the field fires change/blur, when many scripts send what was typed
      await f.evaluate((el) => (el as HTMLElement).blur());
      typed++;
    }
    if (typed) {
      // let hashing (the hook waits for typing to pause) and the page's own beacons happen
      await page.waitForTimeout(1500);
      ctx.log(`canary-typing: typed into ${typed} field${typed === 1 ? '' : 's'} on ${ctx.url} (nothing submitted)`);
    }
  },
};
