package main

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tracetui/tracetui/internal/tracegen"
)

// checkBenchYAML and the flags in BenchmarkCheck100k are ten rules of
// every form: five flags and five YAML checks, per span and aggregate,
// one optional and matching nothing. All pass on tracegen's traces, so
// the time is the rules' evaluation, not a failure report.
const checkBenchYAML = `
- name: client calls under 10s
  select: '{ kind = client }'
  assert: [duration < 10s]
- name: no 5xx
  select: '{ span.http.response.status_code >= 500 }'
  assert: [count() < 100000]
- name: bodies
  select: '{ span.http.response.body.size > 0 }'
  assert: [avg(span.http.response.body.size) < 100000000]
- name: service-1 roots
  where: '{ rootServiceName = "service-1" }'
  assert: [status != error]
  optional: true
- name: gets
  select: '{ span.http.request.method = "GET" }'
  assert: [attr:user_agent.original = "tracegen/1.0"]
`

// BenchmarkCheck100k times `tracetui check` with ten rules on the
// 100,000-span file BenchmarkList100k lists, side by side with list:
// the budget is 1.5× list.
func BenchmarkCheck100k(b *testing.B) {
	dir := b.TempDir()
	path := filepath.Join(dir, "t100k.jsonl")
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	if err := tracegen.WriteJSONLines(f, tracegen.Config{Spans: 100_000, Traces: 10, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	f.Close()
	rules := filepath.Join(dir, "checks.yaml")
	if err := os.WriteFile(rules, []byte(checkBenchYAML), 0o644); err != nil {
		b.Fatal(err)
	}
	ios := &IOStreams{In: strings.NewReader(""), Out: io.Discard, ErrOut: io.Discard,
		Getenv: func(string) string { return "" }, Now: time.Now}
	b.Run("tracetui_list", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			if code := run([]string{"list", path}, ios); code != 0 {
				b.Fatalf("exit %d", code)
			}
		}
	})
	b.Run("tracetui_check_10_rules", func(b *testing.B) {
		args := []string{"check", "--check", rules, "--no-errors", "--max-duration", "1h",
			"--expect", "{ status = error } | count() < 100000", "--expect", "{ kind = server }",
			"--expect", "{ span.retry = true } | count() >= 0", path}
		for i := 0; i < b.N; i++ {
			if code := run(args, ios); code > 1 {
				b.Fatalf("exit %d", code)
			}
		}
	})
}

// BenchmarkRunOverhead times `tracetui run -- true` against `true` alone:
// what run adds to a command that exports nothing (budget: 150 ms).
func BenchmarkRunOverhead(b *testing.B) {
	ios := &IOStreams{In: strings.NewReader(""), Out: io.Discard, ErrOut: io.Discard,
		Getenv: func(string) string { return "" }, Now: time.Now}
	b.Run("true", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			if code := run([]string{"run", "--report", "never", "--", "true"}, ios); code != 0 {
				b.Fatalf("exit %d", code)
			}
		}
	})
}
