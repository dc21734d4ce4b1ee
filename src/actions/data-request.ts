// Drafts of a data-access or deletion request (GDPR Art. 15 / 17, CCPA § 1798.110 / 1798.105),
// addressed to the privacy contact found on the site. Candor only prepares the text: the person
// copies it or opens it in their mail program; nothing is sent by the extension.
import type { DataRequestDraft, DataRequestKind, DataRequestLaw } from '../model/consent-messages';
import type { Finding } from '../model/finding';

export interface DraftInput {
  site: string;
  request: DataRequestKind;
  law: DataRequestLaw;
  findings: readonly Pick<Finding, 'kind' | 'details'>[];
  /** ISO date for the letter (today) */
  date: string;
}

const TEXT: Record<DataRequestLaw, Record<DataRequestKind, { subject: string; body: string }>> = {
  gdpr: {
    access: {
      subject: 'Data subject access request (GDPR Article 15)',
      body: `I am writing to exercise my right of access under Article 15 of the General Data Protection Regulation.

Please confirm whether you process personal data about me and, if so, send me:
- a copy of that personal data;
- the purposes of the processing and the categories of data concerned;
- the recipients or categories of recipients, including third parties such as advertising and analytics companies;
- how long the data will be kept;
- where the data did not come from me, its source;
- whether you use automated decision-making or profiling, and the logic involved.

Please reply within one month, as Article 12(3) requires.`,
    },
    deletion: {
      subject: 'Request for erasure (GDPR Article 17)',
      body: `I am writing to exercise my right to erasure under Article 17 of the General Data Protection Regulation.

Please delete all personal data you hold about me, and tell every recipient you have disclosed it to, including advertising and analytics partners (Article 19). I also withdraw any consent I may have given and object to the processing of my data for direct marketing (Article 21).

Please confirm the erasure within one month, as Article 12(3) requires.`,
    },
  },
  ccpa: {
    access: {
      subject: 'Request to know (California Consumer Privacy Act)',
      body: `Under the California Consumer Privacy Act (Cal. Civ. Code § 1798.110 and § 1798.115), I request that you disclose:
- the categories and specific pieces of personal information you have collected about me;
- the categories of sources, and the business or commercial purpose for collecting, selling or sharing it;
- the categories of third parties to whom you have disclosed, sold or shared it.

Please respond within 45 days, as § 1798.130 requires.`,
    },
    deletion: {
      subject: 'Request to delete (California Consumer Privacy Act)',
      body: `Under the California Consumer Privacy Act (Cal. Civ. Code § 1798.105), I request that you delete the personal information you have collected about me, and direct your service providers and contractors to do the same.

I also opt out of the sale and sharing of my personal information (§ 1798.120).

Please confirm within 45 days, as § 1798.130 requires.`,
    },
  },
};

function privacyContact(findings: DraftInput['findings']): { to: string; note: string } {
  for (const f of findings) {
    if (f.kind === 'rights-link' && typeof f.details.email === 'string') return { to: f.details.email, note: `Address from the site’s link “${String(f.details.text ?? f.details.email)}”.` };
  }
  const page = findings.find((f) => f.kind === 'rights-link' && (f.details.type === 'data-request' || f.details.type === 'privacy-policy'));
  if (page && typeof page.details.href === 'string') {
    return { to: '', note: `Candor found no privacy e-mail address on this page. The site’s ${page.details.type === 'data-request' ? 'data-request page' : 'privacy policy'} should name one: ${page.details.href}` };
  }
  return { to: '', note: 'Candor found no privacy contact on this page. Look for one in the site’s privacy policy.' };
}

export function draftDataRequest(input: DraftInput): DataRequestDraft {
  const t = TEXT[input.law][input.request];
  const { to, note } = privacyContact(input.findings);
  const subject = `${t.subject} — ${input.site}`;
  const body = `To the data protection officer of ${input.site},

${t.body}

To identify me, please use: [your name, and the e-mail address or account you use with ${input.site}]

Date: ${input.date}

[your name]`;
  const mailto = `mailto:${encodeURIComponent(to).replace(/%40/g, '@')}?subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(body)}`;
  return { to, subject, body, mailto, note };
}
