package query

import (
	"strings"
	"sync/atomic"

	"github.com/tracetui/tracetui/trace"
)

// Query is a compiled search or filter. Copies share one cache of the
// last tree evaluated, so Matches called for every span of a tree
// evaluates a TraceQL query once, not once per span; it is safe for
// concurrent use.
type Query struct {
	Text  string // the query as given, trimmed
	terms []term
	prog  *program
	err   error
	last  *atomic.Pointer[cached]
}

type cached struct {
	tr  *trace.Tree
	n   int
	set Set
}

// Compile parses text (see Parse) and returns the error, an [*Error], when
// it does not parse.
func Compile(text string) (*Query, error) {
	q := Parse(text)
	if q.err != nil {
		return nil, q.err
	}
	return &q, nil
}

// Parse compiles text and never fails: a query that does not parse keeps
// its error (Err) and matches nothing. Text that starts with "{", or with
// "(" before a "{", is TraceQL. Anything else is the shorthand: free words
// (matched in service, name, span ID, attribute keys and string values,
// status message), field=value for service, name, status, kind or any
// attribute key (a substring, any case), key>N and key<N for numbers,
// duration>50ms / duration<1s (a bare number is milliseconds), %>2.5 (share
// of the trace's duration), and `error` for status=error. Every term must
// match.
func Parse(text string) Query {
	q := Query{Text: strings.TrimSpace(text), last: new(atomic.Pointer[cached])}
	// Parse the text as given, so error columns count from what the user
	// typed, leading spaces included.
	if IsTraceQL(q.Text) {
		q.prog, q.err = compileTraceQL(text)
	} else {
		q.terms, q.err = parseShorthand(text)
	}
	return q
}

// IsTraceQL reports whether text is read as TraceQL rather than shorthand.
func IsTraceQL(text string) bool {
	return strings.HasPrefix(strings.TrimLeft(text, "( \t\r\n"), "{")
}

// Err is why the query does not parse, an [*Error]; nil when it does.
func (q Query) Err() error { return q.err }

// Empty reports whether there is no query at all (which selects nothing).
func (q Query) Empty() bool { return q.Text == "" }

// Eval is the spans the query selects in tr: for TraceQL the final
// spanset of the pipeline, for the shorthand the spans every term
// matches. Placeholders (parents that never arrived) are never selected.
// A query that does not parse selects nothing.
func (q Query) Eval(tr *trace.Tree) Set {
	switch {
	case tr == nil:
		return Set{}
	case q.err != nil || q.Empty():
		return newSet(tr.Len())
	case q.prog != nil:
		return q.prog.eval(tr)
	}
	out := newSet(tr.Len())
	for i := range tr.Trace.Spans {
		if q.shortMatch(tr, int32(i)) {
			out.add(int32(i))
		}
	}
	return out
}

// MatchesTrace reports whether the query selects any span of tr: the
// trace-level answer --where keeps traces by.
func (q Query) MatchesTrace(tr *trace.Tree) bool {
	if q.prog != nil || q.err != nil || tr == nil {
		return !q.cachedEval(tr).Empty()
	}
	for i := range tr.Trace.Spans {
		if q.shortMatch(tr, int32(i)) {
			return true
		}
	}
	return false
}

// Matches reports whether span i of tr is selected: for TraceQL, whether
// it is in the final spanset (evaluated once per tree, see Query).
func (q Query) Matches(tr *trace.Tree, i int32) bool {
	if q.prog != nil {
		return q.cachedEval(tr).Has(i)
	}
	return q.err == nil && q.shortMatch(tr, i)
}

func (q Query) shortMatch(tr *trace.Tree, i int32) bool {
	s := tr.Span(i)
	if len(q.terms) == 0 || s.Placeholder {
		return false
	}
	for _, t := range q.terms {
		if !t.matches(tr, s) {
			return false
		}
	}
	return true
}

// cachedEval is Eval through the shared cache of the last tree.
func (q Query) cachedEval(tr *trace.Tree) Set {
	if q.last == nil || tr == nil {
		return q.Eval(tr)
	}
	if c := q.last.Load(); c != nil && c.tr == tr && c.n == tr.Len() {
		return c.set
	}
	s := q.Eval(tr)
	q.last.Store(&cached{tr: tr, n: tr.Len(), set: s})
	return s
}
