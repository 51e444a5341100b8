// The sidebar's screens, in order. `ready: false` screens show what is coming.
import {
  BarChart3,
  Building2,
  Clock,
  FileText,
  FolderKanban,
  Handshake,
  LayoutDashboard,
  Receipt,
  RefreshCw,
  Settings,
  Workflow,
} from 'lucide-react';

export const NAV = [
  { to: '/overview', label: 'Overview', icon: LayoutDashboard, ready: true },
  { to: '/hours', label: 'Hours', icon: Clock, ready: true },
  { to: '/projects', label: 'Projects', icon: FolderKanban, ready: true },
  { to: '/billing', label: 'Billing', icon: Receipt, ready: true },
  { to: '/clients', label: 'Clients', icon: Building2, ready: true },
  { to: '/sales', label: 'Sales pipeline', icon: Handshake, ready: true },
  { to: '/invoices', label: 'Invoices', icon: FileText, ready: true },
  { to: '/pipelines', label: 'Pipelines', icon: Workflow, ready: true },
  { to: '/sync', label: 'Sync', icon: RefreshCw, ready: true },
  { to: '/settings', label: 'Settings', icon: Settings, ready: true },
] as const;

export const BrandIcon = BarChart3;
