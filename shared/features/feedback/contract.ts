// Client feedback: NPS survey responses and the NPS / satisfaction figures made of them (per
// client, per tier, overall, by month) for a range of local days.
import { z } from 'zod';
import { defineFeature, returns } from '../../contract-kit';
import { day, id, storableText } from '../../schemas';
import { salesRange } from '../leads/range';
import { MAX_COMMENT_LENGTH, type FeedbackRow, type NpsReport } from './types';

export const feedbackContract = defineFeature(['feedback'], {
  /** Records one response (any consultant may). */
  'feedback.add': {
    input: z
      .object({
        clientId: id,
        projectId: id.nullable().default(null),
        score: z
          .number({ message: 'Give the score as a whole number from 0 to 10.' })
          .int('Give the score as a whole number from 0 to 10.')
          .min(0, 'A score is from 0 to 10.')
          .max(10, 'A score is from 0 to 10.'),
        comment: storableText(
          'The comment',
          z.string().max(MAX_COMMENT_LENGTH, `A comment can be at most ${MAX_COMMENT_LENGTH} characters; shorten it.`),
        ).default(''),
        /** The local day the client answered (default today; not in the future). */
        respondedOn: day.optional(),
      })
      .strict(),
    output: returns<FeedbackRow>(),
    touches: ['client_feedback'],
  },
  /** Responses, newest first. */
  'feedback.list': {
    input: z
      .object({
        clientId: id.optional(),
        projectId: id.optional(),
        from: day.optional(),
        to: day.optional(),
        /** Only promoters, passives or detractors. */
        kind: z.enum(['promoter', 'passive', 'detractor'], { message: 'A kind is promoter, passive or detractor.' }).optional(),
        limit: z.number().int().min(1).max(10_000).default(1000),
      })
      .strict()
      .optional(),
    output: returns<FeedbackRow[]>(),
  },
  /** NPS and satisfaction overall, per client, per tier and per month, over responses in the range. */
  'feedback.nps': { input: salesRange({}), output: returns<NpsReport>() },
});
