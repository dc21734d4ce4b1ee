// Wording and scoring for AI transparency and human contact: ai-chat, ai-disclosure, human-contact.
// Page text (greetings, labels) goes in as data through quote(); whatever renders it escapes it.
import type { StoredFinding } from '../../model/finding';
import type { KindSpecs } from './types';
import { plural, quote } from './util';

const ACT = 'Since 2 August 2026 the EU AI Act (Article 50(1)) requires that people be told, at the latest at the first interaction, when they are talking to an AI.';

const CHANNEL_WORDS: Record<string, string> = {
  'chat-handoff': 'a person through the chat',
  phone: 'a phone number',
  email: 'an e-mail address',
  form: 'a contact form or page',
};

function who(f: StoredFinding): string {
  return f.vendor ? `The chat assistant (${f.vendor})` : 'The chat assistant on this page';
}

function otherChannels(f: StoredFinding): string[] {
  return Array.isArray(f.details.otherChannels) ? f.details.otherChannels.filter((c): c is string => typeof c === 'string') : [];
}

function humanClause(f: StoredFinding): string {
  const others = otherChannels(f).map((c) => CHANNEL_WORDS[c] ?? c);
  if (f.details.humanHandoff === true) return 'It offers to put you through to a person.';
  if (f.details.humanHandoff === false) {
    return others.length ? `It does not offer a person, but the page lists ${others.join(' and ')}.` : 'It does not offer a way to reach a person, and Candor found no other contact on this page.';
  }
  return others.length ? `The page lists ${others.join(' and ')}.` : '';
}

export const aiKinds: KindSpecs = {
  'ai-chat': {
    words: (f) => {
      const d = f.details;
      const text = typeof d.text === 'string' && d.text ? ` It says: ${quote(d.text)}` : '';
      if (d.aiDisclosed === true) {
        return {
          title: `${who(f)} tells you it is an AI`,
          why: `Good practice: you know you are talking to an automated system before you share anything.${text} ${humanClause(f)} ${ACT}`.replace(/\s+/g, ' ').trim(),
          action: 'Treat its answers as machine-made: check important ones (prices, refunds, medical or legal matters) with a person.',
        };
      }
      if (d.aiDisclosed === false) {
        return {
          title: `${who(f)} is an AI but does not say so`,
          why: `${f.details.aiFirst === true ? `${f.vendor ?? 'This product'} is an AI agent first, ` : 'It names an AI model, '}yet its greeting and labels never tell you that an AI answers.${text} ${humanClause(f)} ${ACT}`.replace(/\s+/g, ' ').trim(),
          action: 'Assume you are talking to an AI. Ask it directly ("are you a bot?"), and ask for a person for anything that matters.',
        };
      }
      return {
        title: f.vendor ? `A chat widget (${f.vendor}) — Candor cannot tell whether a person or an AI answers` : 'A chat widget — Candor cannot tell whether a person or an AI answers',
        why: `${f.details.offersAi === true ? `${f.vendor ?? 'This product'} can answer with an AI agent or with people. ` : ''}Its text does not say who answers.${text} ${humanClause(f)}`.replace(/\s+/g, ' ').trim(),
        action: 'Open the chat: an honest assistant says at the start whether it is an AI. Ask if it does not.',
      };
    },
    points: (f) => {
      const d = f.details;
      // An AI that hides what it is breaks the one rule this principle exists for (and Art. 50(1)):
      // on its own it halves the score; with no way to a person as well, the grade is capped (score.ts).
      const noHuman = d.humanHandoff === false && otherChannels(f).length === 0 ? -15 : 0;
      if (d.aiDisclosed === true) return 10 + noHuman;
      if (d.aiDisclosed === false) return -50 + noHuman;
      return noHuman;
    },
    phrase: (fs) => {
      const hidden = fs.filter((f) => f.details.aiDisclosed === false).length;
      const told = fs.filter((f) => f.details.aiDisclosed === true).length;
      if (hidden) return `an AI chat assistant does not say it is an AI`;
      if (told) return `the AI chat assistant says it is an AI`;
      return `${plural(fs.length, 'chat widget', 'chat widgets')}; not clear whether an AI answers`;
    },
  },
  'ai-disclosure': {
    words: (f) => ({
      title: `The page labels AI-made content: ${quote(f.details.text, 80)}`,
      why: 'Good practice: the site tells you which content was made or summarised by AI, so you can weigh it accordingly.',
      action: 'Read AI-made summaries and reviews as a starting point and check the original sources.',
    }),
    points: () => 5,
    phrase: (fs) => `${plural(fs.length, 'AI label', 'AI labels')} on content`,
  },
  'human-contact': {
    words: (f) => {
      const ch = String(f.details.channel ?? '');
      const text = typeof f.details.text === 'string' && f.details.text ? ` (${quote(f.details.text, 60)})` : '';
      const title: Record<string, string> = {
        'chat-handoff': 'The chat offers to put you through to a person',
        phone: `You can reach a person by phone${text}`,
        email: `You can write to the site by e-mail${text}`,
        form: `The site has a contact form or page${text}`,
      };
      return {
        title: title[ch] ?? 'You can reach a person',
        why: 'Being able to reach a person matters when an automated system gets something wrong or cannot help.',
        action: ch === 'chat-handoff' ? 'Ask the chat for a person whenever the answer matters.' : 'Use it when automated help is not enough.',
      };
    },
    points: () => 5,
    phrase: (fs) => {
      const chans = [...new Set(fs.map((f) => CHANNEL_WORDS[String(f.details.channel)] ?? String(f.details.channel)))];
      return `you can reach ${chans.join(', ')}`;
    },
  },
};
