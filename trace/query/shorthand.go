package query

import (
	"strconv"
	"strings"
	"time"

	"github.com/tracetui/tracetui/trace"
)

// term is one word of the shorthand: a free word or field op value.
type term struct {
	field string // "", service, name, status, kind, duration, share, or an attribute key
	op    byte   // '=', '>', '<', or 0 for a free word
	value string
	num   float64 // duration in ns, share in percent, or an attribute's number
}

// parseShorthand reads the explorer's quick syntax (see Parse). A value
// that must be a number or a duration and is not is an error, pointing at
// the value, rather than a term that matches everything or nothing.
func parseShorthand(text string) ([]term, error) {
	var terms []term
	for _, w := range words(text) {
		t, err := shortTerm(text, w.s, w.off)
		if err != nil {
			return nil, err
		}
		terms = append(terms, t)
	}
	return terms, nil
}

type word struct {
	s   string
	off int
}

// words is strings.Fields with each word's byte offset, for errors.
func words(s string) []word {
	var out []word
	start := -1
	for i := 0; i <= len(s); i++ {
		space := i == len(s) || s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r'
		switch {
		case space && start >= 0:
			out = append(out, word{s[start:i], start})
			start = -1
		case !space && start < 0:
			start = i
		}
	}
	return out
}

func shortTerm(text, w string, off int) (term, error) {
	t := term{value: strings.ToLower(w)}
	i := strings.IndexAny(w, "=<>")
	if i <= 0 {
		if t.value == "error" {
			t.field, t.op, t.value = "status", '=', "error"
		}
		return t, nil
	}
	t.field, t.op, t.value = strings.ToLower(w[:i]), w[i], strings.ToLower(w[i+1:])
	valOff := off + i + 1
	bad := func(msg string) (term, error) { return term{}, errAt(text, valOff, msg) }
	if t.value == "" {
		return bad("expected a value after " + strconv.Quote(string(t.op)))
	}
	switch t.field {
	case "duration", "dur", "d":
		t.field = "duration"
		if d, err := time.ParseDuration(t.value); err == nil {
			t.num = float64(d)
		} else if n, err := strconv.ParseFloat(t.value, 64); err == nil {
			t.num = n * 1e6 // a bare number means milliseconds
		} else {
			return bad(strconv.Quote(t.value) + " is not a duration (like 50ms or 1.5s; a bare number is milliseconds)")
		}
	case "%", "share":
		t.field = "share"
		n, err := strconv.ParseFloat(strings.TrimSuffix(t.value, "%"), 64)
		if err != nil {
			return bad(strconv.Quote(t.value) + " is not a number (a percentage of the trace's duration)")
		}
		t.num = n
	case "status":
		if t.value != "error" && t.value != "ok" && t.value != "unset" {
			return bad("status is error, ok or unset, got " + strconv.Quote(t.value))
		}
	case "kind", "service", "name":
	default:
		if t.op != '=' {
			n, err := strconv.ParseFloat(t.value, 64)
			if err != nil {
				return bad(strconv.Quote(t.value) + " is not a number: " + string(t.op) + " compares numbers")
			}
			t.num = n
		}
	}
	return t, nil
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
			return err == nil && compare(n, t.op, t.num)
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
