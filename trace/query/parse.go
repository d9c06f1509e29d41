package query

import "strconv"

// parser is a recursive-descent parser over TraceQL's tokens. Precedence,
// loosest first, as in TraceQL: || then && between spansets, then the
// structural operators (all at one level, left to right), then a spanset
// filter { … } or a parenthesised spanset expression; | stages follow.
type parser struct {
	src   string
	toks  []token
	pos   int
	slots int
}

// structuralOps are TraceQL's operators between spansets besides && and ||.
var structuralOps = map[string]bool{
	">": true, ">>": true, "<": true, "<<": true, "~": true,
	"!>": true, "!>>": true, "!<": true, "!<<": true, "!~": true,
}

const setOpsHelp = "&&, ||, >, >>, <, <<, ~, !>, !>>, !<, !<<, !~ or |"

func compileTraceQL(src string) (*program, error) {
	toks, err := lex(src)
	if err != nil {
		return nil, err
	}
	p := &parser{src: src, toks: toks}
	set, err := p.setOr()
	if err != nil {
		return nil, err
	}
	prog := &program{set: set}
	for p.is("|") {
		bar := p.next()
		st, err := p.stage(bar)
		if err != nil {
			return nil, err
		}
		prog.stages = append(prog.stages, st)
	}
	if t := p.peek(); t.kind != tEOF {
		return nil, p.errAt(t, "expected "+setOpsHelp+" after a spanset, got "+t.describe())
	}
	prog.slots = p.slots
	return prog, nil
}

func (p *parser) peek() token { return p.toks[p.pos] }

func (p *parser) next() token {
	t := p.toks[p.pos]
	if t.kind != tEOF {
		p.pos++
	}
	return t
}

// is reports whether the next token is the operator or bracket s.
func (p *parser) is(s string) bool {
	t := p.peek()
	return t.kind == tPunct && t.text == s
}

func (p *parser) errAt(t token, msg string) error { return errAt(p.src, t.off, msg) }

// expect consumes s or explains what stood there instead.
func (p *parser) expect(s, what string) error {
	if p.is(s) {
		p.next()
		return nil
	}
	t := p.peek()
	return p.errAt(t, "expected "+what+", got "+t.describe())
}

func (p *parser) setOr() (setExpr, error) {
	l, err := p.setAnd()
	for err == nil && p.is("||") {
		p.next()
		var r setExpr
		if r, err = p.setAnd(); err == nil {
			l = binSet{op: "||", l: l, r: r}
		}
	}
	return l, err
}

func (p *parser) setAnd() (setExpr, error) {
	l, err := p.setStructural()
	for err == nil && p.is("&&") {
		p.next()
		var r setExpr
		if r, err = p.setStructural(); err == nil {
			l = binSet{op: "&&", l: l, r: r}
		}
	}
	return l, err
}

func (p *parser) setStructural() (setExpr, error) {
	l, err := p.setPrimary()
	for err == nil && p.peek().kind == tPunct && structuralOps[p.peek().text] {
		o := p.next().text
		var r setExpr
		if r, err = p.setPrimary(); err == nil {
			l = binSet{op: o, l: l, r: r}
		}
	}
	return l, err
}

func (p *parser) setPrimary() (setExpr, error) {
	t := p.next()
	switch {
	case t.kind == tPunct && t.text == "{":
		c, err := p.filterBody(t)
		return filterSet{c}, err
	case t.kind == tPunct && t.text == "(":
		e, err := p.setOr()
		if err != nil {
			return nil, err
		}
		return e, p.expect(")", `")" to close the "(" at column `+strconv.Itoa(errAt(p.src, t.off, "").Column))
	}
	return nil, p.errAt(t, `expected a spanset filter "{ … }", got `+t.describe())
}

// filterBody parses what follows "{": a condition (or nothing: every
// span) and the closing "}".
func (p *parser) filterBody(open token) (cond, error) {
	if p.is("}") {
		p.next()
		return constCond(true), nil
	}
	c, err := p.condOr()
	if err != nil {
		return nil, err
	}
	if !p.is("}") {
		t := p.peek()
		if t.kind == tEOF {
			return nil, p.errAt(t, `expected "}" to close the "{" at column `+strconv.Itoa(errAt(p.src, open.off, "").Column)+", got the end of the query")
		}
		return nil, p.errAt(t, `expected "&&", "||" or "}" after a condition, got `+t.describe())
	}
	p.next()
	return c, nil
}
