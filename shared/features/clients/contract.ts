// Clients: every client with its figures and retention, and one client's page. Read-only (clients
// are created by admins, or by converting a won lead).
import { z } from 'zod';
import { defineFeature, returns } from '../../contract-kit';
import { id } from '../../schemas';
import { salesRange } from '../leads/range';
import { CLIENT_STATUSES, type ClientDetail, type ClientsOverview } from './types';

export const clientsContract = defineFeature(['clients'], {
  /** Every client; feedback and its trend over the range, money to date, retention for the range's last year. */
  'clients.list': {
    input: salesRange({
      status: z.enum(CLIENT_STATUSES, { message: `A status is one of ${CLIENT_STATUSES.join(', ')}.` }).optional(),
    }),
    output: returns<ClientsOverview>(),
  },
  /** One client's page: its figures, projects, invoices, hours by month, feedback and leads. */
  'clients.get': { input: salesRange({ id }), output: returns<ClientDetail>() },
});
