// Package rundiff compares two runs — two sets of traces, a test suite
// before and after a change — per operation: how many calls, their
// latency distribution (p50, p95, p99, mean), whether the change is beyond
// noise, which errors and findings are new. The noise test is benchstat's:
// golang.org/x/perf/benchmath's Mann–Whitney U test and median confidence
// intervals; too few samples is reported as such, never guessed.
//
// A Run accumulates one side one analyzed trace at a time and keeps only
// durations and counts, so memory follows the number of spans, not the
// trees. Words are render's.
package rundiff
