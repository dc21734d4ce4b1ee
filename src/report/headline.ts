// The popup's headline: the few facts about a page a person wants first, each one counted from the
// findings (never a claim without one). Pure: findings in, counts out; the UI words them.
import type { Finding } from '../model/finding';
import { companyOf, isSeeing } from './facts';

export interface Headline {
  /** companies told about this visit: the badge's number too */
  companies: number;
  /** companies that record the screen (session replay) */
  recording: number;
  /** companies (or scripts) that fingerprint the device, on firm evidence */
  fingerprinting: number;
  /** where typed input goes before submit */
  typing: number;
  /** companies that get an e-mail address or phone number */
  contact: number;
  /** an AI chat: whether it says it is one (null: not known) */
  aiChat: 'disclosed' | 'undisclosed' | 'unknown' | null;
  /** the price differs from a clean visit */
  priceDiffers: boolean;
}

const whoOf = (f: Finding): string => companyOf(f) ?? String(f.details.scriptHost ?? f.details.destination ?? f.kind);

/** distinct companies told about a visit, over findings with a company (src/report/facts.ts isSeeing) */
export function companiesTold(fs: readonly Pick<Finding, 'kind' | 'vendor' | 'company' | 'assessment'>[]): number {
  return new Set(fs.filter(isSeeing).map((f) => f.company ?? f.vendor)).size;
}

export function headlineOf(findings: readonly Finding[]): Headline {
  const of = (pred: (f: Finding) => boolean) => new Set(findings.filter((f) => f.assessment !== 'good' && pred(f)).map(whoOf)).size;
  const chats = findings.filter((f) => f.kind === 'ai-chat');
  const aiChat = chats.length === 0 ? null : chats.some((f) => f.details.aiDisclosed === false) ? 'undisclosed' : chats.every((f) => f.details.aiDisclosed === true) ? 'disclosed' : 'unknown';
  return {
    companies: companiesTold(findings),
    recording: of((f) => f.kind === 'session-replay'),
    fingerprinting: of((f) => f.kind === 'fingerprinting' && f.confidence !== 'possible' && f.details.technique !== 'worker'),
    typing: of((f) => f.kind === 'keylogging'),
    contact: of((f) => f.kind === 'pii-leak'),
    aiChat,
    priceDiffers: findings.some((f) => f.kind === 'price-difference' && f.assessment !== 'good'),
  };
}
