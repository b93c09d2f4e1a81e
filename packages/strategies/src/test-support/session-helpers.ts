/**
 * Helpers the strategies' tests share: deterministic scores of samples and a way to take every
 * proposal a session has ready. Test-only.
 */
import type { Sample } from '@archspace/mutables';
import { sampleKey } from '../sample-key.js';
import type { Proposal, StrategySession } from '../strategy.js';

/** A 32-bit signed hash of the sample's key: the same sample always gets the same number. */
export function sampleHash(sample: Sample): number {
  let h = 0;
  for (const ch of sampleKey(sample)) h = (h * 31 + ch.charCodeAt(0)) | 0;
  return h;
}

/** A deterministic score of a sample in [-1, 1): its {@link sampleHash} over 2³¹. */
export function hashScore(sample: Sample): number {
  return sampleHash(sample) / 2 ** 31;
}

/** A deterministic score of a sample in [0, 1): its {@link sampleHash}, read unsigned, over 2³². */
export function unitHashScore(sample: Sample): number {
  return (sampleHash(sample) >>> 0) / 2 ** 32;
}

/** Asks until the session waits or is done; returns the proposals it made. */
export function drain(session: StrategySession): Proposal[] {
  const out: Proposal[] = [];
  for (let p = session.ask(); p !== undefined; p = session.ask()) out.push(p);
  return out;
}
