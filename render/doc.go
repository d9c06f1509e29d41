// Package render turns traces into text: the trace list, a trace's header,
// waterfall rows and the ruler, span details, the one-line diagnosis and
// the print/list reports. Every function is pure (model + view state +
// options in, text out), so the explorer and `tracetui print` show the same
// thing.
//
// Strings from traces are untrusted: everything passes through Sanitize
// before it is measured.
package render
