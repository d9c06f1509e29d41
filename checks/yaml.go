package checks

import (
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/tracetui/tracetui/trace/query"
)

// PosError is a mistake in a checks file, at file:line:column.
type PosError struct {
	File         string
	Line, Column int
	Msg          string
}

func (e *PosError) Error() string {
	return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Line, e.Column, e.Msg)
}

// ReadError is a checks file that could not be read at all.
type ReadError struct{ Err error }

func (e *ReadError) Error() string { return e.Err.Error() }
func (e *ReadError) Unwrap() error { return e.Err }

// LoadFile reads a checks file: a list of checks, or a mapping whose
// `checks:` key holds the list. Each check is {name, where, select,
// assert: [...], optional}. Any mistake is a *PosError; an unreadable
// file a *ReadError.
func LoadFile(path string) ([]*Rule, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, &ReadError{err}
	}
	return Parse(path, data)
}

// Parse is LoadFile on data read from name.
func Parse(name string, data []byte) ([]*Rule, error) {
	rules, err := parse(name, data)
	var pe *PosError
	if errors.As(err, &pe) {
		// The library places an empty value after the file's last line
		// ("---" alone holds a null at 2:1): the user's last line is meant.
		lines := 1 + strings.Count(strings.NewReplacer("\r\n", "\n", "\r", "\n", "\u0085", "\n", "\u2028", "\n", "\u2029", "\n").Replace(string(data)), "\n")
		if pe.Line > lines {
			pe.Line, pe.Column = lines, 1
		}
	}
	return rules, err
}

func parse(name string, data []byte) ([]*Rule, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, yamlError(name, data, err)
	}
	if len(doc.Content) == 0 {
		return nil, &PosError{name, 1, 1, "no checks: expected a list of {name, where, select, assert}"}
	}
	list := doc.Content[0]
	if list.Kind == yaml.MappingNode {
		list = nil
		for i := 0; i+1 < len(doc.Content[0].Content); i += 2 {
			k := doc.Content[0].Content[i]
			if k.Value != "checks" {
				return nil, at(name, k, fmt.Sprintf("unknown key %q: a checks file is a list, or has one key, checks:", k.Value))
			}
			list = doc.Content[0].Content[i+1]
		}
	}
	if list == nil || list.Kind != yaml.SequenceNode {
		n := doc.Content[0]
		if list != nil {
			n = list
		}
		return nil, at(name, n, "expected a list of checks, each {name, where, select, assert}")
	}
	var rules []*Rule
	for _, item := range list.Content {
		r, err := parseCheck(name, item)
		if err != nil {
			return nil, err
		}
		rules = append(rules, r)
	}
	if len(rules) == 0 {
		return nil, at(name, list, "the list of checks is empty")
	}
	return rules, nil
}

func parseCheck(file string, n *yaml.Node) (*Rule, error) {
	n = deref(n)
	if n.Kind != yaml.MappingNode {
		return nil, at(file, n, "a check is a mapping {name, where, select, assert}")
	}
	fields := map[string]*yaml.Node{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := n.Content[i]
		switch k.Value {
		case "name", "where", "select", "assert", "optional":
		default:
			return nil, at(file, k, fmt.Sprintf("unknown key %q (a check has name, where, select, assert, optional)", k.Value))
		}
		if _, dup := fields[k.Value]; dup {
			return nil, at(file, k, fmt.Sprintf("%s is given twice in this check", k.Value))
		}
		fields[k.Value] = deref(n.Content[i+1])
	}
	var texts [3]string
	for k, key := range []string{"name", "where", "select"} {
		v, err := scalar(file, key, fields[key])
		if err != nil {
			return nil, err
		}
		texts[k] = v
	}
	r := &Rule{Name: texts[0], Origin: fmt.Sprintf("%s:%d", file, n.Line)}
	if strings.TrimSpace(r.Name) == "" {
		return nil, at(file, n, "a check needs a name")
	}
	if o := fields["optional"]; o != nil {
		if o.Kind != yaml.ScalarNode || o.Decode(&r.Optional) != nil {
			return nil, at(file, o, fmt.Sprintf("optional is true or false, got %s", shown(o)))
		}
	}
	var err error
	if r.Where, err = compileAt(file, fields["where"], texts[1]); err != nil {
		return nil, err
	}
	if r.Select, err = compileAt(file, fields["select"], texts[2]); err != nil {
		return nil, err
	}
	as := fields["assert"]
	if as == nil || as.Kind == yaml.SequenceNode && len(as.Content) == 0 {
		return nil, at(file, n, fmt.Sprintf("check %q has no assert", r.Name))
	}
	if as.Kind != yaml.SequenceNode {
		return nil, at(file, as, fmt.Sprintf("assert is a list, like assert: [duration < 300ms], got %s", shown(as)))
	}
	for _, item := range as.Content {
		item = deref(item)
		if item.Kind != yaml.ScalarNode {
			return nil, at(file, item, fmt.Sprintf("an assert is one line of text (FIELD OP VALUE), got %s", shown(item)))
		}
		a, err := parseAssert(item.Value)
		var ae *assertError
		if errors.As(err, &ae) {
			// parseAssert trimmed the text it read: count the spaces back.
			lead := len(item.Value) - len(strings.TrimLeft(item.Value, " \t\n"))
			off := utf8.RuneCountInString(item.Value[:lead+ae.Off])
			msg := atColumnRe.ReplaceAllStringFunc(ae.Msg, func(m string) string {
				n, _ := strconv.Atoi(strings.TrimPrefix(strings.TrimSuffix(m, " of the assert"), "at column "))
				return "at " + fileColumn(item, n-1+utf8.RuneCountInString(item.Value[:lead]))
			})
			return nil, &PosError{file, item.Line, scalarColumn(item, off), "assert: " + msg}
		}
		if err != nil {
			return nil, at(file, item, "assert: "+err.Error())
		}
		r.Asserts = append(r.Asserts, a)
	}
	return r, nil
}

