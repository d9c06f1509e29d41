package checks

import (
	"errors"
	"fmt"
	"os"
	"strings"

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

// yamlCheck is one entry of a checks file.
type yamlCheck struct {
	Name     string   `yaml:"name"`
	Where    string   `yaml:"where"`
	Select   string   `yaml:"select"`
	Assert   []string `yaml:"assert"`
	Optional bool     `yaml:"optional"`
}

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
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, yamlError(name, err)
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
		fields[k.Value] = n.Content[i+1]
	}
	var c yamlCheck
	if err := n.Decode(&c); err != nil {
		return nil, yamlError(file, err)
	}
	if strings.TrimSpace(c.Name) == "" {
		return nil, at(file, n, "a check needs a name")
	}
	if len(c.Assert) == 0 {
		return nil, at(file, n, fmt.Sprintf("check %q has no assert", c.Name))
	}
	r := &Rule{Name: c.Name, Origin: fmt.Sprintf("%s:%d", file, n.Line), Optional: c.Optional}
	var err error
	if r.Where, err = compileAt(file, fields["where"], c.Where); err != nil {
		return nil, err
	}
	if r.Select, err = compileAt(file, fields["select"], c.Select); err != nil {
		return nil, err
	}
	for k, text := range c.Assert {
		a, err := parseAssert(text)
		if err != nil {
			return nil, at(file, fields["assert"].Content[k], "assert: "+err.Error())
		}
		r.Asserts = append(r.Asserts, a)
	}
	return r, nil
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
		col := n.Column + qe.Column - 1
		if n.Style&(yaml.SingleQuotedStyle|yaml.DoubleQuotedStyle) != 0 {
			col++
		}
		if n.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0 {
			col = n.Column
		}
		return nil, &PosError{file, n.Line, col, qe.Msg}
	}
	return q, err
}

func at(file string, n *yaml.Node, msg string) error {
	return &PosError{file, n.Line, n.Column, msg}
}

// yamlError gives the YAML library's error the file:line:column shape.
// Its messages read "yaml: line 3: …" (syntax) or "line 3: cannot
// unmarshal …" (types) and carry no column.
func yamlError(file string, err error) error {
	msg := err.Error()
	var te *yaml.TypeError
	if errors.As(err, &te) && len(te.Errors) > 0 {
		msg = te.Errors[0]
	}
	msg = strings.TrimPrefix(msg, "yaml: ")
	line := 1
	if rest, ok := strings.CutPrefix(msg, "line "); ok {
		if num, tail, ok := strings.Cut(rest, ":"); ok {
			fmt.Sscanf(num, "%d", &line)
			msg = strings.TrimSpace(tail)
		}
	}
	return &PosError{file, line, 1, msg}
}
