package trace

import (
	"strings"
)

// statementKeys name what makes two calls "the same call".
var statementKeys = []string{"db.statement", "db.query.text"}
var routeKeys = []string{"http.route", "url.template"}
var exactKeys = []string{"url.full", "http.url", "db.statement", "db.query.text", "rpc.method"}

// callKey is service, name and the normalised statement or route: 25
// "SELECT … WHERE id = 7", "… id = 8" are one repeated call.
func callKey(s *Span) string {
	k := s.Service() + "\x00" + s.Name
	for _, key := range statementKeys {
		if v, ok := Lookup(s.Attrs, key); ok {
			return k + "\x00" + normalizeStatement(v.AsString())
		}
	}
	for _, key := range routeKeys {
		if v, ok := Lookup(s.Attrs, key); ok {
			return k + "\x00" + v.AsString()
		}
	}
	return k
}

// normalizeStatement blanks literals so statements differing only in
// their values compare equal.
func normalizeStatement(q string) string {
	var b strings.Builder
	b.Grow(min(len(q), 256))
	inQuote, inNumber, space := byte(0), false, false
	for i := 0; i < len(q) && b.Len() < 256; i++ {
		c := q[i]
		switch {
		case inQuote != 0:
			if c == inQuote {
				inQuote = 0
			}
			continue
		case c == '\'' || c == '"':
			inQuote = c
			b.WriteByte('?')
			continue
		case c >= '0' && c <= '9':
			if !inNumber && (b.Len() == 0 || !isIdent(lastByte(&b))) {
				b.WriteByte('?')
				inNumber = true
			} else if !inNumber {
				b.WriteByte(c)
			}
			continue
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			inNumber = false
			if !space {
				b.WriteByte(' ')
			}
			space = true
			continue
		}
		inNumber, space = false, false
		b.WriteByte(c)
	}
	return b.String()
}

func lastByte(b *strings.Builder) byte { s := b.String(); return s[len(s)-1] }

func isIdent(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// exactCall is the identity of a call to the very same resource, or ""
// when the span carries none of the attributes that say so.
func exactCall(s *Span) string {
	for _, key := range exactKeys {
		if v, ok := Lookup(s.Attrs, key); ok {
			return s.Service() + "\x00" + s.Name + "\x00" + key + "=" + v.AsString()
		}
	}
	return ""
}

// duplicates finds the same call made more than once anywhere in the
// trace; a group already reported as N+1 is not reported twice.
func (f *Findings) duplicates(tr *Tree) {
	groups := map[string][]int32{}
	var order []string
	for i := int32(0); i < int32(len(tr.Trace.Spans)); i++ {
		s := tr.Span(i)
		if s.Kind == KindServer || s.Kind == KindConsumer {
			continue // the receiving half of a call is not a second call
		}
		k := exactCall(s)
		if k == "" {
			continue
		}
		if groups[k] == nil {
			order = append(order, k)
		}
		groups[k] = append(groups[k], i)
	}
	for _, k := range order {
		g := groups[k]
		if len(g) < 2 {
			continue
		}
		if r := f.Folded[g[0]]; r != nil && allIn(f.Folded, g, r) {
			continue
		}
		total := int64(0)
		for _, i := range g {
			total += tr.Span(i).Duration()
		}
		f.add(Finding{Kind: FindingDuplicate, Span: g[0], Spans: g, Count: len(g), Time: total, Of: tr.Duration()})
	}
}

func allIn(folded map[int32]*Repeat, g []int32, r *Repeat) bool {
	for _, i := range g {
		if folded[i] != r {
			return false
		}
	}
	return true
}

// CallIdentity is the attribute that makes a call "the same call" (a URL,
// a statement, an RPC method), for describing a duplicate.
func CallIdentity(s *Span) (key, value string) {
	for _, k := range exactKeys {
		if v, ok := Lookup(s.Attrs, k); ok {
			return k, v.AsString()
		}
	}
	return "", ""
}

// CallTarget is the service a call went to (see callTarget), for words.
func CallTarget(tr *Tree, c int32) string {
	t, _, _ := strings.Cut(callTarget(tr, c), "\x00")
	return t
}
