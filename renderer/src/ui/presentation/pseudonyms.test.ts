import { describe, expect, it } from 'vitest';
import { MASK, Pseudonyms } from './pseudonyms';

describe('pseudonyms', () => {
  it('gives each name of a kind the next stand-in, and the same one every time', () => {
    const p = new Pseudonyms();
    p.seed('client', ['Moreton Freight', 'Acme']);
    expect(p.of('client', 'Acme')).toBe('Client B');
    expect(p.of('client', 'Moreton Freight')).toBe('Client A');
    expect(p.of('client', 'Someone New')).toBe('Client C');
    expect(p.of('project', 'Website')).toBe('Project 1');
    expect(p.of('consultant', 'Mia Nguyen')).toBe('Consultant 1');
    p.seed('client', ['Someone New', 'Acme']); // seeding again changes nothing already given
    expect(p.of('client', 'Someone New')).toBe('Client C');
  });

  it('runs past Z as AA, AB…', () => {
    const p = new Pseudonyms();
    p.seed(
      'client',
      Array.from({ length: 28 }, (_, i) => `c${i}`),
    );
    expect([p.of('client', 'c25'), p.of('client', 'c26'), p.of('client', 'c27')]).toEqual(['Client Z', 'Client AA', 'Client AB']);
  });

  it('scrubs known names (longest first), emails and amounts out of a message', () => {
    const p = new Pseudonyms();
    p.seed('client', ['Acme', 'Acme Group']);
    p.seed('consultant', ['Mia Nguyen']);
    expect(p.scrub('Acme Group owes $1,234.50 (mia@example.com asked Mia Nguyen); Acme paid AUD 90')).toBe(
      `Client B owes ${MASK} (${MASK} asked Consultant 1); Client A paid ${MASK}`,
    );
    expect(p.scrub('12 h logged, 80 % of 1,234.56')).toBe(`12 h logged, 80 % of ${MASK}`);
  });
});
