package main

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/tracetui/tracetui/render"
	"github.com/tracetui/tracetui/source/load"
	"github.com/tracetui/tracetui/trace"
	"github.com/tracetui/tracetui/trace/query"
	"github.com/tracetui/tracetui/tui"
)

// parityFiles: the demo, a real trace with folded runs of repeated calls
// (175 spans), and a real trace of 57 spans.
var parityFiles = []string{
	"../source/demo/demo.jsonl",
	"zipkin-v2/zipkin-lens_smartthings-oauth-authorization.json",
	"jaeger-v1/jaeger-ui_genaiTestTrace.json",
}

// TestPrintShowsWhatTheExplorerShows is "CI prints what the UI shows":
// the rows `print --width W` writes are the explorer's rows when its
// waterfall is W columns wide, less the explorer's cursor column and fold
// markers. Collapse and filter have no print flag, so there the explorer
// is compared with render's eager walk over the view state the keys set.
func TestPrintShowsWhatTheExplorerShows(t *testing.T) {
	for _, f := range parityFiles {
		traces := loadAnalyzed(t, repoFile(f))
		for _, w := range []int{80, 100, 140} {
			printed := printedRows(t, runCLI(t, nil, false, "print", "--width", fmt.Sprint(w), repoFile(f)).stdout)
			for k, at := range traces {
				id := at.Tree.Trace.DisplayID()
				name := fmt.Sprintf("%s/trace%d/w%d", strings.TrimSuffix(filepath.Base(f), filepath.Ext(f)), k, w)
				t.Run(name+"/print", func(t *testing.T) {
					want, ok := printed[id]
					if !ok {
						t.Fatalf("print wrote no waterfall for trace %s", id)
					}
					sameRows(t, explorerRows(t, traces, k, w, len(want)), want)
				})
				// Collapse the first row below the top that has children.
				rows := render.Rows(at.Tree, at.Analysis, render.PrintState(at, render.Options{}))
				row := 1
				for row < len(rows) && (rows[row].Group != nil || at.Tree.Size[rows[row].Span] < 2) {
					row++
				}
				if row < len(rows) {
					t.Run(name+"/collapsed", func(t *testing.T) {
						st := render.PrintState(at, render.Options{})
						st.Collapsed = map[int32]bool{rows[row].Span: true}
						keys := append(strings.Split(strings.Repeat("j", row), ""), "space")
						want := renderedRows(at, st, w)
						if len(want) >= len(rows)+1 { // rows has no ruler
							t.Fatalf("nothing collapsed:\n%s", strings.Join(want, "\n"))
						}
						sameRows(t, explorerRows(t, traces, k, w, len(want), keys...), want)
					})
				}
				// Filter to the first service whose filter elides rows, else
				// to the first span ID that does (a span with siblings).
				t.Run(name+"/filtered", func(t *testing.T) {
					var queries []string
					for _, svc := range at.Analysis.Services {
						queries = append(queries, "service="+svc.Name)
					}
					for _, i := range at.Tree.Order {
						queries = append(queries, at.Tree.Span(i).DisplaySpanID())
					}
					for _, text := range queries {
						q := query.Parse(text)
						st := render.PrintState(at, render.Options{})
						st.Keep, _ = render.FilterKeep(at.Tree, func(i int32) bool { return q.Matches(at.Tree, i) })
						want := renderedRows(at, st, w)
						if !strings.Contains(strings.Join(want, "\n"), " hidden") {
							continue
						}
						sameRows(t, explorerRows(t, traces, k, w, len(want), "f", "type:"+text, "enter"), want)
						return
					}
					t.Fatal("no filter elides a row")
				})
			}
		}
	}
}

