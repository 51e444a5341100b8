// The pipeline board: a column per stage (discovery → proposal → implementation → follow-up, then
// won and lost), each with its count and value from the core. Every card has "Move to…" (a menu of
// the other stages, keyboard operable); after a move, focus follows the card to its new column.
import * as Popover from '@radix-ui/react-popover';
import { Link } from '@tanstack/react-router';
import { ArrowRightLeft, Pencil, Sparkles } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import { TIER_LABELS } from '../../../../shared/domain';
import {
  LEAD_SOURCE_LABELS,
  LEAD_STAGE_LABELS,
  LEAD_STAGES,
  type LeadsDashboard,
  type LeadStage,
  type LeadSummary,
} from '../../../../shared/features/leads/types';
import { useApi } from '../../api/hooks';
import { useDisplay } from '../../app/display';
import { Money } from '../../ui/Money';
import { Name, useNames } from '../../ui/Name';

/** Won and lost grow forever: the board shows those closed in the range, the newest first. */
const CLOSED_SHOWN = 12;

export interface BoardActions {
  onMove: (lead: LeadSummary, stage: LeadStage) => void;
  onEdit: (lead: LeadSummary) => void;
  onConvert: (lead: LeadSummary) => void;
  /** The card to focus once it is in its new column. */
  focus: { id: string; stage: LeadStage } | null;
  onFocused: () => void;
}

export function Board({ dashboard, from, to, actions }: { dashboard: LeadsDashboard; from: string; to: string; actions: BoardActions }) {
  return (
    // Focusable: on a narrow screen the board scrolls sideways, and the keyboard must reach that too.
    <div className="board" role="region" aria-label="Leads by stage" data-testid="board" tabIndex={0}>
      {LEAD_STAGES.map((stage) => (
        <Column key={stage} stage={stage} dashboard={dashboard} from={from} to={to} actions={actions} />
      ))}
    </div>
  );
}

function Column({
  stage,
  dashboard,
  from,
  to,
  actions,
}: {
  stage: LeadStage;
  dashboard: LeadsDashboard;
  from: string;
  to: string;
  actions: BoardActions;
}) {
  const closed = stage === 'won' || stage === 'lost';
  const leads = useApi('leads.list', closed ? { stage, closedFrom: from, closedTo: to, limit: CLOSED_SHOWN } : { stage, limit: 10_000 });
  const figures = dashboard.pipeline.byStage.find((s) => s.stage === stage);
  const count = stage === 'won' ? dashboard.winRate.won : stage === 'lost' ? dashboard.winRate.lost : (figures?.leads ?? 0);
  const headingId = `stage-${stage}`;
  return (
    <section className={`board-column board-${stage}`} aria-labelledby={headingId} data-testid={`column-${stage}`}>
      <header className="board-column-head">
        <h3 id={headingId}>
          {LEAD_STAGE_LABELS[stage]} <span className="board-count">{count}</span>
        </h3>
        {closed ? (
          <span className="muted">
            closed in the range
            {stage === 'won' && (
              <>
                {' '}
                · <Money cents={dashboard.winRate.wonValueCents} style="compact" />
              </>
            )}
          </span>
        ) : (
          <span className="muted">
            <Money cents={figures?.valueCents ?? 0} style="compact" /> · weighted{' '}
            <Money cents={figures?.weightedCents ?? 0} style="compact" />
          </span>
        )}
      </header>
      {!leads.data ? (
        <div className="empty">Loading…</div>
      ) : leads.data.length === 0 ? (
        <div className="board-empty">{closed ? 'None closed in the range' : 'No lead here'}</div>
      ) : (
        <ul className="board-cards">
          {leads.data.map((lead) => (
            <Card key={lead.id} lead={lead} actions={actions} />
          ))}
        </ul>
      )}
      {closed && count > (leads.data?.length ?? 0) && (
        <p className="muted board-more">
          The newest {leads.data?.length ?? 0} of {count}.
        </p>
      )}
    </section>
  );
}

function Card({ lead, actions }: { lead: LeadSummary; actions: BoardActions }) {
  const display = useDisplay();
  const names = useNames();
  const moveRef = useRef<HTMLButtonElement>(null);
  const [open, setOpen] = useState(false);
  const { focus, onFocused } = actions;
  useEffect(() => {
    if (focus && focus.id === lead.id && focus.stage === lead.stage) {
      moveRef.current?.focus();
      onFocused();
    }
  }, [focus, lead.id, lead.stage, onFocused]);
  const company = names('company', lead.company);
  return (
    <li className="lead-card" data-testid="lead-card" data-lead={lead.id}>
      <strong className="lead-card-company">
        <Name kind="company" name={lead.company} />
      </strong>
      <div className="muted">
        {lead.contactName && (
          <>
            <Name kind="contact" name={lead.contactName} /> ·{' '}
          </>
        )}
        {TIER_LABELS[lead.tier]}
      </div>
      <div className="lead-card-figures">
        <Money cents={lead.estimatedValueCents} style="whole" />
        <span className="muted">
          {lead.probability} % · <Money cents={lead.weightedValueCents} style="whole" />
        </span>
      </div>
      <div className="lead-card-meta muted">
        {LEAD_SOURCE_LABELS[lead.source]} · <Name kind="consultant" name={lead.ownerName} />
        {lead.expectedCloseOn && lead.stage !== 'won' && lead.stage !== 'lost' && <> · close {display.dayShort(lead.expectedCloseOn)}</>}
        {(lead.stage === 'won' || lead.stage === 'lost') && <> · {display.dayShort(lead.stageSince)}</>}
      </div>
      {lead.clientId && (
        <div>
          <Link to="/clients/$clientId" params={{ clientId: lead.clientId }} search={{}}>
            <Name kind="client" name={lead.clientName} />
          </Link>
        </div>
      )}
      <div className="lead-card-actions">
        <Popover.Root open={open} onOpenChange={setOpen}>
          <Popover.Trigger asChild>
            <button ref={moveRef} type="button" className="btn btn-small" data-testid="move-lead">
              <ArrowRightLeft size={13} aria-hidden /> Move to…<span className="sr-only"> ({company})</span>
            </button>
          </Popover.Trigger>
          <Popover.Portal>
            <Popover.Content className="popover move-menu" sideOffset={4} align="start" aria-label={`Move ${company} to`}>
              <ul role="list">
                {LEAD_STAGES.filter((s) => s !== lead.stage).map((s) => (
                  <li key={s}>
                    <button
                      type="button"
                      className="menu-item"
                      onClick={() => {
                        setOpen(false);
                        actions.onMove(lead, s);
                      }}
                    >
                      {LEAD_STAGE_LABELS[s]}
                    </button>
                  </li>
                ))}
              </ul>
            </Popover.Content>
          </Popover.Portal>
        </Popover.Root>
        <button type="button" className="btn btn-small btn-icon-small" aria-label={`Edit ${company}`} onClick={() => actions.onEdit(lead)}>
          <Pencil size={13} aria-hidden />
        </button>
        {lead.stage === 'won' && !lead.projectId && (
          <button type="button" className="btn btn-small" onClick={() => actions.onConvert(lead)}>
            <Sparkles size={13} aria-hidden /> Convert<span className="sr-only"> {company} into a project</span>
          </button>
        )}
      </div>
    </li>
  );
}
