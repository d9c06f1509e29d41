// Package trace is tracetui's model of distributed traces and everything it
// derives from them. It uses the standard library only: no I/O, no terminal,
// no wording (render turns its facts into text).
//
// # The model
//
// A [Span] is one operation exactly as recorded: IDs as bytes ([TraceID],
// [SpanID]), typed attributes ([Attr], [Value]), events and links. A [Trace]
// is every span sharing one trace ID; decoders (package source/…) fill a
// [Collector], which groups spans into traces as they arrive. Nothing is
// adjusted: skewed or broken times stay as recorded and are described.
//
// # The pipeline
//
// [AnalyzeAll] (many traces, earliest first, with progress) and [AnalyzeOne]
// (one trace, for callers that stream and keep nothing) build and analyze,
// run the optional steps asked for, and return an [Analyzed]: the one value
// every later layer passes on.
//
//	Build      → Tree      the span tree; what is broken is marked, not fixed
//	Analyze    → Analysis  self time, critical path, bottleneck, failure point
//	Find       → Findings  N+1 calls, duplicates, gaps, …  (StepFindings)
//	Summarize  → Summary   the trace's list line           (StepSummary)
//
// [PipelineOptions] choose the optional steps: statistics and the service map
// ([StatsTable], [ServiceMap]) need neither, a list needs only the summary.
//
// # Tree
//
// [Tree] holds the spans as flat int32 arrays (parent, children, pre-order,
// depth, subtree size), indexed by span: a million spans cost a few arrays.
// Indexes past the trace's spans are placeholders for parents that never
// arrived. Tree.Marks holds what the builder found per span ([Mark]: orphan,
// cycle, duplicate ID, clock skew, async work, messaging, missing or
// impossible times); [Tree.Notes] and Tree.Warnings ([Warning]) report it
// per span and per trace as kinds and numbers. A span whose times are
// unusable ([Span.Timed] false) is kept and marked but takes no part in
// anything derived from time: the extent, self time, the critical path,
// gaps, findings' totals and statistics. One that has a start but no
// usable end ([Span.Unended]) still started: its nearest timed ancestor's
// uncovered time after that start is unknown (Analysis.Unknown), neither
// that ancestor's self time nor its time on the critical path.
//
// # Analysis
//
// [Analysis] answers where the time went and where the trace failed: self
// time and time on the critical path per span, the critical path as
// [Segment] values and as its entries (Analysis.Path, whose times on the
// path add up to Analysis.PathTime; Analysis.UnknownPath is the rest of
// the path, time after an unended span started that nobody can attribute),
// the bottleneck (the entry holding the most of the path's known time), each error span's [ErrorRole] and the [Failure] point;
// the README's "Definitions" states each one. Package trace/query selects
// spans: TraceQL (Grafana Tempo's query language, a subset evaluated over
// the tree's flat arrays) and the explorer's shorthand, for search, filter
// and --where.
//
// # Units
//
// Times are int64 unix nanoseconds (Span.Start, Tree.Start, Segment.Start);
// durations and amounts are int64 nanoseconds (Analysis.Self, Note.Amount,
// Summary.Duration). Span and tree positions are int32 indexes into the
// tree's arrays; -1 means none.
package trace
