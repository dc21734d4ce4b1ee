// Runtime schemas of the public report contract (docs/report.md), for imports and the audit's own checks.
import { z } from 'zod';
import { FINDING_KINDS, PRINCIPLES } from './finding';

const principle = z.enum(PRINCIPLES);
const evidence = z.object({ url: z.string().max(5000).optional(), detail: z.string().max(5000).optional(), at: z.string().max(100) });

export const findingSchema = z.object({
  kind: z.enum(FINDING_KINDS as [string, ...string[]]),
  principle,
  title: z.string().max(2000),
  vendor: z.string().max(500).optional(),
  company: z.string().max(500).optional(),
  category: z.string().max(100).optional(),
  source: z.enum(['network', 'page', 'dom']),
  confidence: z.enum(['certain', 'likely', 'possible']),
  count: z.number().int().nonnegative(),
  evidence: z.array(evidence).max(50),
  details: z.record(z.string(), z.unknown()),
  assessment: z.enum(['concern', 'good', 'info']).optional(),
  why: z.string().max(5000).optional(),
  action: z.string().max(5000).optional(),
});

const principleSummary = z.object({
  score: z.number().min(0).max(100),
  summary: z.string().max(5000),
  reasons: z.array(z.object({ points: z.number(), why: z.string().max(5000) })).optional(),
  assessed: z.boolean().optional(),
});

export const siteReportSchemaV1 = z.object({
  schemaVersion: z.literal(1),
  site: z.string().min(1).max(300),
  url: z.string().max(5000),
  generatedAt: z.string().max(100),
  tool: z.object({ name: z.string(), version: z.string(), browser: z.string() }),
  grade: z.enum(['A', 'B', 'C', 'D', 'E', 'F']),
  principles: z.object(Object.fromEntries(PRINCIPLES.map((p) => [p, principleSummary])) as Record<(typeof PRINCIPLES)[number], typeof principleSummary>),
  findings: z.array(findingSchema).max(10000),
  dataUse: z.array(z.object({ company: z.string(), data: z.array(z.string()), vendors: z.array(z.string()) })).optional(),
});
