/** What a lab run needs, validated once (by the CLI's flags or a caller), then frozen. */
import { MODELS } from '@netlab/servers/models';
import { z } from 'zod';

export const LabOptions = z.object({
  week: z.union([z.literal(2), z.literal(3), z.literal(5), z.literal(6)]),
  quick: z.boolean(),
  models: z.array(z.enum(MODELS)),
  out: z.string().min(1),
  student: z.object({ id: z.string().min(1), name: z.string().min(1) }).nullable(),
  target: z
    .url({ protocol: /^(http|tcp)$/, error: '--target must be a URL such as http://127.0.0.1:8080' })
    .nullable(),
  server: z.object({ command: z.string().min(1), port: z.number().int().min(1).max(65535) }).nullable(),
  netns: z.object({ delay: z.string().optional(), rate: z.string().optional() }).nullable(),
  /** The live web view: where it listens, and how long it stays up after the run (null: until Ctrl-C). */
  web: z
    .object({
      port: z.number().int().min(0).max(65535),
      host: z.string().min(1),
      lingerSec: z.number().nonnegative().nullable(),
    })
    .nullable(),
});
export type LabOptions = z.infer<typeof LabOptions>;
