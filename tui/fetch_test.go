package tui

import (
	"errors"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/tracetui/tracetui/internal/golden"
	"github.com/tracetui/tracetui/trace"
)

// searchModel lists the demo traces as a store's search results would
// arrive: summaries only, one of them with no span counts.
func searchModel(t *testing.T, fetch Fetcher) (*Model, []trace.Analyzed) {
	all := demoTraces(t)
	results := summaries(all)
	results[1].Spans, results[1].Errors = -1, -1
	m := New(nil, Options{NoColor: true, Title: "Tempo at http://tempo:3200", Results: results, Fetch: fetch})
	return m, all
}

func TestSearchResultsAreFetchedWhenOpened(t *testing.T) {
	var asked []string
	var all []trace.Analyzed
	m, all := searchModel(t, func(id string) (trace.Analyzed, []string, error) {
		asked = append(asked, id)
		for _, a := range all {
			if a.Tree.Trace.DisplayID() == id {
				return a, nil, nil
			}
		}
		return trace.Analyzed{}, nil, errors.New("Tempo at http://tempo:3200 has no trace " + id)
	})
	m = drive(t, m, 100, 16)
	golden.Assert(t, screenText(m))
	if len(asked) != 0 {
		t.Fatalf("fetched %v before anything was opened", asked)
	}

	var tm tea.Model
	tm, cmd := m.Update(keyMsg("enter"))
	if cmd == nil {
		t.Fatal("enter on a result not fetched yet must start a fetch")
	}
	if !strings.Contains(screenText(tm.(*Model)), "(fetching…)") {
		t.Errorf("no loading state on the row:\n%s", screenText(tm.(*Model)))
	}
	tm, again := tm.Update(keyMsg("enter"))
	if again != nil {
		t.Error("a second enter while fetching must not fetch twice")
	}
	tm, _ = tm.Update(cmd())
	if len(asked) != 1 || tm.(*Model).screen != screenTrace {
		t.Fatalf("asked %v, screen %v: the fetched trace should open", asked, tm.(*Model).screen)
	}
	if !strings.Contains(screenText(tm.(*Model)), "bottleneck") {
		t.Errorf("trace view lacks the diagnosis:\n%s", screenText(tm.(*Model)))
	}
	// Back to the list and in again: served from memory.
	tm, _ = tm.Update(keyMsg("esc"))
	tm, cmd = tm.Update(keyMsg("enter"))
	if cmd != nil || tm.(*Model).screen != screenTrace {
		t.Error("an opened result was fetched again")
	}
}

func TestFetchFailureStaysOnTheList(t *testing.T) {
	m, _ := searchModel(t, func(id string) (trace.Analyzed, []string, error) {
		return trace.Analyzed{}, nil, errors.New("cannot reach Tempo at http://tempo:3200: connection refused")
	})
	m = drive(t, m, 100, 16)
	tm, cmd := m.Update(keyMsg("enter"))
	tm, _ = tm.Update(cmd())
	got := tm.(*Model)
	if got.screen != screenList || !strings.Contains(screenText(got), "connection refused") {
		t.Errorf("screen %v:\n%s", got.screen, screenText(got))
	}
	if _, retry := got.Update(keyMsg("enter")); retry == nil {
		t.Error("a failed fetch cannot be retried")
	}
}

func TestNoSearchResults(t *testing.T) {
	m := New(nil, Options{Title: "Jaeger at http://localhost:16686", Results: []trace.Summary{}, Fetch: func(string) (trace.Analyzed, []string, error) {
		return trace.Analyzed{}, nil, nil
	}})
	if s := screenText(drive(t, m, 80, 10)); !strings.Contains(s, "no traces matched") {
		t.Errorf("empty search screen:\n%s", s)
	}
}
