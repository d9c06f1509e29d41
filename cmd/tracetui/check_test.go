package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// demoPath is the embedded example: a slow trace without errors
// (4bf92f…, 5.60 s, a gap finding) and a failed one (0af765…, 1.34 s,
// payment POST /v1/charges 502).
var demoPath = filepath.Join("..", "..", "source", "demo", "demo.jsonl")

func writeChecks(t *testing.T, yaml string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "checks.yaml")
	if err := os.WriteFile(p, []byte(yaml), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// Every rule form, passing and failing, on the demo traces: the exit code
// and the words a CI log shows.
func TestCheckRuleForms(t *testing.T) {
	yamlFile := func(body string) string { return writeChecks(t, body) }
	cases := []struct {
		name string
		args []string
		code int
		want []string
	}{
		{"expect selects, pass", []string{"--expect", `{ resource.service.name = "checkout" }`}, 0,
			[]string{`PASS  { resource.service.name = "checkout" } (--expect): 2 traces checked`, "all 1 check passed on 2 traces"}},
		{"expect selects, fail", []string{"--expect", `{ resource.service.name = "inventory" }`}, 1,
			[]string{"FAIL", "1 of 2 traces failed", "trace 0af7651916cd43dd8448eb211c80319c", "selects a span: saw 0, expected at least 1 span"}},
		{"expect comparison, pass", []string{"--expect", `{ resource.service.name = "cart" } | count() < 20`}, 0, []string{"PASS"}},
		{"expect comparison, fail", []string{"--expect", `{ status = error } | count() = 0`}, 1,
			[]string{"count() = 0: saw 4, expected = 0", "payment POST /v1/charges", "4 spans match the check"}},
		{"no-errors, fail", []string{"--no-errors"}, 1, []string{"FAIL  no errors (--no-errors): 1 of 2 traces failed", "cart GET session"}},
		{"max-duration, pass", []string{"--max-duration", "6s"}, 0, []string{"PASS  traces within 6s"}},
		{"max-duration, fail", []string{"--max-duration", "2s"}, 1,
			[]string{"trace duration <= 2s: saw 5.60 s, expected <= 2s", "trace 4bf92f3577b34da6a3ce929d0e0e4736"}},
		{"no-findings, pass", []string{"--no-findings", "cycle"}, 0, []string{"PASS  no cycle findings"}},
		{"no-findings, fail", []string{"--no-findings", "gap"}, 1, []string{"gap: shipping GET /v2/rates: 5.19 s with no child span"}},
		{"yaml per span, pass", []string{"--check", yamlFile(`
- name: cart is fast
  select: '{ resource.service.name = "cart" }'
  assert: [duration < 100ms, status != error]
  where: '{ name = "ValidateCart" }'
`)}, 0, []string{"PASS  cart is fast"}},
		{"yaml per span, fail", []string{"--check", yamlFile(`
checks:
  - name: charges answer 200
    select: '{ name = "POST /v1/charges" }'
    assert:
      - attr:http.response.status_code = 200
`)}, 1, []string{"FAIL  charges answer 200", "payment POST /v1/charges: 502, expected = 200", "payment POST /v1/charges: 201, expected = 200"}},
		{"yaml aggregate, fail", []string{"--check", yamlFile(`
- name: cart latency
  select: '{ resource.service.name = "cart" }'
  assert: [avg(duration) < 5ms]
`)}, 1, []string{"avg(duration) < 5ms: saw", "expected < 5ms", "spans: cart GET /v1/cart"}},
		{"yaml matched no trace", []string{"--check", yamlFile(`
- name: kafka
  select: '{ span.messaging.system = "kafka" }'
  assert: [duration < 1s]
`)}, 1, []string{"FAIL  kafka", "matched no trace"}},
		{"yaml optional, no trace", []string{"--check", yamlFile(`
- name: kafka
  where: '{ span.messaging.system = "kafka" }'
  assert: [count() < 5]
  optional: true
`)}, 0, []string{"PASS  kafka", "matched no trace (optional)"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := runCLI(t, nil, false, append(append([]string{"check"}, c.args...), demoPath)...)
			if r.code != c.code {
				t.Fatalf("exit %d, want %d\n%s%s", r.code, c.code, r.stdout, r.stderr)
			}
			for _, w := range c.want {
				if !strings.Contains(r.stdout, w) {
					t.Errorf("missing %q in:\n%s", w, r.stdout)
				}
			}
		})
	}
}

func TestCheckExitCodes(t *testing.T) {
	dir := t.TempDir()
	cases := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"pass", []string{"--max-duration", "1m", demoPath}, 0, ""},
		{"fail", []string{"--no-errors", demoPath}, 1, "tracetui: 1 check failed"},
		{"no rule", []string{demoPath}, 2, "no check given"},
		{"bad expect", []string{"--expect", "{ name = }", demoPath}, 2, "--expect: column 10"},
		{"bad comparison", []string{"--expect", "{ } | count() < 5ms", demoPath}, 2, "--expect: column 7: count() compares with a number"},
		{"zero budget", []string{"--max-duration", "0", demoPath}, 2, "--max-duration must be above 0 (a budget like 2s or 300ms), got 0s"},
		{"bad finding kind", []string{"--no-findings", "slow", demoPath}, 2, "--no-findings takes one of"},
		{"bad ci", []string{"--ci", "jenkins", "--no-errors", demoPath}, 2, "--ci must be"},
		{"yaml syntax", []string{"--check", writeChecks(t, "- name: x\n  assert: a: b\n"), demoPath}, 2, "checks.yaml:2:12: a second \": \" on one line"},
		{"yaml assert", []string{"--check", writeChecks(t, "- name: x\n  assert:\n    - duration <\n"), demoPath}, 2, "checks.yaml:3:17: assert: expected a value"},
		{"yaml query", []string{"--check", writeChecks(t, "- name: x\n  select: '{ nme = 1 }'\n  assert: [count() > 0]\n"), demoPath}, 2, "checks.yaml:2:14: unknown field \"nme\""},
		{"yaml unknown key", []string{"--check", writeChecks(t, "- name: x\n  asert: [count() > 0]\n"), demoPath}, 2, `checks.yaml:2:3: unknown key "asert"`},
		{"checks file missing", []string{"--check", filepath.Join(dir, "none.yaml"), demoPath}, 3, "--check: open"},
		{"trace file missing", []string{"--no-errors", filepath.Join(dir, "none.jsonl")}, 3, "none.jsonl"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := runCLI(t, nil, false, append([]string{"check"}, c.args...)...)
			if r.code != c.code {
				t.Fatalf("exit %d, want %d\n%s%s", r.code, c.code, r.stdout, r.stderr)
			}
			if !strings.Contains(r.stderr, c.want) {
				t.Errorf("stderr lacks %q:\n%s", c.want, r.stderr)
			}
		})
	}
}

