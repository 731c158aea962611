/**
 * Every form that older strace versions and 32-bit ABIs print gets the
 * verdict the same call gets from a current strace on x86_64: the
 * repository's logs, rewritten into each form (convert.ts), are judged call
 * by call against the Asterinas rules, by the generated module and the IR
 * interpreter alike (Differential), through the kernel's view of a call
 * (runtime/match/kernel-call.ts). As printed (--as-printed), the forms do
 * change verdicts: the test would see a view that did nothing (forms.test.ts
 * has one test per form on hand-written lines).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CallRecord } from '../../runtime/record';
import { matchKernelCall } from '../../runtime/match/kernel-call';
import { Differential } from '../compiler/emit/harness';
import { FIXTURE_LOGS } from '../fixtures/paths';
import { asterinasIr, callsOf } from './helpers';
import { convertLog, FORMS, type Form } from './convert';

const ir = asterinasIr();
const diff = new Differential(ir);

const calls = callsOf;

/** Logs small enough to read in every form (the largest is left out to keep the test quick). */
const LOGS = ['bash_pipes', 'cat', 'gcc', 'ls', 'node_workers', 'python3_subprocess', 'sqlite3'];
const original = new Map(LOGS.map((name) => [name, fs.readFileSync(path.join(FIXTURE_LOGS, `${name}.log`), 'latin1')]));
const verdict = (c: CallRecord): number => matchKernelCall((v) => diff.match(v), c);

describe.each(FORMS)('the %s form', (form: Form) => {
  test('gets the verdicts of the current x86_64 form, call by call; as printed it would not', () => {
    let changedLines = 0;
    let changedAsPrinted = 0;
    for (const [name, text] of original) {
      const converted = convertLog(text, form);
      const before = calls(text);
      const after = calls(converted);
      expect([name, after.length]).toEqual([name, before.length]);
      before.forEach((b, i) => {
        const a = after[i];
        if (a.text === b.text) return;
        changedLines++;
        const want = verdict(b);
        const got = verdict(a);
        if (got !== want) throw new Error(`${name}:${b.line} (${form}): ${a.text}\n  verdict ${got}, the current form gets ${want}`);
        if ((diff.matchAsPrinted(a) >= 0) !== (diff.matchAsPrinted(b) >= 0)) changedAsPrinted++;
      });
    }
    expect(changedLines).toBeGreaterThan(0);
    // The Asterinas rules constrain no timespec member: only forms.test.ts can show that form matters.
    if (form !== 'time') expect(changedAsPrinted).toBeGreaterThan(0);
  });
});
