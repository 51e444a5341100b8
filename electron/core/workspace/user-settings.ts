// The user's own settings (theme, clock format, text size): they belong to the person, not to a
// workspace, so switching workspace keeps them. Kept in a JSON file in the data directory beside
// the workspaces; a session that opened a replica file directly (--db) keeps them in its settings.
import fs from 'node:fs';
import { writeInDataDir } from './workspaces';
import path from 'node:path';
import { TEXT_SCALES, THEMES, TIME_FORMATS, type Theme, type TimeFormat } from '../../../shared/domain';
import type { Sqlite } from '../db/open';
import { readSetting, writeSetting } from '../sync/replica';

export interface UserSettings {
  theme: Theme;
  timeFormat: TimeFormat;
  textScale: number;
  presentation: boolean;
  /** The desktop app turns presentation mode on when a second display is connected (default: yes). */
  presentOnSecondDisplay: boolean;
}

export const DEFAULT_USER_SETTINGS: UserSettings = {
  theme: 'system',
  timeFormat: 'auto',
  textScale: 1,
  presentation: false,
  presentOnSecondDisplay: true,
};
const FILE = 'user-settings.json';

/** Keeps only values this version knows: a hand-edited or newer file never breaks the app. */
function clean(raw: Partial<Record<keyof UserSettings, unknown>>): UserSettings {
  return {
    theme: THEMES.includes(raw.theme as Theme) ? (raw.theme as Theme) : DEFAULT_USER_SETTINGS.theme,
    timeFormat: TIME_FORMATS.includes(raw.timeFormat as TimeFormat) ? (raw.timeFormat as TimeFormat) : DEFAULT_USER_SETTINGS.timeFormat,
    textScale: (TEXT_SCALES as readonly number[]).includes(Number(raw.textScale)) ? Number(raw.textScale) : DEFAULT_USER_SETTINGS.textScale,
    // Only an explicit true (or the replica's 'true'): anything unreadable leaves the mode off.
    presentation: raw.presentation === true || raw.presentation === 'true',
    // Only an explicit false (or the replica's 'false') turns the automatic switch off.
    presentOnSecondDisplay: !(raw.presentOnSecondDisplay === false || raw.presentOnSecondDisplay === 'false'),
  };
}

export interface UserSettingsStore {
  get(): UserSettings;
  set(changes: Partial<UserSettings>): UserSettings;
}

/** `user-settings.json` in the data directory; before it exists, the open replica's theme (older versions kept it there). */
export function fileUserSettings(dataDir: string, legacy: () => Sqlite): UserSettingsStore {
  const file = path.join(dataDir, FILE);
  const read = (): UserSettings => {
    try {
      return clean(JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>);
    } catch {
      return clean({ theme: readSetting(legacy(), 'theme') });
    }
  };
  return {
    get: read,
    set(changes) {
      const next = clean({ ...read(), ...changes });
      // Write then rename: a crash mid-write never leaves a half-written file.
      const temp = `${file}.${process.pid}.tmp`;
      writeInDataDir(dataDir, () => {
        fs.mkdirSync(dataDir, { recursive: true });
        fs.writeFileSync(temp, `${JSON.stringify(next, null, 2)}\n`);
        fs.renameSync(temp, file);
      });
      return next;
    },
  };
}

/** In the replica's own settings table (a replica file opened directly). */
export function replicaUserSettings(db: () => Sqlite): UserSettingsStore {
  const read = () =>
    clean({
      theme: readSetting(db(), 'theme'),
      timeFormat: readSetting(db(), 'time_format'),
      textScale: readSetting(db(), 'text_scale'),
      presentation: readSetting(db(), 'presentation'),
      presentOnSecondDisplay: readSetting(db(), 'present_on_second_display'),
    });
  return {
    get: read,
    set(changes) {
      const next = clean({ ...read(), ...changes });
      db()
        .transaction(() => {
          writeSetting(db(), 'theme', next.theme);
          writeSetting(db(), 'time_format', next.timeFormat);
          writeSetting(db(), 'text_scale', String(next.textScale));
          writeSetting(db(), 'presentation', String(next.presentation));
          writeSetting(db(), 'present_on_second_display', String(next.presentOnSecondDisplay));
        })
        .immediate();
      return next;
    },
  };
}
