package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/tracetui/tracetui/internal/golden"
	"github.com/tracetui/tracetui/source/load"
	"github.com/tracetui/tracetui/trace"
	"github.com/tracetui/tracetui/tui"
)

// readmeMarker names the command whose output the fenced block after it
// shows: <!-- readme-test: tracetui demo --width 100 -->.
var readmeMarker = regexp.MustCompile(`^<!-- readme-test: tracetui (.+?)(?: \(exit (\d)\))? -->$`)

// explorerMarker names an explorer screen the block after it shows: the
// terminal size, the file opened and the keys pressed, as in
// <!-- readme-test: explorer 110x22 demo.jsonl keys j enter e e -->.
var explorerMarker = regexp.MustCompile(`^<!-- readme-test: explorer (\d+)x(\d+) (\S+)(?: keys (.+))? -->$`)

// The README's pictures are generated, not pasted: every block after a
// readme-test marker is "$ command" (not in a json fence) and what the
// command prints, run here
// in-process. It fails when the README is out of date; -update rewrites
// the blocks (review the diff, as with goldens). Commands run from a
// directory holding demo.jsonl (tracetui demo --write) and the
// repository's testdata/, so the README's paths work from a clone too.
func TestREADMEBlocksAreGenerated(t *testing.T) {
	readme, err := filepath.Abs(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	text, err := os.ReadFile(readme)
	if err != nil {
		t.Fatal(err)
	}
	testdata, _ := filepath.Abs(repoFile())
	dir := t.TempDir()
	if err := os.Symlink(testdata, filepath.Join(dir, "testdata")); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	if r := runCLI(t, nil, false, "demo", "--write", "demo.jsonl"); r.code != 0 {
		t.Fatal(r.stderr)
	}

	lines := strings.Split(string(text), "\n")
	var out []string
	blocks := 0
	for k := 0; k < len(lines); k++ {
		out = append(out, lines[k])
		m := readmeMarker.FindStringSubmatch(lines[k])
		x := explorerMarker.FindStringSubmatch(lines[k])
		if m == nil && x == nil {
			continue
		}
		if k+1 >= len(lines) || !strings.HasPrefix(lines[k+1], "```") {
			t.Fatalf("README line %d: a readme-test marker must be followed by a fence", k+1)
		}
		end := k + 2
		for end < len(lines) && lines[end] != "```" {
			end++
		}
		if end == len(lines) {
			t.Fatalf("README line %d: the block is never closed", k+2)
		}
		var block, what string
		if x != nil {
			w, _ := strconv.Atoi(x[1])
			h, _ := strconv.Atoi(x[2])
			block, what = explorerScreen(t, x[3], w, h, strings.Fields(x[4])), "the explorer ("+x[0][len("<!-- readme-test: "):len(x[0])-len(" -->")]+")"
		} else {
			args := shellWords(m[1])
			r := runCLI(t, nil, false, args...)
			if want := m[2]; (want == "" && r.code != 0) || (want != "" && strconv.Itoa(r.code) != want) {
				t.Errorf("README line %d: tracetui %s: exit %d: %s", k+1, m[1], r.code, r.stderr)
			}
			block, what = "$ tracetui "+m[1]+"\n"+strings.TrimRight(r.stdout, "\n"), "tracetui "+m[1]
			if lines[k+1] == "```json" {
				block = strings.TrimRight(r.stdout, "\n") // a prompt line would not be JSON
			}
		}
		if old := strings.Join(lines[k+2:end], "\n"); old != block && !golden.Updating() {
			t.Errorf("README line %d: the block differs from what %s prints (-want +got; go test ./cmd/tracetui -run README -update rewrites it):\n%s",
				k+3, what, golden.Diff(old, block))
		}
		out = append(out, lines[k+1])
		out = append(out, strings.Split(block, "\n")...)
		out = append(out, "```")
		k = end
		blocks++
	}
	if blocks == 0 {
		t.Fatal("no readme-test markers in the README")
	}
	if golden.Updating() {
		if err := os.WriteFile(readme, []byte(strings.Join(out, "\n")), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// shellWords splits a command line as a shell would for the README's
// commands: words separated by spaces, '…' quoting a word with spaces.
func shellWords(s string) []string {
	var words []string
	var cur strings.Builder
	quoted, inWord := false, false
	for _, r := range s {
		switch {
		case r == '\'':
			quoted, inWord = !quoted, true
		case r == ' ' && !quoted:
			if inWord {
				words = append(words, cur.String())
				cur.Reset()
			}
			inWord = false
		default:
			cur.WriteRune(r)
			inWord = true
		}
	}
	if inWord {
		words = append(words, cur.String())
	}
	return words
}

// explorerScreen is the explorer's screen on file at w×h columns and rows
// after keys, as `tracetui open` draws it without colour: loaded and
// analyzed as open does, then driven through the model's Update and drawn
// by its View (lines without trailing blanks).
func explorerScreen(t *testing.T, file string, w, h int, keys []string) string {
	t.Helper()
	res, err := load.All([]load.Input{{Name: file}}, load.Options{})
	if err != nil {
		t.Fatal(err)
	}
	all := trace.AnalyzeAll(res.Traces, trace.PipelineOptions{Steps: trace.StepFindings | trace.StepSummary})
	var m tea.Model = tui.New(all, tui.Options{NoColor: true, Title: file})
	m, _ = m.Update(tea.WindowSizeMsg{Width: w, Height: h})
	for _, k := range keys {
		msg := tea.KeyPressMsg{Code: []rune(k)[0], Text: k}
		switch k {
		case "enter":
			msg = tea.KeyPressMsg{Code: tea.KeyEnter}
		case "esc":
			msg = tea.KeyPressMsg{Code: tea.KeyEscape}
		case "tab":
			msg = tea.KeyPressMsg{Code: tea.KeyTab}
		}
		m, _ = m.Update(msg)
	}
	screen := strings.Split(ansi.Strip(m.View().Content), "\n")
	for i, l := range screen {
		screen[i] = strings.TrimRight(l, " ")
	}
	return strings.Join(screen, "\n")
}
