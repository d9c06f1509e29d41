package checks

import (
	"errors"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// The fault locator runs only on files the YAML library rejected, but it
// must not invent a fault in valid YAML either: it would then name the
// wrong place when the real fault is further down.
func TestLocateSyntaxFindsNothingInValidYAML(t *testing.T) {
	valid := []string{
		"- name: x\n  assert: [count() > 0]\n",
		"checks:\n  - name: checkout\n    where: '{ name = \"POST /checkout\" }'   # which traces\n    assert:\n      - duration < 300ms\n      - attr:http.response.status_code = 200\n  - name: don't\n    assert: [count() < 20,\n      avg(duration) < 5ms]\n    optional: true\n",
		"checks:\n- name: x\n  select: >\n    { name = \"a\" }\n      && { status = error }\n  assert:\n  - count() = 0\n",
		"- {name: x, assert: [count() > 0], optional: true}\n",
		"- name: \"a \\\" quote\"\n  select: 'it''s'\n  assert: [count() > 0]\n",
		"\n# checks\n\n- name: x\n\n  assert: [count() > 0]\n",
	}
	for _, v := range valid {
		var n yaml.Node
		if err := yaml.Unmarshal([]byte(v), &n); err != nil {
			t.Fatalf("test input is not valid YAML: %v\n%s", err, v)
		}
		if line, col, msg, ok := locateSyntax([]byte(v)); ok {
			t.Errorf("a fault at %d:%d (%s) in valid YAML:\n%s", line, col, msg, v)
		}
	}
}

// Whatever a checks file holds, Parse answers with rules or an error at a
// position inside the file, never a panic.
func FuzzParse(f *testing.F) {
	f.Add("- name: x\n  assert: [count() > 0]\n")
	f.Add("- name: x\n  assert: [count() > 0\n- name: y\n")
	f.Add("checks:\n  - name: x\n   assert: a: b\n\t'\"{[")
	f.Fuzz(func(t *testing.T, data string) {
		_, err := Parse("checks.yaml", []byte(data))
		var pe *PosError
		if errors.As(err, &pe) {
			// YAML's line breaks: \n, \r\n, a lone \r, and (in the
			// library, after libyaml) NEL, LS and PS.
			breaks := strings.NewReplacer("\r\n", "\n", "\r", "\n", "\u0085", "\n", "\u2028", "\n", "\u2029", "\n").Replace(data)
			lines := strings.Count(breaks, "\n") + 1
			if pe.Line < 1 || pe.Line > lines || pe.Column < 1 {
				t.Errorf("position %d:%d outside a file of %d lines: %v", pe.Line, pe.Column, lines, err)
			}
		}
	})
}
