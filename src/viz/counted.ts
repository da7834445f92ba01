/** A count with its noun, singular for exactly one: `1 neuron`, `0 connections`, `3 runs`. */
export function counted(count: number, singular: string, plural = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : plural}`;
}
