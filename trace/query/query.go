// Package query selects spans: the explorer's search (/) and filter (f)
// and, through the same code, print, list and check. Standard library only.
package query

import (
	"strconv"
	"strings"
	"time"

	"github.com/tracetui/tracetui/trace"
)

// Query is a parsed search or filter: every term must match.
type Query struct {
	Text  string
	terms []term
}

type term struct {
	field string // "", service, name, status, kind, duration, share, or an attribute key
	op    byte   // '=', '>', '<', or 0 for a free word
	value string
	num   float64 // duration in ns, or share in percent
}

// Parse understands free words (matched in service, name, IDs,
// attribute keys and values), field=value for service/name/status/kind or
// any attribute key, duration>50ms / duration<1s, and %>2.5 (share of the
// trace's duration). Case never matters.
func Parse(s string) Query {
	q := Query{Text: strings.TrimSpace(s)}
	for _, w := range strings.Fields(q.Text) {
		t := term{value: strings.ToLower(w)}
		if i := strings.IndexAny(w, "=<>"); i > 0 {
			t.field, t.op, t.value = strings.ToLower(w[:i]), w[i], strings.ToLower(w[i+1:])
			switch t.field {
			case "duration", "dur", "d":
				t.field = "duration"
				if d, err := time.ParseDuration(t.value); err == nil {
					t.num = float64(d)
				} else if n, err := strconv.ParseFloat(t.value, 64); err == nil {
					t.num = n * 1e6 // a bare number means milliseconds
				}
			case "%", "share":
				t.field = "share"
				t.num, _ = strconv.ParseFloat(strings.TrimSuffix(t.value, "%"), 64)
			}
		} else if strings.HasPrefix(w, "%") && len(w) > 2 && (w[1] == '>' || w[1] == '<') {
			t.field, t.op = "share", w[1]
			t.num, _ = strconv.ParseFloat(w[2:], 64)
		}
		if t.value == "error" && t.op == 0 {
			t.field, t.op, t.value = "status", '=', "error"
		}
		q.terms = append(q.terms, t)
	}
	return q
}

func (q Query) Empty() bool { return len(q.terms) == 0 }

// Matches reports whether span i satisfies every term.
func (q Query) Matches(tr *trace.Tree, i int32) bool {
	s := tr.Span(i)
	for _, t := range q.terms {
		if !t.matches(tr, s) {
			return false
		}
	}
	return len(q.terms) > 0
}

func (t term) matches(tr *trace.Tree, s *trace.Span) bool {
	switch t.field {
	case "":
		return t.free(s)
	case "duration":
		return compare(float64(s.Duration()), t.op, t.num)
	case "share":
		if tr.Duration() == 0 {
			return false
		}
		return compare(float64(s.Duration())*100/float64(tr.Duration()), t.op, t.num)
	case "service":
		return contains(s.Service(), t.value)
	case "name":
		return contains(s.Name, t.value)
	case "status":
		return s.Status.String() == t.value
	case "kind":
		return s.Kind.String() == t.value
	}
	for _, attrs := range [][]trace.Attr{s.Attrs, resourceAttrs(s)} {
		if v, ok := trace.Lookup(attrs, t.field); ok {
			val := v.AsString()
			if t.op == '=' {
				return contains(val, t.value)
			}
			n, err := strconv.ParseFloat(val, 64)
			want, err2 := strconv.ParseFloat(t.value, 64)
			return err == nil && err2 == nil && compare(n, t.op, want)
		}
	}
	return false
}

func (t term) free(s *trace.Span) bool {
	if contains(s.Service(), t.value) || contains(s.Name, t.value) || strings.HasPrefix(s.DisplaySpanID(), t.value) {
		return true
	}
	for _, a := range s.Attrs {
		if contains(a.Key, t.value) || a.Value.Kind() == trace.ValueString && contains(a.Value.Str(), t.value) {
			return true
		}
	}
	return contains(s.StatusMessage, t.value)
}

func resourceAttrs(s *trace.Span) []trace.Attr {
	if s.Resource == nil {
		return nil
	}
	return s.Resource.Attrs
}

func compare(v float64, op byte, want float64) bool {
	switch op {
	case '>':
		return v > want
	case '<':
		return v < want
	}
	return v == want
}

// contains is a case-insensitive substring test without allocating for
// ASCII text, since it runs once per span per term.
func contains(s, lowerSub string) bool {
	if lowerSub == "" {
		return true
	}
	n := len(lowerSub)
	for i := 0; i+n <= len(s); i++ {
		j := 0
		for ; j < n; j++ {
			c := s[i+j]
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			if c != lowerSub[j] {
				break
			}
		}
		if j == n {
			return true
		}
	}
	return false
}
