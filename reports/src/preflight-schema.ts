import { z } from 'zod';

/** How far away the target was before the run, as results.json records it. */
export const Preflight = z.object({
  host: z.string(),
  method: z.enum(['icmp', 'tcp', 'none']),
  /** Median of the samples, milliseconds; null when nothing answered. */
  rttMs: z.number().nullable(),
  samples: z.array(z.number()),
  note: z.string(),
});
export type Preflight = z.infer<typeof Preflight>;
