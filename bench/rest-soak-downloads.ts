/**
 * The download process of the REST soak: fetches one URL with `count` concurrent GETs, reads every
 * body to its end (discarding it), and sends back how many bytes each got.
 *
 * Arguments: the URL, the count, the REST token.
 */
import { get } from 'node:http';

const [url, count, token] = process.argv.slice(2);
if (url === undefined || count === undefined || token === undefined || process.send === undefined) {
  throw new Error('usage: fork rest-soak-downloads.ts <url> <count> <token> (with an IPC channel)');
}
const send = process.send.bind(process);

/** The bytes of one download, or -1 when it failed. */
function download(): Promise<number> {
  return new Promise((resolve) => {
    const request = get(url!, { headers: { authorization: `Bearer ${token}` } }, (response) => {
      let bytes = 0;
      response.on('data', (chunk: Buffer) => (bytes += chunk.length));
      response.on('end', () => resolve(response.statusCode === 200 ? bytes : -1));
      response.on('error', () => resolve(-1));
    });
    request.on('error', () => resolve(-1));
  });
}

const sizes = await Promise.all(Array.from({ length: Number(count) }, download));
send(sizes, () => process.exit(0));
