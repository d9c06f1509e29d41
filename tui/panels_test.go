package tui

import (
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/tracetui/tracetui/internal/golden"
	"github.com/tracetui/tracetui/source/load"
)

func findingsTraces(t *testing.T) *Model {
	all := loadTraces(t, load.Input{Name: "../testdata/findings/checkout_findings.jsonl"})
	return New(all, Options{NoColor: true})
}

// F, M and T open the findings, the service map and the statistics of the
// open trace; esc goes back to the waterfall where it was.
func TestPanelScreens(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {120, 40}} {
		for _, k := range []string{"F", "M", "T"} {
			m := drive(t, findingsTraces(t), size[0], size[1], k)
			name := map[string]string{"F": "findings", "M": "servicemap", "T": "stats"}[k]
			t.Run(name+"_"+strings.Join([]string{itoa(size[0]), itoa(size[1])}, "x"), func(t *testing.T) {
				golden.Assert(t, screenText(m))
			})
			back := drive(t, m, size[0], size[1], "esc")
			if back.panel.kind != panelNone || back.screen != screenTrace {
				t.Errorf("%s then esc: panel %v screen %v", k, back.panel.kind, back.screen)
			}
		}
	}
}

func TestStatsPanelSorts(t *testing.T) {
	m := drive(t, findingsTraces(t), 120, 40, "T", "s", "s")
	s := screenText(m)
	if !strings.Contains(s, "sorted by count") {
		t.Fatalf("s twice should sort by count:\n%s", s)
	}
	lines := strings.Split(s, "\n")
	if !strings.Contains(lines[2], "inventory SELECT items") {
		t.Errorf("the 25 SELECTs should lead by count:\n%s", s)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

// rowsDownAndUp walks every visible row with next, then back with prev:
// both must visit the same rows.
func rowsDownAndUp(t *testing.T, v *traceView) []int32 {
	c := v.rows()
	var down []int32
	for p := int32(0); p < c.Len(); p = c.Next(p) {
		down = append(down, p)
	}
	up := []int32{c.Last()}
	for p := c.Last(); p > 0; {
		p = c.Prev(p)
		up = append(up, p)
	}
	for k := range down {
		if k >= len(up) || down[k] != up[len(up)-1-k] {
			t.Fatalf("rows down %v, up (reversed) %v", down, up)
		}
	}
	return down
}

func TestRepeatedCallsFoldInTheWaterfall(t *testing.T) {
	m := drive(t, findingsTraces(t), 120, 40, "d") // the details pane off: the names get its room
	s := screenText(m)
	if strings.Count(s, "SELECT items") != 1 || !strings.Contains(s, "▸ inventory SELECT items ×25 (170 ms") {
		t.Fatalf("the 25 calls should be one row:\n%s", s)
	}
	folded := len(rowsDownAndUp(t, m.trace.view()))
	// Down to the run's row and unfold it with space.
	m = drive(t, m, 120, 40, "j", "j", "j", "space")
	if n := strings.Count(screenText(m), "─   inventory SELECT items"); n != 25 {
		t.Fatalf("space on the run shows %d calls, want 25:\n%s", n, screenText(m))
	}
	if got := len(rowsDownAndUp(t, m.trace.view())); got != folded+24 {
		t.Errorf("%d rows unfolded, want %d", got, folded+24)
	}
	// h on any call folds the run back, the cursor on it.
	m = drive(t, m, 120, 40, "j", "j", "h")
	if strings.Count(screenText(m), "inventory SELECT items ×25") != 1 || !strings.Contains(m.trace.view().tr.Span(m.trace.view().selected()).Name, "SELECT items") {
		t.Errorf("h should fold the run with the cursor on it:\n%s", screenText(m))
	}
	golden.Assert(t, screenText(m))
}

func TestPanelsFollowLiveUpdatesAndSort(t *testing.T) {
	all := demoTraces(t)
	var tm tea.Model = drive(t, New(nil, Options{Feed: make(chan LiveUpdate)}), 120, 30)
	tm, _ = tm.Update(liveMsg{Traces: all})
	m := drive(t, tm.(*Model), 120, 30, "T")
	if out := screenText(m); !strings.Contains(out, "statistics · 2 traces · sorted by") {
		t.Fatalf("statistics over both traces expected:\n%s", out)
	}
	if got := statsColumn(t, screenText(m)); got[0] != "checkout POST /checkout" {
		t.Errorf("sorted by total, the root operation leads: %q", got[0])
	}
	m = drive(t, m, 120, 30, "s")
	// s sorts by self time: the rows come in falling SELF order, led by
	// the shipping call that holds 5.47 s itself.
	out := screenText(m)
	names, self := statsColumn(t, out), statsSelf(t, out)
	if !strings.Contains(out, "sorted by self") || names[0] != "shipping GET /v2/rates" {
		t.Errorf("s should sort by self time, shipping GET /v2/rates first:\n%s", out)
	}
	for k := 1; k < len(self); k++ {
		if self[k] > self[k-1] {
			t.Errorf("row %d (%s, self %v) is above a row with more self time:\n%s", k, names[k-1], self[k-1], out)
		}
	}
	tm, _ = m.Update(liveMsg{Traces: all[:1]})
	if out := screenText(tm.(*Model)); !strings.Contains(out, "statistics · 1 trace · sorted by") {
		t.Errorf("after a live update the panel should describe the new traces:\n%s", out)
	}
}

// feedMsgs runs cmd and feeds every message it yields back into tm.
func feedMsgs(tm tea.Model, cmd tea.Cmd) tea.Model {
	for _, msg := range runCmd(cmd) {
		var next tea.Cmd
		tm, next = tm.Update(msg)
		tm = feedMsgs(tm, next)
	}
	return tm
}

func TestBigPanelsBuildOffTheUILoop(t *testing.T) {
	defer func(n int) { inlinePanelSpans = n }(inlinePanelSpans)
	inlinePanelSpans = 1 // every panel counts as big
	feed := make(chan LiveUpdate)
	close(feed) // waitFeed returns at once
	all := demoTraces(t)
	var tm tea.Model = drive(t, New(nil, Options{Feed: feed}), 120, 30)
	tm, _ = tm.Update(liveMsg{Traces: all})
	tm, cmd := tm.Update(keyMsg("T"))
	if out := screenText(tm.(*Model)); !strings.Contains(out, "building…") || cmd == nil {
		t.Fatalf("a big panel shows that it is being built and returns a command:\n%s", out)
	}
	tm = feedMsgs(tm, cmd)
	if out := screenText(tm.(*Model)); !strings.Contains(out, "statistics · 2 traces · sorted by") || strings.Contains(out, "updating") {
		t.Fatalf("after the build the statistics show:\n%s", out)
	}
	tm, cmd = tm.Update(liveMsg{Traces: all[:1]})
	if out := screenText(tm.(*Model)); !strings.Contains(out, "statistics · 2 traces · sorted by") || !strings.Contains(out, "updating…") {
		t.Errorf("while the new build runs the last statistics stay up, marked updating:\n%s", out)
	}
	tm = feedMsgs(tm, cmd)
	if out := screenText(tm.(*Model)); !strings.Contains(out, "statistics · 1 trace · sorted by") {
		t.Errorf("the rebuilt panel describes the new traces:\n%s", out)
	}
}

// statsRows are the statistics panel's table rows: after the title and
// the column heads, up to the first blank line.
func statsRows(out string) []string {
	lines := strings.Split(out, "\n")
	var rows []string
	for _, l := range lines[2:] {
		if strings.TrimSpace(l) == "" {
			break
		}
		rows = append(rows, l)
	}
	return rows
}

var durationRE = regexp.MustCompile(`\d+(?:\.\d+)? (?:s|ms|µs|ns)\b`)

// statsColumn is each row's service and operation (the text before COUNT).
func statsColumn(t *testing.T, out string) []string {
	t.Helper()
	var names []string
	for _, r := range statsRows(out) {
		f := regexp.MustCompile(`\s{2,}\d+\s`).FindStringIndex(r)
		if f == nil {
			t.Fatalf("no COUNT column in %q", r)
		}
		names = append(names, strings.TrimSpace(r[:f[0]]))
	}
	if len(names) == 0 {
		t.Fatalf("no rows:\n%s", out)
	}
	return names
}

// statsSelf is each row's SELF column: the last duration of the row (the
// heads end "SELF ERRORS", and the error count is not a duration).
func statsSelf(t *testing.T, out string) []time.Duration {
	t.Helper()
	if heads := strings.Fields(strings.Split(out, "\n")[1]); len(heads) < 2 || heads[len(heads)-2] != "SELF" {
		t.Fatalf("the statistics' heads no longer end with SELF ERRORS: %v", heads)
	}
	var self []time.Duration
	for _, r := range statsRows(out) {
		ds := durationRE.FindAllString(r, -1)
		if len(ds) == 0 {
			t.Fatalf("no durations in %q", r)
		}
		d, err := time.ParseDuration(strings.ReplaceAll(ds[len(ds)-1], " ", ""))
		if err != nil {
			t.Fatal(err)
		}
		self = append(self, d)
	}
	return self
}
