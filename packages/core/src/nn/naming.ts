/** State-dict names follow PyTorch: camelCase fields become snake_case (`runningMean` → `running_mean`). */
export function stateDictName(field: string): string {
  return field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}
