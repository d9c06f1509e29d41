package tui

import (
	"strconv"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/tracetui/tracetui/trace"
	"github.com/tracetui/tracetui/trace/query"
)

// listFilter is the list's query, read as a question about traces: a trace
// matches when its spans do (TraceQL or the shorthand, as / and f read
// them in a trace) and its trace-level terms hold. The shorthand's
// trace-level terms are spans>N, errors>N and duration>D (also < and =):
// on the list, duration is the trace's.
type listFilter struct {
	text  string
	spans query.Query // what the spans must match; empty when only trace terms
	terms []traceTerm
	words []string // the shorthand's span words, for results not fetched
	err   error
	// lazy: traces without a Tree are a Loader's, not analyzed yet; with
	// spans empty their list line answers as their tree would.
	lazy bool
}

type traceTerm struct {
	field string // spans, errors, duration
	op    byte
	num   float64 // a count, or nanoseconds
}

// parseListFilter never fails: a query that does not parse keeps its
// error (columns count in the text as typed) and matches no trace.
func parseListFilter(text string) listFilter {
	f := listFilter{text: strings.TrimSpace(text)}
	if f.text == "" {
		return f
	}
	if query.IsTraceQL(text) {
		f.spans = query.Parse(text)
		f.err = f.spans.Err()
		return f
	}
	// Trace terms are blanked out of the text the span query parses, so
	// its error columns still point into what the user typed.
	masked := []byte(text)
	for _, w := range fieldsAt(text) {
		t, ok, err := parseTraceTerm(w.s)
		if err != nil {
			// The column of the value, as / and --where point.
			at := w.off + strings.IndexAny(w.s, "<>=") + 1
			f.err = &query.Error{Column: len([]rune(text[:at])) + 1, Msg: err.Error()}
			return f
		}
		if !ok {
			f.words = append(f.words, strings.ToLower(w.s))
			continue
		}
		f.terms = append(f.terms, t)
		for i := w.off; i < w.off+len(w.s); i++ {
			masked[i] = ' '
		}
	}
	f.spans = query.Parse(string(masked))
	f.err = f.spans.Err()
	return f
}

type fieldAt struct {
	s   string
	off int
}

func fieldsAt(s string) []fieldAt {
	var out []fieldAt
	for i := 0; i < len(s); {
		for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
			i++
		}
		j := i
		for j < len(s) && s[j] != ' ' && s[j] != '\t' {
			j++
		}
		if j > i {
			out = append(out, fieldAt{s[i:j], i})
		}
		i = j
	}
	return out
}

// parseTraceTerm reads spans>N, errors>N or duration>D; ok is false for
// any other word.
func parseTraceTerm(w string) (t traceTerm, ok bool, err error) {
	i := strings.IndexAny(w, "<>=")
	if i <= 0 {
		return t, false, nil
	}
	t.field, t.op = strings.ToLower(w[:i]), w[i]
	v := w[i+1:]
	switch t.field {
	case "spans", "errors":
		n, perr := strconv.Atoi(v)
		if perr != nil {
			return t, false, &traceTermError{strconv.Quote(v) + " is not a count: " + t.field + string(t.op) + " compares the trace's " + t.field}
		}
		t.num = float64(n)
	case "duration", "dur", "d":
		t.field = "duration"
		if d, derr := time.ParseDuration(v); derr == nil {
			t.num = float64(d)
		} else if n, nerr := strconv.ParseFloat(v, 64); nerr == nil {
			t.num = n * 1e6 // a bare number is milliseconds, as in a trace
		} else {
			return t, false, &traceTermError{strconv.Quote(v) + " is not a duration (like 50ms or 1.5s; a bare number is milliseconds)"}
		}
	default:
		return t, false, nil
	}
	return t, true, nil
}

type traceTermError struct{ msg string }

func (e *traceTermError) Error() string { return e.msg }

func (t traceTerm) holds(s trace.Summary) bool {
	var v float64
	switch t.field {
	case "spans":
		v = float64(s.Spans)
	case "errors":
		v = float64(s.Errors)
	default:
		v = float64(s.Duration)
	}
	if v < 0 { // the store did not say
		return false
	}
	switch t.op {
	case '>':
		return v > t.num
	case '<':
		return v < t.num
	}
	return v == t.num
}

// listResult is the filter's answer for every trace of the list.
type listResult struct {
	match     []bool
	bySummary int // results not fetched, matched on their list line
	unchecked int // results not fetched and kept: TraceQL needs spans
}

