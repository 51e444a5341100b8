// The sales pipeline: leads moving through stages (each move a lead_event with its day), the board
// and list, a won lead converted into a client's project, and the pipeline dashboard. Who may do
// what is enforced by the central database (docs/sales.md).
import { z } from 'zod';
import { defineFeature, returns } from '../../contract-kit';
import { PROJECT_TIERS } from '../../domain';
import { day, id, storableText } from '../../schemas';
import { salesRange } from './range';
import { LEAD_SOURCES, LEAD_STAGES, type ConvertResult, type LeadDetail, type LeadsDashboard, type LeadSummary } from './types';

export const MAX_LEAD_VALUE_CENTS = 100_000_000_00; // $100M: a typo, not a deal, beyond that

const text = (what: string, max: number) =>
  storableText(what, z.string().trim().max(max, `${what} can be at most ${max} characters; shorten it.`));
const required = (what: string, max: number) =>
  storableText(
    what,
    z.string().trim().min(1, `${what} cannot be empty.`).max(max, `${what} can be at most ${max} characters; shorten it.`),
  );

export const leadStage = z.enum(LEAD_STAGES, { message: `A stage is one of ${LEAD_STAGES.join(', ')}.` });
export const leadSource = z.enum(LEAD_SOURCES, { message: `A source is one of ${LEAD_SOURCES.join(', ')}.` });
const tier = z.enum(PROJECT_TIERS, { message: `A tier is one of ${PROJECT_TIERS.join(', ')}.` });
const email = storableText(
  'The contact email',
  z
    .string()
    .trim()
    .max(254, 'An email address is at most 254 characters.')
    .refine(
      (v) => v === '' || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v),
      'That is not an email address (name@example.com); leave it empty if unknown.',
    ),
);
const cents = z
  .number({ message: 'Give the estimated value in cents, as a whole number.' })
  .int('Give the estimated value in whole cents.')
  .min(0, 'The estimated value cannot be negative.')
  .max(MAX_LEAD_VALUE_CENTS, 'The estimated value is more than $100M: check the amount (it is in cents).');
const probability = z
  .number({ message: 'Give the probability as a whole percent, 0 to 100.' })
  .int('Give the probability as a whole percent, 0 to 100.')
  .min(0, 'The probability is at least 0 %.')
  .max(100, 'The probability is at most 100 %.');

const leadFields = {
  company: required('The company', 200),
  contactName: text('The contact name', 200),
  contactEmail: email,
  source: leadSource,
  tier,
  estimatedValueCents: cents,
  probability,
  expectedCloseOn: day.nullable(),
  /** The consultant who owns the lead. */
  ownerId: id,
};

const writes = ['leads', 'lead_events'] as const;

export const leadsContract = defineFeature(['leads'], {
  /** Leads, newest first, filtered. */
  'leads.list': {
    input: z
      .object({
        stage: z.union([leadStage, z.array(leadStage).max(LEAD_STAGES.length)]).optional(),
        /** Only leads still open (not won or lost). */
        open: z.boolean().optional(),
        source: leadSource.optional(),
        tier: tier.optional(),
        ownerId: id.optional(),
        clientId: id.optional(),
        /** Created on or after / on or before these days. */
        from: day.optional(),
        to: day.optional(),
        /** Closed (moved to won or lost) on or after / on or before these days. */
        closedFrom: day.optional(),
        closedTo: day.optional(),
        limit: z.number().int().min(1).max(10_000).default(1000),
      })
      .strict()
      .optional(),
    output: returns<LeadSummary[]>(),
  },
  'leads.get': { input: z.object({ id }).strict(), output: returns<LeadDetail>() },
  /** A new lead (owner: you unless given; stage: discovery unless given; created today unless `on`). */
  'leads.add': {
    input: z
      .object({
        ...leadFields,
        contactName: leadFields.contactName.default(''),
        contactEmail: leadFields.contactEmail.default(''),
        source: leadSource.default('other'),
        probability: probability.optional(),
        expectedCloseOn: day.nullable().default(null),
        ownerId: id.optional(),
        stage: leadStage.default('discovery'),
        /** The local day it was created (default today; not in the future). */
        on: day.optional(),
      })
      .strict(),
    output: returns<LeadDetail>(),
    touches: writes,
  },
  /** Changes a lead's facts (not its stage: that is a move). */
  'leads.update': {
    input: z
      .object({ id, ...z.object(leadFields).partial().shape })
      .strict()
      .refine((v) => Object.keys(v).length > 1, { message: 'Nothing to change: give at least one field.' }),
    output: returns<LeadDetail>(),
    touches: ['leads'],
  },
  /** Moves a lead to another stage on `on` (default today); the same stage is refused. */
  'leads.move': {
    input: z.object({ id, stage: leadStage, on: day.optional() }).strict(),
    output: returns<LeadDetail>(),
    touches: writes,
  },
  /**
   * A won lead becomes a project for a client (`clientId`: an existing one; else a new client
   * named after the lead's company). Budget and dates start from the tier's package
   * (TIER_PACKAGES) unless given. Admins only: clients and projects are theirs.
   */
  'leads.convert': {
    input: z
      .object({
        id,
        clientId: id.optional(),
        industry: text('The industry', 100).optional(),
        region: text('The region', 100).optional(),
        projectName: required('The project name', 200).optional(),
        budgetCents: cents.optional(),
        startOn: day.optional(),
      })
      .strict(),
    output: returns<ConvertResult>(),
    touches: ['leads', 'clients', 'projects'],
  },
  /** Pipeline value (raw and weighted), conversion, win rates, sales cycle, for a range. */
  'leads.dashboard': { input: salesRange({}), output: returns<LeadsDashboard>() },
});
