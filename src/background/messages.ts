// One handler per message type, and a sender check before any of them runs. Messages from content
// scripts are untrusted (Privacy Badger's dispatcher): only known types, only from our own extension.
import { CONTENT_MESSAGES, type MessageMap, type MessageType, type Reply } from '../model/messages';

export interface Sender {
  id?: string;
  url?: string;
  tab?: { id?: number; incognito?: boolean };
  frameId?: number;
}

export type Handlers = {
  [T in MessageType]: (msg: MessageMap[T]['req'], sender: Sender) => Promise<Reply<T>>;
};

export class MessageError extends Error {}

type Validator = (msg: Record<string, unknown>) => boolean;
const isInt = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v >= 0;
/**
 * Payload shapes checked before a handler runs. The sanitizers cap what content scripts send; these
 * only refuse what is not even the right shape. Types without an entry are shape-checked by their handler.
 */
export const CORE_VALIDATORS: Partial<Record<MessageType, Validator>> = {
  'observe/dom': (m) => !!m.snapshot && typeof m.snapshot === 'object' && !Array.isArray(m.snapshot),
  'observe/page-events': (m) => Array.isArray(m.events),
  'observe/kit': () => true,
  'report/for-tab': (m) => isInt(m.tabId),
  'status/get': () => true,
  'history/deleted': (m) => m.site === undefined || (typeof m.site === 'string' && m.site.length > 0 && m.site.length <= 300),
};

export function createDispatcher(handlers: Handlers, selfId: string, extensionOrigin: string, validators = CORE_VALIDATORS) {
  return async function dispatch(raw: unknown, sender: Sender): Promise<unknown> {
    if (!raw || typeof raw !== 'object' || typeof (raw as { type?: unknown }).type !== 'string') {
      throw new MessageError('malformed message');
    }
    const type = (raw as { type: string }).type;
    if (!Object.prototype.hasOwnProperty.call(handlers, type)) {
      console.warn('[candor] unknown message type rejected', type);
      throw new MessageError(`unknown message type: ${type}`);
    }
    if (sender.id !== selfId) throw new MessageError('message from another extension rejected');
    const fromContent = !!sender.tab && !(sender.url ?? '').startsWith(extensionOrigin);
    const t = type as MessageType;
    if (fromContent !== CONTENT_MESSAGES.has(t)) {
      throw new MessageError(`${type} is not accepted from ${fromContent ? 'a web page' : 'an extension page'}`);
    }
    const valid = validators[t];
    if (valid && !valid(raw as Record<string, unknown>)) throw new MessageError(`${type}: malformed payload`);
    return (handlers[t] as (m: unknown, s: Sender) => Promise<unknown>)(raw, sender);
  };
}
