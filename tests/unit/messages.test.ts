// The background's front door: every way a message is refused, and the ways it is let in.
import { describe, expect, it, vi } from 'vitest';
import { createDispatcher, type Handlers, MessageError, type Sender } from '../../src/background/messages';

const SELF = 'candor-id';
const ORIGIN = `chrome-extension://${SELF}/`;
const content: Sender = { id: SELF, url: 'https://shop.example/p', tab: { id: 4 }, frameId: 0 };
const popup: Sender = { id: SELF, url: `${ORIGIN}popup.html` };
const popupInTab: Sender = { id: SELF, url: `${ORIGIN}popup.html?tabId=4`, tab: { id: 9 } };

function setup() {
  const calls: string[] = [];
  const h = (name: string) => vi.fn(async () => (calls.push(name), { ok: true }) as never);
  const handlers = {
    'observe/dom': h('observe/dom'),
    'observe/page-events': h('observe/page-events'),
    'report/for-tab': h('report/for-tab'),
    'status/get': h('status/get'),
    'history/deleted': h('history/deleted'),
  } as unknown as Handlers;
  return { dispatch: createDispatcher(handlers, SELF, ORIGIN), calls };
}

describe('message dispatcher', () => {
  it('lets content scripts observe and extension pages ask', async () => {
    const { dispatch, calls } = setup();
    await dispatch({ type: 'observe/dom', snapshot: { url: 'x' } }, content);
    await dispatch({ type: 'observe/page-events', events: [] }, content);
    await dispatch({ type: 'report/for-tab', tabId: 4 }, popup);
    await dispatch({ type: 'status/get' }, popupInTab);
    expect(calls).toEqual(['observe/dom', 'observe/page-events', 'report/for-tab', 'status/get']);
  });

  it.each([null, undefined, 'observe/dom', 42, [], {}, { type: 7 }, { type: null }])('rejects malformed message %j', async (raw) => {
    const { dispatch, calls } = setup();
    await expect(dispatch(raw, content)).rejects.toThrow(/malformed message/);
    expect(calls).toEqual([]);
  });

  it.each(['nope', 'observe/DOM', '__proto__', 'constructor', 'toString', 'hasOwnProperty', ''])('rejects unknown type %j', async (type) => {
    const { dispatch, calls } = setup();
    await expect(dispatch({ type }, popup)).rejects.toThrow(MessageError);
    expect(calls).toEqual([]);
  });

  it('rejects messages from another extension or with no sender id', async () => {
    const { dispatch, calls } = setup();
    await expect(dispatch({ type: 'status/get' }, { ...popup, id: 'evil-extension' })).rejects.toThrow(/another extension/);
    await expect(dispatch({ type: 'observe/dom', snapshot: {} }, { ...content, id: undefined })).rejects.toThrow(/another extension/);
    expect(calls).toEqual([]);
  });

  it('rejects extension-page messages from web pages (a page cannot read other tabs’ reports)', async () => {
    const { dispatch, calls } = setup();
    await expect(dispatch({ type: 'report/for-tab', tabId: 1 }, content)).rejects.toThrow(/not accepted from a web page/);
    await expect(dispatch({ type: 'status/get' }, content)).rejects.toThrow(/not accepted from a web page/);
    // nor make the worker delete history
    await expect(dispatch({ type: 'history/deleted', site: 'shop.example' }, content)).rejects.toThrow(/not accepted from a web page/);
    // a page whose URL merely contains the extension origin is still a web page
    await expect(dispatch({ type: 'status/get' }, { ...content, url: `https://evil.example/${ORIGIN}` })).rejects.toThrow(/web page/);
    expect(calls).toEqual([]);
  });

  it('rejects observations sent by extension pages (only pages are observed)', async () => {
    const { dispatch, calls } = setup();
    await expect(dispatch({ type: 'observe/dom', snapshot: {} }, popup)).rejects.toThrow(/not accepted from an extension page/);
    await expect(dispatch({ type: 'observe/page-events', events: [] }, popupInTab)).rejects.toThrow(/extension page/);
    expect(calls).toEqual([]);
  });

  it.each([
    [{ type: 'observe/dom' }, content],
    [{ type: 'observe/dom', snapshot: 'x' }, content],
    [{ type: 'observe/dom', snapshot: [] }, content],
    [{ type: 'observe/page-events', events: 'x' }, content],
    [{ type: 'observe/page-events', events: { length: 1 } }, content],
    [{ type: 'report/for-tab' }, popup],
    [{ type: 'report/for-tab', tabId: '4' }, popup],
    [{ type: 'report/for-tab', tabId: -1 }, popup],
    [{ type: 'report/for-tab', tabId: 1.5 }, popup],
  ] as [unknown, Sender][])('rejects the malformed payload %j', async (raw, sender) => {
    const { dispatch, calls } = setup();
    await expect(dispatch(raw, sender)).rejects.toThrow(/malformed payload/);
    expect(calls).toEqual([]);
  });
});
