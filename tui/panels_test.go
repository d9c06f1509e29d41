package tui

import (
	"strconv"
	"strings"
	"testing"

	"github.com/tracetui/tracetui/source/load"
)

func findingsTraces(t *testing.T) Model {
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
				golden(t, screenText(m))
			})
			back := drive(t, m, size[0], size[1], "esc")
			if back.panel != panelNone || back.screen != screenTrace {
				t.Errorf("%s then esc: panel %v screen %v", k, back.panel, back.screen)
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
