package query

import (
	"strconv"
	"strings"
	"time"
)

// tokKind is the kind of a TraceQL token.
type tokKind uint8

const (
	tEOF      tokKind = iota
	tIdent            // a word or an attribute path: name, span.http.method, .foo, span."a b"
	tString           // "…" or `…`; text holds the unquoted value
	tNumber           // 42, 1.5, -3
	tDuration         // 50ms, 1.5s; num holds nanoseconds
	tPunct            // operators and brackets; text holds them
)

type token struct {
	kind tokKind
	text string // identifier, unquoted string, number text or operator
	raw  string // the token as written, for error messages
	off  int    // byte offset into the query
	num  float64
}

// describe is how an error message names what it found.
func (t token) describe() string {
	if t.kind == tEOF {
		return "the end of the query"
	}
	return strconv.Quote(t.raw)
}

// puncts are TraceQL's operators, longest first so ">>" wins over ">".
var puncts = []string{
	"!>>", "!<<", "&&", "||", "!=", "=~", "!~", ">=", "<=", ">>", "<<", "!>", "!<",
	"{", "}", "(", ")", "|", "!", "=", ">", "<", "~", ",",
}

// attrStop are the characters that end an unquoted attribute name, as in
// TraceQL: dots, dashes, slashes and colons stay part of the name.
const attrStop = " \t\r\n{}()=!<>&|~,\""

// lex splits a TraceQL query into tokens; the only errors are an unclosed
// string and a character that starts no token.
func lex(src string) ([]token, error) {
	var toks []token
	for i := 0; i < len(src); {
		c := src[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			i++
		case c == '"' || c == '`':
			s, n, err := unquote(src, i)
			if err != nil {
				return nil, err
			}
			toks = append(toks, token{kind: tString, text: s, raw: src[i : i+n], off: i})
			i += n
		case isDigit(c) || c == '-' && i+1 < len(src) && isDigit(src[i+1]):
			t, err := lexNumber(src, i)
			if err != nil {
				return nil, err
			}
			toks = append(toks, t)
			i += len(t.raw)
		case c == '.' || isIdentStart(c):
			t, err := lexIdent(src, i)
			if err != nil {
				return nil, err
			}
			toks = append(toks, t)
			i += len(t.raw)
		default:
			p := ""
			for _, cand := range puncts {
				if strings.HasPrefix(src[i:], cand) {
					p = cand
					break
				}
			}
			if p == "" {
				if c == '&' {
					return nil, errAt(src, i, `expected "&&", got "&"`)
				}
				return nil, errAt(src, i, "unexpected "+strconv.QuoteRune(firstRune(src[i:])))
			}
			toks = append(toks, token{kind: tPunct, text: p, raw: p, off: i})
			i += len(p)
		}
	}
	return append(toks, token{kind: tEOF, off: len(src)}), nil
}

// lexIdent reads a word or an attribute path. A path may hold quoted
// parts (span."attr with space") and, after a scope, any character but
// the operators and brackets.
func lexIdent(src string, i int) (token, error) {
	start := i
	var name strings.Builder
	for i < len(src) {
		c := src[i]
		if c == '"' {
			if i == start || src[i-1] != '.' {
				break
			}
			s, n, err := unquote(src, i)
			if err != nil {
				return token{}, err
			}
			name.WriteString(s)
			i += n
			continue
		}
		if strings.IndexByte(attrStop, c) >= 0 {
			break
		}
		name.WriteByte(c)
		i++
	}
	return token{kind: tIdent, text: name.String(), raw: src[start:i], off: start}, nil
}

// lexNumber reads an integer, a float or a duration (a number with a unit).
func lexNumber(src string, i int) (token, error) {
	start := i
	if src[i] == '-' {
		i++
	}
	for i < len(src) && (isDigit(src[i]) || src[i] == '.' || src[i] == 'e' || src[i] == 'E' ||
		(src[i] == '+' || src[i] == '-') && (src[i-1] == 'e' || src[i-1] == 'E')) {
		i++
	}
	numEnd := i
	for i < len(src) && (isUnit(src[i]) || numEnd < i && (isDigit(src[i]) || src[i] == '.')) {
		i++
	}
	raw := src[start:i]
	if numEnd < i {
		d, ok := parseDuration(raw)
		if !ok {
			return token{}, errAt(src, start, strconv.Quote(raw)+" is not a number or a duration (units: ns, us, ms, s, m, h)")
		}
		return token{kind: tDuration, text: raw, raw: raw, off: start, num: float64(d)}, nil
	}
	f, err := strconv.ParseFloat(raw, 64)
	if err != nil {
		return token{}, errAt(src, start, strconv.Quote(raw)+" is not a number")
	}
	return token{kind: tNumber, text: raw, raw: raw, off: start, num: f}, nil
}

// parseDuration reads TraceQL's durations: time.ParseDuration's forms
// (1h30m, 1.5s, 250us, 250µs), which are exactly TraceQL's units.
func parseDuration(s string) (int64, bool) {
	d, err := time.ParseDuration(s)
	return int64(d), err == nil
}

// unquote reads the string starting at src[i] ("…" with backslash escapes,
// or `…` raw) and returns its value and length in bytes.
func unquote(src string, i int) (string, int, error) {
	q := src[i]
	for j := i + 1; j < len(src); j++ {
		switch src[j] {
		case '\\':
			if q == '"' {
				j++
			}
		case q:
			raw := src[i : j+1]
			if q == '`' {
				return raw[1 : len(raw)-1], len(raw), nil
			}
			s, err := strconv.Unquote(raw)
			if err != nil {
				return "", 0, errAt(src, i, "bad escape in the string "+raw)
			}
			return s, len(raw), nil
		}
	}
	return "", 0, errAt(src, i, "the string starting here is not closed")
}

func isDigit(c byte) bool      { return '0' <= c && c <= '9' }
func isLetter(c byte) bool     { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }
func isUnit(c byte) bool       { return isLetter(c) || c == 0xc2 || c == 0xb5 } // µ is 0xc2 0xb5
func isIdentStart(c byte) bool { return isLetter(c) || c == '_' || c >= 0x80 }
func firstRune(s string) rune {
	for _, r := range s {
		return r
	}
	return 0
}
