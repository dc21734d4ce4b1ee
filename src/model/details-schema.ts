// What the report's wording expects in a finding's details, per kind. Details are free-form facts, so
// only the fields whose shape the wording relies on are checked: lists whose items it reads by member
// (`trackers[].vendor`, `experiments[].id`) and lists it prints item by item. Every other field is
// capped plain data (src/model/cap-json.ts), which prints without running any code.
// Used where details come from outside the worker: an imported file (src/storage/import.ts).
import { z } from 'zod';
import type { FindingKind } from './finding';

const strings = z.array(z.string());
const object = <T extends z.ZodRawShape>(shape: T) => z.looseObject(shape);

export const DETAILS_BY_KIND: Partial<Record<FindingKind, z.ZodType>> = {
  tracker: object({ sites: strings.optional() }),
  'session-replay': object({ listens: strings.optional() }),
  'pii-leak': object({ events: strings.optional() }),
  'first-party-analytics': object({ identifierNames: strings.optional() }),
  'ai-chat': object({ otherChannels: z.array(z.unknown()).optional() }),
  'tracking-before-consent': object({ trackers: z.array(object({ vendor: z.string().optional(), domain: z.string().optional() })).optional() }),
  experiment: object({ experiments: z.array(object({ id: z.string(), variant: z.string().optional() })).optional() }),
};

/** null when the details fit their kind; otherwise where they do not and why, for a person. */
export function detailsProblem(kind: string, details: unknown): string | null {
  const schema = DETAILS_BY_KIND[kind as FindingKind];
  if (!schema) return null;
  const r = schema.safeParse(details);
  if (r.success) return null;
  const issue = r.error.issues[0];
  return `details.${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'unexpected value'}`;
}
