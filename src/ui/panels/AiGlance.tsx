// "AI at a glance", at the top of the report: is there an AI assistant, does it say it is an AI, can I
// reach a person — with the widget's own words as evidence. Page text is rendered as React text only.
import type { Finding } from '../../model/finding';
import type { SiteReport } from '../../model/report';
import type { PanelProps, ReportPanel } from './types';
import './ai-glance.css';

const CHANNEL: Record<string, string> = { 'chat-handoff': 'through the chat', phone: 'by phone', email: 'by e-mail', form: 'through a contact form' };

function channelsOf(report: SiteReport): string[] {
  return [...new Set(report.findings.filter((f) => f.kind === 'human-contact').map((f) => String(f.details.channel)))];
}

/** "a, b or c" */
function orList(xs: string[]): string {
  return xs.length <= 1 ? (xs[0] ?? '') : `${xs.slice(0, -1).join(', ')} or ${xs[xs.length - 1]}`;
}

type Tri = 'yes' | 'no' | 'unknown';
const tri = (v: unknown): Tri => (v === true ? 'yes' : v === false ? 'no' : 'unknown');
const MARK: Record<Tri, string> = { yes: '✓', no: '!', unknown: '?' };

function ChatCard({ f, channels }: { f: Finding; channels: string[] }) {
  const d = f.details;
  const isAi = d.aiDisclosed === true || d.judgedAi === true;
  const name = f.vendor ? ` (${f.vendor})` : '';
  const disclosed = tri(d.aiDisclosed);
  const viaChat = d.humanHandoff === true;
  const other = channels.filter((c) => c !== 'chat-handoff');
  const human: Tri = viaChat || other.length ? 'yes' : d.humanHandoff === false ? 'no' : 'unknown';
  const ways = other.map((c) => CHANNEL[c] ?? c);
  const humanText = viaChat
    ? `You can reach a human ${orList(['through the chat', ...ways])}`
    : other.length
      ? `You can reach a human ${orList(ways)}${d.humanHandoff === false ? ' — not through the chat' : ''}`
      : d.humanHandoff === false
        ? 'You cannot reach a human: the chat offers no person and the page lists no contact'
        : 'Candor found no way to reach a human on this page';
  const text = typeof d.text === 'string' ? d.text : '';
  return (
    <div className={`ai-chat-card ${f.assessment}`} data-vendor={f.vendor ?? ''}>
      <p className="ai-present">
        {isAi ? `There is an AI assistant here${name}` : `There is a chat assistant here${name}${d.offersAi === true ? ' — it may be an AI' : ''}`}
      </p>
      <p className={`ai-line ai-disclosed ${disclosed}`} data-value={disclosed}>
        <span className="mark" aria-hidden="true">{MARK[disclosed]}</span>
        {disclosed === 'yes' ? 'It tells you it is an AI' : disclosed === 'no' ? 'It does not tell you it is an AI' : 'It does not say whether a person or an AI answers'}
      </p>
      <p className={`ai-line ai-human ${human}`} data-value={human}>
        <span className="mark" aria-hidden="true">{MARK[human]}</span>
        {humanText}
      </p>
      {text && (
        <blockquote className="ai-evidence" title="What the widget says (before you write anything)">
          “{text}”
        </blockquote>
      )}
    </div>
  );
}

function AiGlance({ report }: PanelProps) {
  const chats = report.findings.filter((f) => f.kind === 'ai-chat');
  // the widgets Candor knows most about first: AI ones, then those with text
  chats.sort((a, b) => Number(b.details.judgedAi === true || b.details.aiDisclosed === true) - Number(a.details.judgedAi === true || a.details.aiDisclosed === true) || Number(!!b.details.text) - Number(!!a.details.text));
  const channels = channelsOf(report);
  return (
    <section className="ai-glance" aria-label="AI at a glance">
      {chats.slice(0, 3).map((f, i) => (
        <ChatCard key={i} f={f} channels={channels} />
      ))}
    </section>
  );
}

export const aiGlancePanel: ReportPanel = {
  id: 'ai-glance',
  principle: 'top',
  show: (r) => r.findings.some((f) => f.kind === 'ai-chat'),
  Component: AiGlance,
};
