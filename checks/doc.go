// Package checks asserts on traces: the rules `tracetui check` and
// `tracetui run --check` evaluate, and which test each trace belongs to.
//
// A [Rule] applies to the traces its Where query selects (all without one)
// and asserts on the spans its Select query yields: per span (duration <
// 300ms, status != error, attr:http.response.status_code = 200, each
// evaluated as the TraceQL filter it reads as) or on the set (count() <
// 20, avg(duration) < 50ms). Rules come from --expect TRACEQL, the
// shorthand flags (--no-errors, --max-duration, --no-findings) and YAML
// files of named checks. [Evaluate] returns one [Result] per rule: the
// traces it applied to and each failure, with the spans and the value
// seen. Wording is render's; this package only decides.
package checks
