// Sync: the central database's address and the sync state, rejections and their remedies.
import { z } from 'zod';
import { returns, defineFeature } from '../../contract-kit';
import type { CentralSettings, Rejection, SyncStatus } from '../../domain';
import { none, storableText } from '../../schemas';

const mutationId = z.number().int().positive();
/** Whether `new URL` reads it (a port over 65535 or not a number, say, it does not). */
function parses(value: string): boolean {
  try {
    new URL(value);
    return true;
  } catch {
    return false;
  }
}

const centralUrl = storableText('The central database address', z.string().max(2000))
  .refine((value) => /^postgres(ql)?:\/\/[^\s]+$/.test(value), {
    message: 'Enter the central database as a URL such as postgres://user@host:5432/ops?sslmode=require.',
  })
  .refine(parses, {
    message: 'The central database address is not a valid URL: check the host, and that the port is a number from 1 to 65535.',
  });
const password = storableText('The password', z.string().max(1000));

export const syncContract = defineFeature(['central', 'sync'], {
  'central.get': { input: none, output: returns<CentralSettings>() },
  'central.update': {
    input: z.object({ url: centralUrl.nullable(), password: password.nullable().optional() }),
    output: returns<CentralSettings>(),
  },
  'central.test': {
    input: z.object({ url: centralUrl.optional(), password: password.nullable().optional() }).optional(),
    output: returns<{ ok: boolean; message: string }>(),
  },
  'sync.status': { input: none, output: returns<SyncStatus>() },
  'sync.now': { input: none, output: returns<SyncStatus>() },
  'sync.rejections': { input: none, output: returns<Rejection[]>() },
  'sync.retry': { input: z.object({ mutationId }), output: returns<Rejection[]>() },
  'sync.discard': { input: z.object({ mutationId }), output: returns<Rejection[]>() },
  'sync.restore': { input: z.object({ mutationId }), output: returns<Rejection[]>(), touches: ['time_entries'] },
});