// scalar is a name, where or select value: text, or "" when absent.
func scalar(file, key string, n *yaml.Node) (string, error) {
	if n == nil {
		return "", nil
	}
	if n.Kind != yaml.ScalarNode {
		hint := ""
		if key != "name" {
			hint = fmt.Sprintf(" (quote a query: %s: '{ ... }')", key)
		}
		return "", at(file, n, fmt.Sprintf("%s is text%s, got %s", key, hint, shown(n)))
	}
	return n.Value, nil
}

// shown words a node a user wrote where another kind belongs.
func shown(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		if n.Style&yaml.FlowStyle != 0 {
			return "a mapping (an unquoted { ... } is one: quote it)"
		}
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	}
	return fmt.Sprintf("%q", n.Value)
}

// deref follows an alias (*name) to the node it names.
func deref(n *yaml.Node) *yaml.Node {
	for n != nil && n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	return n
}

// compileAt compiles a where or select query, pointing a parse error at
// its column in the file (exact for a plain or quoted one-line scalar).
func compileAt(file string, n *yaml.Node, text string) (*query.Query, error) {
	if n == nil || strings.TrimSpace(text) == "" {
		return nil, nil
	}
	q, err := query.Compile(text)
	var qe *query.Error
	if errors.As(err, &qe) {
		// The query's own columns ("the { at column 1") become the file's.
		msg := atColumnRe.ReplaceAllStringFunc(qe.Msg, func(m string) string {
			c, _ := strconv.Atoi(strings.TrimPrefix(m, "at column "))
			return "at " + fileColumn(n, c-1)
		})
		return nil, &PosError{file, n.Line, scalarColumn(n, qe.Column-1), msg}
	}
	return q, err
}

// scalarColumn is the file column of character off of a scalar's value:
// exact for a plain or quoted one-line scalar (escapes aside); a block
// scalar (| or >) points at its start.
func scalarColumn(n *yaml.Node, off int) int {
	switch {
	case n.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0:
		return n.Column
	case n.Style&(yaml.SingleQuotedStyle|yaml.DoubleQuotedStyle) != 0:
		return n.Column + 1 + off
	}
	return n.Column + off
}

// fileColumn words character off of a scalar's value as line:column of
// the file; in a block scalar, as the column of the query.
func fileColumn(n *yaml.Node, off int) string {
	if n.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0 {
		return fmt.Sprintf("column %d of the query", off+1)
	}
	return fmt.Sprintf("%d:%d", n.Line, scalarColumn(n, off))
}

func at(file string, n *yaml.Node, msg string) error {
	return &PosError{file, n.Line, n.Column, msg}
}

// yamlError gives a syntax error the file:line:column shape. The YAML
// library names a line only ("yaml: line 3: …"), for an unclosed quote or
// bracket that of the construct it was in; locateSyntax finds the fault
// itself, and when it cannot the library's line stands, at its first
// non-blank column.
func yamlError(file string, data []byte, err error) error {
	if line, col, msg, ok := locateSyntax(data); ok {
		return &PosError{file, line, col, msg}
	}
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	line := 1
	if rest, ok := strings.CutPrefix(msg, "line "); ok {
		if num, tail, ok := strings.Cut(rest, ":"); ok {
			fmt.Sscanf(num, "%d", &line)
			msg = strings.TrimSpace(tail)
		}
	}
	col := 1
	if lines := strings.Split(string(data), "\n"); line >= 1 && line <= len(lines) {
		col += len(lines[line-1]) - len(strings.TrimLeft(lines[line-1], " \t"))
	}
	return &PosError{file, line, col, msg}
}
