/** The end of a trial's stdout or stderr (`GET /trial-file/:id/stdout|stderr`). */
import { ApiError, getNniResponse } from '../api/api-client.js';
import { readTail } from '../logs/read-tail.js';
import { useLoad } from './hooks.js';

/** Shows the last 64 KiB of one log file, re-read when `version` changes. */
export function LogTail({ trialJobId, file, version }: { readonly trialJobId: string; readonly file: 'stdout' | 'stderr'; readonly version: number }) {
  const loaded = useLoad(
    async (signal) => {
      try {
        const response = await getNniResponse(`trial-file/${encodeURIComponent(trialJobId)}/${file}`, signal);
        return await readTail(response.body);
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) return { text: '', truncated: false, missing: true };
        throw error;
      }
    },
    [trialJobId, file, version],
  );
  return (
    <div class="log">
      <h3>{file}</h3>
      {loaded.state === 'loading' && <p>Loading…</p>}
      {loaded.state === 'error' && <p class="error">{loaded.error.message}</p>}
      {loaded.state === 'ok' && (
        <pre data-testid={`trial-${file}`} class="log-text">
          {'missing' in loaded.value ? `(no ${file} yet)` : (loaded.value.truncated ? '… (earlier output left out)\n' : '') + (loaded.value.text === '' ? `(${file} is empty)` : loaded.value.text)}
        </pre>
      )}
    </div>
  );
}