// loadAnalyzed loads a file and runs the pipeline as print does, in the
// order the explorer lists the traces.
func loadAnalyzed(t *testing.T, path string) []trace.Analyzed {
	t.Helper()
	res, err := load.All([]load.Input{{Name: path}}, load.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return trace.AnalyzeAll(res.Traces, trace.PipelineOptions{Steps: trace.StepFindings})
}

// printedRows are the waterfall rows of print's report by trace ID: the
// lines after the ruler ("span …") and before the legend.
func printedRows(t *testing.T, out string) map[string][]string {
	t.Helper()
	rows := map[string][]string{}
	id, in := "", false
	for _, line := range strings.Split(out, "\n") {
		switch {
		case strings.HasPrefix(line, "trace "):
			id, _, _ = strings.Cut(strings.TrimPrefix(line, "trace "), " ")
		case strings.HasPrefix(line, "span "):
			in = true
			rows[id] = append(rows[id], line)
		case strings.HasPrefix(line, render.Unicode.Bottleneck+" bottleneck"):
			in = false
		case in:
			rows[id] = append(rows[id], line)
		}
	}
	return rows
}

// renderedRows are render's eager walk of a view state, ruler first, as
// print would write them.
func renderedRows(at trace.Analyzed, st render.ViewState, w int) []string {
	return render.Waterfall(at.Tree, at.Analysis, st, render.Options{Width: w, Glyphs: render.Unicode})
}

// explorerRows opens trace k in the explorer with a waterfall w columns
// wide and tall enough for n lines, presses keys, and returns the ruler
// and rows as drawn (colour off, so the cursor row is marked by '>').
func explorerRows(t *testing.T, traces []trace.Analyzed, k, w, n int, keys ...string) []string {
	t.Helper()
	cols := w + 1 + render.FoldWidth // the cursor column, the fold markers
	var m tea.Model = tui.New(traces, tui.Options{NoColor: true})
	m, _ = m.Update(tea.WindowSizeMsg{Width: cols, Height: n + 12})
	var open []string
	if len(traces) > 1 {
		open = append(strings.Split(strings.Repeat("j", k), ""), "enter")
	}
	if cols >= 120 {
		open = append(open, "d") // details beside the waterfall would narrow it
	}
	keys = append(open, keys...)
	for _, key := range keys {
		if text, ok := strings.CutPrefix(key, "type:"); ok {
			for _, r := range text {
				m, _ = m.Update(tea.KeyPressMsg{Code: r, Text: string(r)})
			}
			continue
		}
		m, _ = m.Update(keyPress(key))
	}
	screen := strings.Split(ansi.Strip(m.View().Content), "\n")
	if !strings.HasPrefix(screen[0], "trace "+traces[k].Tree.Trace.DisplayID()) {
		t.Fatalf("the explorer shows another screen:\n%s", strings.Join(screen, "\n"))
	}
	const headerLines = 3
	if strings.TrimSpace(screen[headerLines+n]) != "" {
		t.Errorf("the explorer shows more rows than print:\n%s", strings.Join(screen, "\n"))
	}
	return screen[headerLines : headerLines+n]
}

func keyPress(k string) tea.Msg {
	switch k {
	case "enter":
		return tea.KeyPressMsg{Code: tea.KeyEnter}
	case "space":
		return tea.KeyPressMsg{Code: tea.KeySpace, Text: " "}
	}
	return tea.KeyPressMsg{Code: []rune(k)[0], Text: k}
}

// sameRows: each explorer line, less its cursor column and the two fold
// marker columns after the tree guides, is the printed line.
func sameRows(t *testing.T, explorer, printed []string) {
	t.Helper()
	for k := range printed {
		e := []rune(explorer[k])[1:] // the cursor column
		p := []rune(printed[k])
		d := 0
		for d < len(p) && d < len(e) && e[d] == p[d] {
			d++
		}
		fold := ""
		if d+render.FoldWidth <= len(e) {
			fold = string(e[d : d+render.FoldWidth])
		}
		rest := append(append([]rune{}, e[:d]...), e[min(d+render.FoldWidth, len(e)):]...)
		// print ends a row where its text does; the explorer pads to the screen.
		if strings.TrimRight(string(rest), " ") != string(p) || fold != "  " && fold != render.Unicode.Folded && fold != render.Unicode.Unfolded {
			t.Errorf("row %d differs:\nexplorer %q\nprint    %q", k, explorer[k], printed[k])
		}
	}
}
