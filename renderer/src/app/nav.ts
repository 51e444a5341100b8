// The sidebar's screens, in order. `ready: false` screens show what is coming.
import { BarChart3, Clock, FileText, FolderKanban, Receipt, RefreshCw, Settings, Workflow } from 'lucide-react';

export const NAV = [
  { to: '/hours', label: 'Hours', icon: Clock, ready: true },
  { to: '/projects', label: 'Projects', icon: FolderKanban, ready: true },
  { to: '/billing', label: 'Billing', icon: Receipt, ready: true },
  { to: '/invoices', label: 'Invoices', icon: FileText, ready: true },
  { to: '/pipelines', label: 'Pipelines', icon: Workflow, ready: true },
  { to: '/sync', label: 'Sync', icon: RefreshCw, ready: true },
  { to: '/settings', label: 'Settings', icon: Settings, ready: true },
] as const;

export const BrandIcon = BarChart3;
