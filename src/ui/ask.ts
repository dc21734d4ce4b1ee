// Typed requests from extension pages to the background: actions go through the background only.
import { browser } from 'wxt/browser';
import type { Message, MessageType, Reply } from '../model/messages';

export function ask<T extends MessageType>(msg: Message<T>): Promise<Reply<T>> {
  return browser.runtime.sendMessage(msg) as Promise<Reply<T>>;
}