func TestCheckFormats(t *testing.T) {
	r := runCLI(t, nil, false, "check", "--format", "json", "--no-errors", "--max-duration", "1m", demoPath)
	var doc struct {
		Passed bool
		Checks []struct {
			Name     string
			Passed   bool
			Failures []struct {
				TraceID string `json:"trace_id"`
				Seen    string
				Spans   []struct{ Name string }
			}
		}
	}
	if err := json.Unmarshal([]byte(r.stdout), &doc); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, r.stdout)
	}
	if r.code != 1 || doc.Passed || len(doc.Checks) != 2 || doc.Checks[0].Passed || !doc.Checks[1].Passed {
		t.Fatalf("exit %d, %+v", r.code, doc)
	}
	f := doc.Checks[0].Failures[0]
	if f.TraceID != "0af7651916cd43dd8448eb211c80319c" || f.Seen != "4" || len(f.Spans) != 4 {
		t.Errorf("failure %+v", f)
	}

	r = runCLI(t, nil, false, "check", "--format", "markdown", "--no-errors", demoPath)
	for _, w := range []string{"| ❌ | no errors | 1 of 2 traces failed |", "<details><summary>waterfall</summary>"} {
		if !strings.Contains(r.stdout, w) {
			t.Errorf("markdown lacks %q:\n%s", w, r.stdout)
		}
	}
}

