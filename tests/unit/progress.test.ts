/** The progress line of a long offline run: when it is shown, what it says, and that other stderr text clears it first. */
import { Progress, progressSink, progressWanted } from '../../cli/progress';

function sink() {
  const s = { text: '', color: false, write: (t: string) => void (s.text += t), flush() {} };
  return s;
}

test('shown only to a person at a terminal: not in pipes, CI, --quiet or a dumb terminal', () => {
  expect(progressWanted(false, true, {})).toBe(true);
  expect(progressWanted(false, false, {})).toBe(false);
  expect(progressWanted(true, true, {})).toBe(false);
  expect(progressWanted(false, true, { CI: 'true' })).toBe(false);
  expect(progressWanted(false, true, { CI: 'false' })).toBe(true);
  expect(progressWanted(false, true, { TERM: 'dumb' })).toBe(false);
});

test('nothing in the first second; then bytes, rate and time left, redrawn in place', () => {
  let now = 0;
  const out = sink();
  const p = new Progress(out, () => now);
  p.start('app.log', 200e6);
  p.advance(10e6);
  now = 900;
  p.advance(40e6);
  expect(out.text).toBe('');
  now = 2000;
  p.advance(50e6);
  expect(out.text).toBe('\r\x1b[Ksctrace: reading app.log: 100.0 MB of 200.0 MB, 50.0 MB/s, 2 s left');
  now = 2100; // too soon to redraw
  p.advance(1e6);
  expect(out.text.split('\r').length).toBe(2);
  expect(p.clear()).toBe(true);
  expect(out.text.endsWith('\r\x1b[K')).toBe(true);
  expect(p.clear()).toBe(false);
});

test('a compressed log outgrows its file size: no total, no time left', () => {
  let now = 0;
  const p = new Progress(sink(), () => now);
  p.start('app.log.gz', 10e6);
  p.advance(30e6);
  now = 3000;
  expect(p.line()).toBe('sctrace: reading app.log.gz: 30.0 MB, 10.0 MB/s');
});

test('other stderr text clears the line first', () => {
  let now = 0;
  const out = sink();
  const p = new Progress(out, () => now);
  const stderr = progressSink(out, p);
  p.start('-', null);
  now = 5000;
  p.advance(5e6);
  stderr.write('x (unsupported)\n');
  expect(out.text).toBe('\r\x1b[Ksctrace: reading -: 5.0 MB, 1.0 MB/s\r\x1b[Kx (unsupported)\n');
  stderr.write('y\n');
  expect(out.text.endsWith('\r\x1b[Kx (unsupported)\ny\n')).toBe(true);
});
