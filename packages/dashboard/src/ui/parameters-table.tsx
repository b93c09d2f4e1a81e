/** Parameters as a two-column table (label, value). */
import { formatValue } from '../format/format.js';

/** One row per parameter; objects and arrays as JSON. */
export function ParametersTable({ parameters, testId }: { readonly parameters: Readonly<Record<string, unknown>>; readonly testId: string }) {
  const entries = Object.entries(parameters);
  if (entries.length === 0) return <p data-testid={testId}>No parameters.</p>;
  return (
    <table class="params" data-testid={testId}>
      <tbody>
        {entries.map(([label, value]) => (
          <tr key={label}>
            <th>{label}</th>
            <td>
              <code>{formatValue(value, 400)}</code>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
