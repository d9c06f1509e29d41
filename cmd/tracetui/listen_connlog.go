package main

import (
	"fmt"
	"io"
	"time"

	"github.com/tracetui/tracetui/render"
	"github.com/tracetui/tracetui/source/receiver"
)

// connWarner says, in a headless run, what the servers logged below any
// request (a plain-HTTP client on the New Relic HTTPS port: "TLS
// handshake error"), as a tracetui warning line at most once a second
// with how many more came since, rather than Go's raw log line.
type connWarner struct {
	w     io.Writer
	shown int64
	at    time.Time
}

func (c *connWarner) check(s receiver.Stats, now time.Time) {
	if s.ConnErrors == c.shown || now.Sub(c.at) < time.Second {
		return
	}
	line := "tracetui: warning: " + render.Sanitize(s.ConnErrorLast)
	if n := s.ConnErrors - c.shown; n > 1 {
		line += fmt.Sprintf(" (and %d more like it)", n-1)
	}
	fmt.Fprintln(c.w, line)
	c.shown, c.at = s.ConnErrors, now
}

// connSummary is the summary's line for them: "" when there were none.
func connSummary(s receiver.Stats) string {
	if s.ConnErrors == 0 {
		return ""
	}
	return fmt.Sprintf("%s failed before a request was read (the last: %s)", render.Plural(s.ConnErrors, "connection"), render.Sanitize(s.ConnErrorLast))
}