// eval answers f for every trace. It reads only its arguments, so it can
// run off the UI loop; traces may be shorter than all, or hold results
// not fetched yet (no Tree).
func (f listFilter) eval(all []trace.Summary, traces []trace.Analyzed) listResult {
	r := listResult{match: make([]bool, len(all))}
	if f.err != nil {
		return r
	}
	traceQL := query.IsTraceQL(f.text)
	for k, s := range all {
		var tree *trace.Tree
		if k < len(traces) {
			tree = traces[k].Tree
		}
		switch {
		case tree != nil || f.lazy && f.spans.Empty():
			r.match[k] = f.termsHold(s) && (f.spans.Empty() || f.spans.MatchesTrace(tree) ||
				len(f.terms) == 0 && !traceQL && summaryText(s, strings.ToLower(f.text)))
		case traceQL:
			r.match[k] = true
			r.unchecked++
		default:
			r.match[k] = f.termsHold(s) && f.summaryMatch(s)
			r.bySummary++
		}
	}
	return r
}

func (f listFilter) termsHold(s trace.Summary) bool {
	for _, t := range f.terms {
		if !t.holds(s) {
			return false
		}
	}
	return true
}

// summaryMatch reads the shorthand's words on a list line, for a store's
// results before their spans are fetched: service=, name=, error and
// status=, context attributes (key=value) and free words.
func (f listFilter) summaryMatch(s trace.Summary) bool {
	for _, w := range f.words {
		field, value, isField := strings.Cut(w, "=")
		switch {
		case w == "error" || w == "status=error":
			if s.Errors <= 0 {
				return false
			}
		case w == "status=ok" || w == "status=unset":
			if s.Errors != 0 {
				return false
			}
		case isField && field == "service":
			if !anyContains(s.Services, value) && !strings.Contains(strings.ToLower(s.RootService), value) {
				return false
			}
		case isField && field == "name":
			if !strings.Contains(strings.ToLower(s.RootName), value) {
				return false
			}
		case !summaryText(s, w):
			return false
		}
	}
	return true
}

// summaryText is the list's plain-text match: root service and name,
// trace ID prefix, services, context key=value.
func summaryText(s trace.Summary, lower string) bool {
	return strings.Contains(strings.ToLower(s.RootService), lower) || strings.Contains(strings.ToLower(s.RootName), lower) ||
		strings.HasPrefix(s.ID, lower) || anyContains(s.Services, lower) || anyContains(s.Context, lower)
}

func anyContains(list []string, lower string) bool {
	for _, x := range list {
		if strings.Contains(strings.ToLower(x), lower) {
			return true
		}
	}
	return false
}

type listFilterMsg struct {
	seq    int
	result listResult
}

// asyncSpans is how many spans a query may cover and still run inside
// Update (tens of milliseconds); bigger ones run in a Cmd, the last
// result staying on screen, marked updating, until the new one lands.
var asyncSpans = 200_000

// setFilter applies the list's filter text.
func (l *listScreen) setFilter(text string) tea.Cmd {
	l.filter = parseListFilter(text)
	return l.runFilter()
}

// runFilter answers the filter for the current traces: inline when they
// are small, else in a Cmd.
func (l *listScreen) runFilter() tea.Cmd {
	l.seq++
	l.busy = false
	if l.filter.text == "" {
		l.result = listResult{}
		l.refresh()
		l.move(0)
		return nil
	}
	l.filter.lazy = l.m.lazy.analyze != nil
	if l.m.lazy.incomplete() && !l.filter.spans.Empty() && l.filter.err == nil {
		// Spans are matched on trees: analyze every trace first; the
		// last result stays on screen, marked updating, until then.
		l.busy = true
		return l.m.analyzeAll()
	}
	spans := 0
	for _, t := range l.m.traces {
		if t.Tree != nil {
			spans += t.Tree.Len()
		}
	}
	f, traces := l.filter, slicesClone(l.m.traces)
	all := append([]trace.Summary(nil), l.all...) // fetches replace entries in place
	if spans <= asyncSpans || f.err != nil {
		l.result = f.eval(all, traces)
		l.refresh()
		l.move(0)
		return nil
	}
	l.busy = true
	seq := l.seq
	return func() tea.Msg { return listFilterMsg{seq: seq, result: f.eval(all, traces)} }
}

func (l *listScreen) filterDone(msg listFilterMsg) {
	if msg.seq != l.seq {
		return // a newer filter (new text or new traces) is on its way
	}
	l.busy = false
	l.result = msg.result
	l.refresh()
	l.move(0)
}

// slicesClone copies the list of traces: fetches replace entries in place.
func slicesClone(t []trace.Analyzed) []trace.Analyzed { return append([]trace.Analyzed(nil), t...) }
