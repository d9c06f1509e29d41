package query

import (
	"encoding/hex"
	"regexp"
	"strconv"
	"strings"

	"github.com/tracetui/tracetui/trace"
)

func (p *parser) condOr() (cond, error) {
	l, err := p.condAnd()
	for err == nil && p.is("||") {
		p.next()
		var r cond
		if r, err = p.condAnd(); err == nil {
			l = orCond{l, r}
		}
	}
	return l, err
}

func (p *parser) condAnd() (cond, error) {
	l, err := p.condUnary()
	for err == nil && p.is("&&") {
		p.next()
		var r cond
		if r, err = p.condUnary(); err == nil {
			l = andCond{l, r}
		}
	}
	return l, err
}

func (p *parser) condUnary() (cond, error) {
	t := p.next()
	switch {
	case t.kind == tPunct && t.text == "!":
		c, err := p.condUnary()
		return notCond{c}, err
	case t.kind == tPunct && t.text == "(":
		c, err := p.condOr()
		if err != nil {
			return nil, err
		}
		return c, p.expect(")", `")" to close the "(" at column `+strconv.Itoa(errAt(p.src, t.off, "").Column))
	case t.kind == tIdent && (t.raw == "true" || t.raw == "false"):
		return constCond(t.raw == "true"), nil
	case t.kind == tIdent:
		return p.comparison(t)
	}
	return nil, p.errAt(t, `expected a condition like name = "GET /" or span.http.status_code >= 500, got `+t.describe())
}

// comparison parses "field op value" after the field's token.
func (p *parser) comparison(ft token) (cond, error) {
	f, ok := fieldOf(ft)
	if !ok {
		err := errAt(p.src, ft.off, "unknown field "+strconv.Quote(ft.raw)+": "+fieldHelp)
		// span:parentID, scope:name…: intrinsics Tempo has and this does not.
		err.Unsupported = strings.Contains(ft.text, ":")
		return nil, err
	}
	ot := p.next()
	o, ok := ops[ot.text]
	if ot.kind != tPunct || !ok {
		return nil, p.errAt(ot, "expected a comparison (= != > >= < <= =~ !~) after "+strconv.Quote(ft.raw)+", got "+ot.describe())
	}
	vt := p.next()
	v, err := p.value(vt, ot)
	if err != nil {
		return nil, err
	}
	if err := p.check(f, o, &v, vt, ot); err != nil {
		return nil, err
	}
	c := &cmpCond{f: f, op: o, v: v, slot: p.slots}
	p.slots++
	return c, nil
}

// value reads the value after operator ot.
func (p *parser) value(t, ot token) (lit, error) {
	v := lit{raw: t.raw}
	switch t.kind {
	case tString:
		v.kind, v.s = lString, t.text
		if b, err := hex.DecodeString(t.text); err == nil && (len(b) == 8 || len(b) == 16) {
			v.idHex = true
			copy(v.idByte[16-len(b):], b)
		}
		return v, nil
	case tNumber:
		v.f = t.num
		if n, err := strconv.ParseInt(t.text, 10, 64); err == nil {
			v.kind, v.i = lInt, n
		} else {
			v.kind = lFloat
		}
		return v, nil
	case tDuration:
		v.kind, v.i, v.f = lDuration, int64(t.num), t.num
		return v, nil
	case tIdent:
		switch t.raw {
		case "true", "false":
			v.kind = lBool
			if t.raw == "true" {
				v.i = 1
			}
			return v, nil
		case "nil":
			v.kind = lNil
			return v, nil
		}
		for c := trace.StatusUnset; c <= trace.StatusError; c++ {
			if t.raw == c.String() {
				v.kind, v.i = lStatus, int64(c)
				return v, nil
			}
		}
		for k := trace.KindUnspecified; k <= trace.KindConsumer; k++ {
			if t.raw == k.String() {
				v.kind, v.i = lKind, int64(k)
				return v, nil
			}
		}
	}
	return v, p.errAt(t, "expected a value after "+strconv.Quote(ot.text)+", got "+t.describe())
}

// check refuses what could never match: a value of the wrong type for an
// intrinsic, a regular expression that is not a string, an order on nil.
func (p *parser) check(f field, o op, v *lit, vt, ot token) error {
	bad := func(msg string) error { return p.errAt(vt, msg) }
	if o == opRe || o == opNre {
		if v.kind != lString {
			return bad(ot.text + " needs a regular expression in quotes, got " + vt.describe())
		}
		if f.typ != vtAny && f.typ != vtString {
			return p.errAt(ot, ot.text+" applies to strings; "+f.text+" is not one")
		}
		re, err := regexp.Compile("^(?:" + v.s + ")$")
		if err != nil {
			return bad("bad regular expression: " + strings.TrimPrefix(err.Error(), "error parsing regexp: "))
		}
		v.re = re
	}
	ordered := o != opEq && o != opNe
	switch {
	case v.kind == lNil && ordered:
		return p.errAt(ot, "nil compares only with = or !=")
	case (v.kind == lBool || v.kind == lStatus || v.kind == lKind) && ordered:
		return p.errAt(ot, vt.raw+" compares only with = or !=")
	}
	switch f.typ {
	case vtStatus:
		if v.kind != lStatus {
			return bad(f.text + " is error, ok or unset, got " + vt.describe())
		}
	case vtKind:
		if v.kind != lKind {
			return bad(f.text + " is server, client, producer, consumer, internal or unspecified, got " + vt.describe())
		}
	case vtDuration:
		if v.kind != lDuration {
			return bad(f.text + " compares with a duration like 50ms or 1.5s, got " + vt.describe())
		}
	case vtString:
		if v.kind != lString && v.kind != lNil {
			return bad(f.text + " compares with a string in quotes, got " + vt.describe())
		}
	default:
		switch v.kind {
		case lStatus, lKind:
			return bad(vt.raw + " is a value of status or kind; in quotes it is a string")
		case lDuration:
			return bad("an attribute compares with a string, number, true, false or nil; durations are for duration and traceDuration")
		}
	}
	return nil
}