// A mistake in a checks file is named at the line and column of the fault
// itself, whatever kind it is: the YAML library alone names the line of
// the construct it was reading (often one early) at column 1.
func TestCheckYAMLMistakesPointAtTheFault(t *testing.T) {
	cases := []struct{ name, yaml, want string }{
		{"indented too deep", "- name: x\n  select: '{ }'\n   assert: [count() > 0]\n",
			"checks.yaml:3:4: indented deeper (3 spaces) than the line above"},
		{"indented between levels", "checks:\n  - name: x\n   assert: [count() > 0]\n",
			"checks.yaml:3:4: indentation (3 spaces) matches no level above: the levels above are 0, 2, 4 spaces"},
		{"a tab", "- name: x\n\tassert: [count() > 0]\n", "checks.yaml:2:1: a tab in the indentation"},
		{"unclosed double quote", "- name: x\n  select: \"{ name = 1 }\n  assert: [count() > 0]\n",
			"checks.yaml:2:11: this \" quote is never closed"},
		{"unclosed single quote, last line", "- name: x\n  assert: [count() > 0]\n  select: '{ name = 1 }\n",
			"checks.yaml:3:11: this ' quote is never closed"},
		{"unclosed bracket", "- name: x\n  assert: [count() > 0, duration < 1s\n- name: y\n  assert: [count() > 0]\n",
			"checks.yaml:2:11: this [ is never closed (a ] is missing)"},
		{"bracket closed by brace", "- name: x\n  assert: [count() > 0}\n", "checks.yaml:2:23: } closes the [ opened at 2:11"},
		{"unknown key", "- name: x\n  assert: [count() > 0]\n  budget: 3s\n", `checks.yaml:3:3: unknown key "budget"`},
		{"key given twice", "- name: x\n  assert: [count() > 0]\n  name: y\n", "checks.yaml:3:3: name is given twice"},
		{"optional not a bool", "- name: x\n  assert: [count() > 0]\n  optional: maybe\n", `checks.yaml:3:13: optional is true or false, got "maybe"`},
		{"assert not a list", "- name: x\n  assert: count() > 0\n", `checks.yaml:2:11: assert is a list, like assert: [duration < 300ms], got "count() > 0"`},
		{"select unquoted braces", "- name: x\n  select: { name = 1 }\n  assert: [count() > 0]\n", "checks.yaml:2:11: select is text (quote a query: select: '{ ... }'), got a mapping"},
		{"bad assert on line 5", "checks:\n  - name: x\n    assert:\n      - count() > 0\n      - duration <\n",
			`checks.yaml:5:19: assert: expected a value after "<" in "duration <"`},
		{"bad assert field", "- name: x\n  assert:\n    - count() > 0\n    - avg(duration) < 2\n",
			`checks.yaml:4:23: assert: avg(duration) compares with a duration like 20ms, got "2"`},
		{"bad operator in an assert", "- name: x\n  assert:\n    - duration <<< 1s\n",
			`checks.yaml:3:17: assert: expected a value after "<", got "<<"`},
		{"bad field in a flow list", "- name: x\n  assert: [count() > 0, duraton < 1s]\n", `checks.yaml:2:25: assert: unknown field "duraton"`},
		{"unknown aggregate", "- name: x\n  assert: [count() > 0, foo(duration) < 1]\n",
			`checks.yaml:2:25: assert: unknown aggregate foo(): an assert aggregates with count(), avg(FIELD), min(FIELD), max(FIELD), sum(FIELD)`},
		{"where unclosed", "- name: x\n  where: '{ name = \"x\" '\n  assert: [count() > 0]\n",
			`checks.yaml:2:24: expected "}" to close the "{" at 2:11, got the end of the query`},
		{"two checks, one name", "- name: x\n  assert: [count() > 0]\n- name: y\n  assert: [count() > 0]\n- name: x\n  assert: [count() < 9]\n",
			`checks.yaml:5: a second check named "x" (the first is at `},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := runCLI(t, nil, false, "check", "--check", writeChecks(t, c.yaml), demoPath)
			if r.code != 2 || !strings.Contains(r.stderr, c.want) {
				t.Errorf("exit %d, stderr:\n%s\nwant exit 2 and %q", r.code, r.stderr, c.want)
			}
		})
	}
}
