// A runId no other test process uses now or used before (a crashed run leaves its schema behind).
let counter = 0;

export function testRunId(): string {
  counter += 1;
  return `test_${Date.now().toString(36)}_${process.pid}_${counter}`;
}
