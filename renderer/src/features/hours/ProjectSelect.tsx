import type { Ref } from 'react';
import { useNames } from '../../ui/Name';
import type { ProjectSummary } from '../../../../shared/domain';

interface Props {
  projects: ProjectSummary[];
  value: string;
  onChange: (projectId: string) => void;
  placeholder?: string;
  id?: string;
  invalid?: boolean;
  label?: string;
  ref?: Ref<HTMLSelectElement>;
}

/** Projects grouped by client; archived projects never appear (hours cannot be logged on them). */
export function ProjectSelect({ projects, value, onChange, placeholder = 'Choose a project…', id, invalid, label, ref }: Props) {
  const names = useNames();
  const byClient = new Map<string, ProjectSummary[]>();
  for (const project of projects) {
    const list = byClient.get(project.clientName) ?? [];
    list.push(project);
    byClient.set(project.clientName, list);
  }
  return (
    <select
      ref={ref}
      id={id}
      className="select"
      value={value}
      onChange={(e) => onChange(e.target.value)}
      aria-invalid={invalid || undefined}
      aria-label={label}
    >
      <option value="">{placeholder}</option>
      {[...byClient].map(([client, list]) => (
        <optgroup key={client} label={names('client', client)}>
          {list.map((p) => (
            <option key={p.id} value={p.id}>
              {names('project', p.name)}
              {p.status && p.status !== 'active' ? ` (${p.status.replace('_', ' ')})` : ''}
            </option>
          ))}
        </optgroup>
      ))}
    </select>
  );
}
