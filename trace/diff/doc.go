// Package diff aligns two traces of the same request by structure and says
// what changed between them: durations, self time, errors, calls added or
// removed, runs of repeated calls that grew or shrank. It uses the standard
// library only and never words anything: render does.
//
// Two spans match when they have the same service and name and their
// parents matched. Order does not matter (siblings that ran in another order
// are not a change) and neither does wall-clock time: everything compared
// is a duration or an offset from each trace's own start, so two runs hours
// apart compare as equal when they behaved the same.
package diff
