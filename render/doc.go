// Package render turns traces into text: the trace list, a trace's header,
// waterfall rows and the ruler, span details, the one-line diagnosis and
// the print/list reports. Every function is pure (model + view state +
// options in, text out), so the explorer and `tracetui print` show the same
// thing.
//
// One view model serves both: a ViewState (folded runs of repeated calls,
// collapsed subtrees, a filter's keep set, --max-spans' budget) walked by a
// Cursor. The explorer steps the Cursor lazily over the rows on screen;
// print walks it from the top (Rows). Every row that hides spans says how
// many, how many errors, and whether the failure point or the bottleneck
// is among them. One Glyphs set (Unicode or ASCII) in Options draws every
// symbol.
//
// Strings from traces are untrusted: everything passes through Sanitize
// (Glyphs.Clean) before it is measured.
package render
