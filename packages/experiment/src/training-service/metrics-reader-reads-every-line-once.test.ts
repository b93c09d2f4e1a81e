/**
 * Properties of metric ingestion: checking a line never throws and only ever yields finite values;
 * the reader, whatever the slices the file is written and read in (multi-byte characters split
 * included), yields exactly the lines a direct check of each line gives, once each.
 */
import { appendFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { checkMetricLine } from './metric-line.js';
import { MetricsReader } from './metrics-reader.js';

const dir = mkdtempSync(join(tmpdir(), 'archspace-metrics-'));

const metricText = fc.oneof(
  fc.double().map((d) => JSON.stringify(d) ?? 'null'),
  fc.constantFrom('NaN', 'Infinity', '-Infinity', '1e999', 'null', '"x"', '[1]', '{"default": 1}', '{"default": "é"}', '{"default": 1e400}'),
  fc.string(),
);
const anyLine = fc.oneof(
  fc.record({ type: fc.constantFrom('PERIODICAL', 'FINAL', 'OTHER'), sequence: fc.oneof(fc.nat(), fc.integer(), fc.double()), value: metricText, timestamp: fc.oneof(fc.nat(), fc.double()) }).map((l) => JSON.stringify(l)),
  fc.string({ unit: 'binary' }).map((s) => s.replace(/\n/g, ' ')),
  fc.constant('{"type": "FINAL", "sequence": 0, "value": "é€😀"}'),
);

it('checking a line never throws, and a valid line always carries a finite value', () => {
  fc.assert(
    fc.property(fc.oneof(anyLine, fc.string()), (text) => {
      const checked = checkMetricLine(text, 1);
      if (checked.ok) {
        expect(Number.isFinite(checked.metric.value)).toBe(true);
        expect(['PERIODICAL', 'FINAL']).toContain(checked.metric.line.type);
        expect(Number.isSafeInteger(checked.metric.line.timestamp)).toBe(true);
      } else expect(checked.reason.length).toBeGreaterThan(0);
    }),
  );
});

it('the reader yields each complete line once, as a direct check does, whatever the write and read slices', () => {
  let run = 0;
  fc.assert(
    fc.property(fc.array(anyLine, { maxLength: 20 }), fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 10 }), fc.integer({ min: 1, max: 64 }), (lines, cuts, readBytes) => {
      const file = join(dir, `m${run++}.jsonl`);
      writeFileSync(file, '');
      const bytes = Buffer.from(lines.map((l) => `${l}\n`).join(''), 'utf8');
      const reader = new MetricsReader(file, readBytes);
      const got: string[] = [];
      let rejected = 0;
      const drain = () => {
        for (let more = true; more; ) {
          const chunk = reader.read();
          more = chunk.more;
          got.push(...chunk.lines.map((l) => l.line.value));
          rejected += chunk.rejected.length;
        }
      };
      let at = 0;
      for (let i = 0; at < bytes.length; i++) {
        const next = Math.min(bytes.length, at + cuts[i % cuts.length]!);
        appendFileSync(file, bytes.subarray(at, next));
        at = next;
        drain();
      }
      drain();
      const expected = lines.filter((l) => l.trim() !== '').map((l) => checkMetricLine(l, 1));
      expect(got).toEqual(expected.flatMap((c) => (c.ok ? [c.metric.line.value] : [])));
      expect(rejected).toBe(expected.filter((c) => !c.ok).length);
    }),
    { numRuns: 200 },
  );
});
