// Command tracetui explores distributed traces in the terminal: an
// interactive waterfall (open), CI-friendly reports (print, list) and a
// local OTLP receiver.
//
// This package only wires the others together: source reads traces from
// files, stores or the receiver, trace analyzes them, render words and
// draws them, and print writes that out while tui shows it. Nothing here
// decides what a trace means or how it looks.
//
// Every command has the same shape, after cli/cli: an XOptions struct
// holding the IOStreams, the flags and, where time is read, the clock;
// newCmdX(ios, runF) registers the flags, and runX(opts) does the work.
// runE (root.go) sits between them: it checks the flags and hands the
// options to runF when a test passes one, so a test can stop right after
// flag parsing. Flags several commands share are registered by one type
// each: outputFlags and reportFlags (output_flags.go), storeFlags
// (stores.go). IOStreams is everything outside the process (streams,
// terminal, environment, clock) and ColorEnabled its one colour decision.
//
// Errors become exit codes in exit.go and nowhere else.
package main
