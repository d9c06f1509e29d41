package main

import (
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// Kind: a fold or elision hides the failure (issue 13). The failure
// point, every error origin and the bottleneck are drawn as rows of their
// own, with their ancestors, in print, markdown and --max-spans output; a
// folded run says how many errors it holds and wears their mark.
func TestFoldsNeverHideTheAnswer(t *testing.T) {
	type row struct{ mark, text string } // a row starting with mark, holding text
	for _, c := range []struct {
		file string
		rows []row
	}{
		{caseFile("nplus1-error-hidden.json"), []row{
			{"✗", "orders SELECT items ×6, 2 errors"},
			{"↑", "orders SELECT items  "}, // the failing call, not folded
			{"✗", "└─ orders lock wait"},
		}},
		// Made for tracetui: Jaeger, the first call of one run fails (the
		// failure point), another run holds an error origin and, in another
		// call, the bottleneck two levels down.
		{caseFile("jaeger-errors-in-folded-runs.json"), []row{
			{"✗", "redis GET item  "},
			{"✗", "redis GET item ×8, 1 error"},
			{"x", "pricing POST /price ×6, 1 error"},
			{" ", "├─ pricing POST /price  "}, // holds the bottleneck
			{" ◆", "└─ ratesdb SELECT rates"},
			{"x", "pricing POST /price  "},
		}},
		// A real Zipkin trace: the failure point sat below a folded call.
		{repoFile("zipkin-v2", "zipkin-lens_smartthings-oauth-authorization.json"), []row{
			{"✗", "stlogin get ×5, 2 errors"},
			{"↑", "stlogin post  "},
			{"✗", "auth post /sso/authen"},
			{" ◆", "datamgmt get /oauth/author"},
		}},
	} {
		for _, args := range [][]string{
			{"--width", "120"},
			{"--width", "120", "--format", "markdown"},
			{"--width", "120", "--max-spans", "3"},
			{"--width", "120", "--max-spans", "12", "--no-fold"},
		} {
			out := runCLI(t, nil, false, append(append([]string{"print"}, args...), c.file)...).stdout
			for _, r := range c.rows {
				if strings.Contains(r.text, "×") && strings.Contains(strings.Join(args, " "), "--no-fold") {
					continue
				}
				if !hasRow(out, r.mark, r.text) {
					t.Errorf("%s %v: no row marked %q showing %q:\n%s", c.file, args, r.mark, r.text, out)
				}
			}
		}
	}
}

// hasRow: a waterfall row starts with mark and shows text (two spaces after
// a name stand for the column padding that follows it).
func hasRow(out, mark, text string) bool {
	name := strings.TrimRight(text, " ")
	padded := len(name) < len(text)
	for _, line := range strings.Split(out, "\n") {
		if !strings.HasPrefix(line, mark) {
			continue
		}
		k := strings.Index(line, name)
		if k < 0 {
			continue
		}
		if !padded || strings.HasPrefix(line[k+len(name):], "  ") {
			return true
		}
	}
	return false
}

// Kind: deep trees stay readable (issue 13). Past the indentation limit a
// row still shows its service and name, its depth is written before its
// guide, and no row is drawn left of its parent.
func TestDeepTreesKeepNamesAndNesting(t *testing.T) {
	for _, c := range []struct {
		file        string
		name        *regexp.Regexp // a row's name; its depth and branch
		depth, want int            // levels, rows
	}{
		{caseFile("11-otlp-deep-chain-10000.jsonl.gz"), regexp.MustCompile(`recurser step (\d+)()`), 10000, 10000},
		// Made for tracetui: Zipkin, a chain 31 deep forking into two
		// branches of 6 more levels.
		{caseFile("zipkin-deep-fork.json"), regexp.MustCompile(`(?:gateway|resolver|left|right) (?:(a|b)-)?level (\d+)`), 37, 43},
	} {
		for _, w := range []string{"80", "100", "120", "200"} {
			out := runCLI(t, nil, false, "print", "--width", w, c.file).stdout
			col := map[string]int{} // a span's name column by "branch/depth"
			rows, deepest, tagged := 0, 0, 0
			for _, waterfall := range printedRows(t, out) {
				for _, line := range waterfall[1:] { // after the ruler
					m := c.name.FindStringSubmatchIndex(line)
					if m == nil {
						t.Fatalf("width %s: a row without its name: %q", w, line)
					}
					sub := c.name.FindStringSubmatch(line)
					depth, branch := sub[1], sub[2]
					if strings.Contains(c.file, "zipkin") {
						branch, depth = sub[1], sub[2]
					}
					rows++
					d := mustAtoi(depth)
					deepest = max(deepest, d)
					// The name is whole: followed by padding, the bar or the end.
					if rest := line[m[1]:]; rest != "" && !strings.HasPrefix(rest, " ") {
						t.Fatalf("width %s: the name is cut: %q", w, line)
					}
					at := len([]rune(line[:m[0]]))
					col[branch+"/"+depth] = at
					parent, ok := col[branch+"/"+strconv.Itoa(d-1)]
					if !ok {
						parent = col["/"+strconv.Itoa(d-1)] // a branch's first level
					}
					tag := strings.Contains(line, "…"+depth+" ")
					if tag {
						tagged++
					}
					switch {
					case d > 0 && at < parent:
						t.Fatalf("width %s: depth %d drawn at column %d, left of its parent at %d:\n%s", w, d, at, parent, line)
					case d > 0 && !tag && at <= parent:
						t.Fatalf("width %s: depth %d drawn at column %d, its parent at %d, and no depth shown:\n%s", w, d, at, parent, line)
					}
				}
			}
			if deepest != c.depth-1 || rows != c.want || tagged == 0 {
				t.Errorf("width %s: %d rows down to depth %d (%d showing their depth), want all %d levels", w, rows, deepest, tagged, c.depth)
			}
		}
	}
}

func mustAtoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}
