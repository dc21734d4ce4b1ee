// The customer-views contract (docs/views.md): the same page seen by several kinds of visitor, each
// visitor's SiteReport, and every difference between them with its evidence. Written by
// `npm run audit -- views`, read by the dashboard. Public: add fields, never rename; a breaking change
// bumps `candorViews`.
import { z } from 'zod';
import type { SiteReport } from './report';
import { siteReportSchemaV1 } from './schema';

export const VIEWS_VERSION = 1;

/** What a difference is about, in the order they are listed. */
export const VIEW_TOPICS = ['price', 'trackers', 'consent', 'experiments', 'ai-chat', 'urgency', 'gpc', 'content'] as const;
export type ViewTopic = (typeof VIEW_TOPICS)[number];

/** The baseline every other view is compared with. */
export const BASELINE_VIEW = 'new';

export interface ViewEvidence {
  /** the view it was seen in, by its name as given */
  view: string;
  /** request URL, script URL or page URL */
  url?: string;
  /** what was seen: the text, the price, the selector */
  detail?: string;
}

export interface ViewDifference {
  topic: ViewTopic;
  /** what differs: a product, a company, the banner, an experiment id */
  subject: string;
  /** keyed by view name as given; a view whose value equals the baseline's is left out, except the baseline itself */
  values: Record<string, string>;
  evidence: ViewEvidence[];
}

export interface ViewResult {
  name: string;
  ok: boolean;
  /** plain words, when the view could not be taken */
  error?: string;
  report?: SiteReport;
}

export interface ViewsFile {
  candorViews: typeof VIEWS_VERSION;
  url: string;
  generatedAt: string;
  views: ViewResult[];
  differences: ViewDifference[];
}

const text = (max: number) => z.string().max(max);

const viewResultSchema = z
  .object({ name: text(2000).min(1), ok: z.boolean(), error: text(5000).optional(), report: siteReportSchemaV1.optional() })
  .refine((v) => (v.ok ? !!v.report : typeof v.error === 'string'), { message: 'a view that is ok has a report; one that is not has an error' });

const differenceSchema = z.object({
  topic: z.enum(VIEW_TOPICS),
  subject: text(2000),
  values: z.record(text(2000), text(5000)),
  evidence: z.array(z.object({ view: text(2000), url: text(5000).optional(), detail: text(5000).optional() })).max(200),
});

export const viewsFileSchema = z.object({
  candorViews: z.literal(VIEWS_VERSION),
  url: text(5000),
  generatedAt: text(100),
  views: z.array(viewResultSchema).min(1).max(100),
  differences: z.array(differenceSchema).max(10000),
});

export class ViewsFileError extends Error {}

/** A views.json read back, or a ViewsFileError saying in plain words what is wrong with it. */
export function parseViewsFile(raw: string): ViewsFile {
  let x: unknown;
  try {
    x = JSON.parse(raw);
  } catch {
    throw new ViewsFileError('This file is not valid JSON.');
  }
  if (!x || typeof x !== 'object' || Array.isArray(x) || !('candorViews' in x)) {
    throw new ViewsFileError('This is not a Candor customer-views file (no "candorViews" field). Open the views.json written by `npm run audit -- views --out DIR`.');
  }
  const version = (x as { candorViews: unknown }).candorViews;
  if (typeof version === 'number' && version > VIEWS_VERSION) {
    throw new ViewsFileError(`This file was written by a newer version of Candor (customer views version ${version}); this one reads version ${VIEWS_VERSION}.`);
  }
  const r = viewsFileSchema.safeParse(x);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    const at = issue.path.length ? issue.path.join('.') : 'the top level';
    throw new ViewsFileError(`This customer-views file is damaged: ${issue.message} (at ${at}).`);
  }
  return r.data as ViewsFile;
}
