package main

import (
	"fmt"
	"io"
	"time"

	"github.com/tracetui/tracetui/render"
	"github.com/tracetui/tracetui/source/receiver"
)

// limitNotes says what --max-spans has cost so far: traces evicted and
// spans not kept, which would otherwise vanish without a word. headless
// adds how many evicted traces never got their line. Nil when nothing was
// lost.
func limitNotes(s receiver.Stats, headless bool) []string {
	var notes []string
	if s.EvictedTraces > 0 {
		n := fmt.Sprintf("evicted %s (%s), oldest first, to stay within --max-spans %d",
			render.Plural(s.EvictedTraces, "trace"), render.Plural(s.Evicted, "span"), s.MaxSpans)
		if headless && s.EvictedUnreported > 0 {
			n += fmt.Sprintf("; %d of them before their line was printed", s.EvictedUnreported)
		}
		notes = append(notes, n)
	}
	if s.Dropped > 0 || s.DroppedLogs > 0 {
		what := render.Plural(s.Dropped, "span")
		if s.DroppedLogs > 0 {
			what += " and " + render.Plural(s.DroppedLogs, "log record")
		}
		notes = append(notes, fmt.Sprintf("did not keep %s of %s that reached --max-spans %d (the first are kept)",
			what, render.Plural(s.DroppedTraces, "trace"), s.MaxSpans))
	}
	return notes
}

// limitWarner prints a headless run's --max-spans notes as warning lines
// when they change, at most once a second however fast traces are evicted.
type limitWarner struct {
	w     io.Writer
	shown receiver.Stats
	at    time.Time
}

func (l *limitWarner) check(s receiver.Stats, now time.Time) {
	if now.Sub(l.at) < time.Second || s.EvictedTraces == l.shown.EvictedTraces && s.Dropped == l.shown.Dropped && s.DroppedLogs == l.shown.DroppedLogs {
		return
	}
	for _, n := range limitNotes(s, true) {
		fmt.Fprintf(l.w, "tracetui: warning: %s\n", n)
	}
	l.shown, l.at = s, now
}
