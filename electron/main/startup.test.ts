import { describe, expect, it } from 'vitest';
import { OpsError } from '../../shared/contract';
import { startupFailure } from './startup';

const errno = (code: string) => Object.assign(new Error(`${code}: refused`), { code });

describe('startupFailure', () => {
  it('says a read-only data folder is read-only and what to check, naming the folder', () => {
    for (const code of ['EACCES', 'EROFS', 'EPERM', 'SQLITE_CANTOPEN', 'SQLITE_READONLY']) {
      const { title, message } = startupFailure(errno(code), '/home/ann/.config/Ops Console');
      expect(title).toBe('Ops Console cannot open your data');
      expect(message, code).toContain('/home/ann/.config/Ops Console cannot be written');
      expect(message, code).toMatch(/Check the folder’s permissions/);
    }
  });

  it('says a full disk is full', () => {
    expect(startupFailure(errno('SQLITE_FULL'), '/data').message).toMatch(
      /^The disk holding your data \(\/data\) is full\. Free some space/,
    );
    expect(startupFailure(errno('ENOSPC'), '/data').message).toMatch(/is full/);
  });

  it('passes the core’s own refusal on, with the folder', () => {
    const newer = new OpsError('unsupported', 'The replica was written by a newer version of Ops Console. Update the app to open it.');
    const { message } = startupFailure(newer, '/data');
    expect(message).toMatch(/^The replica was written by a newer version/);
    expect(message).toContain('Data folder: /data.');
  });
});
