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
// is among them, and wears their marks. One Glyphs set (Unicode or ASCII)
// in Options draws every symbol.
//
// The answer is never folded away: BaseState, where print and the
// explorer start, pins the failure point, every error origin and the
// bottleneck with their ancestors (PinnedSpans). A folded run keeps its
// one row, counting and marking the whole run ("×6, 2 errors"), and its
// pinned calls are drawn after it as rows of their own with their
// subtrees, so a 1,000-call run with one failure is two rows plus the
// failing call's subtree. --max-spans' budget keeps pinned spans; a
// viewer's own collapse and filter are obeyed, the hiding row marked.
//
// Rows deeper than the indentation limit (guideLevels: about half the
// name column) are drawn at the deepest indented column after their depth
// ("…17 └─ "), never left of their parent and never losing their name.
// The details pane lays out only the window it shows (DetailsWindow) and
// at most 16 KB of one value, so a huge value costs a keypress nothing.
//
// Strings from traces are untrusted: everything passes through Sanitize
// (Glyphs.Clean) before it is measured.
package render
