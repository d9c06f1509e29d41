// Package query selects spans: the explorer's search (/) and filter (f),
// and --where on print, list, stats and services. It speaks two languages:
//
//   - TraceQL, Grafana Tempo's query language, for a query that starts with
//     "{" (or "(" then "{"): spanset filters, structural operators and
//     count/avg/min/max/sum pipelines, evaluated on one trace at a time
//     with TraceQL's semantics (see the README's TraceQL table);
//   - the shorthand the explorer always had, for anything else:
//     `service=cart duration>50ms error`, `%>2.5`, free words.
//
// Both compile into a [Query]; [Query.Eval] gives the spans a trace
// yields as a [Set]. A query that does not parse carries an [*Error]
// pointing at the column, and matches nothing. Standard library only; the
// parser is hand-written (Tempo's own packages are AGPL).
package query
