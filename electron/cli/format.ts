// How `ops` writes times for people: in the workspace's zone (--json keeps UTC ISO instants).

export { formatInstant } from '../../shared/time';
