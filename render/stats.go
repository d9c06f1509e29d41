package render

import (
	"cmp"
	"slices"
	"strconv"
	"strings"

	"github.com/tracetui/tracetui/trace"
)

// StatsSorts are the columns stats can sort by (largest first).
var StatsSorts = []string{"total", "self", "count", "avg", "p50", "p95", "p99", "max", "errors", "name"}

// SortStats orders rows by a column, largest first ("name": A to Z).
func SortStats(rows []trace.OpStat, by string) {
	key := func(o trace.OpStat) int64 {
		switch by {
		case "self":
			return o.Self
		case "count":
			return int64(o.Count)
		case "avg":
			return o.Avg()
		case "p50":
			return o.Percentile(0.50)
		case "p95":
			return o.Percentile(0.95)
		case "p99":
			return o.Percentile(0.99)
		case "max":
			return o.Max
		case "errors":
			return int64(o.Errors)
		}
		return o.Total
	}
	slices.SortStableFunc(rows, func(x, y trace.OpStat) int {
		if by != "name" {
			if c := cmp.Compare(key(y), key(x)); c != 0 {
				return c
			}
		}
		if c := cmp.Compare(x.Service, y.Service); c != 0 {
			return c
		}
		return cmp.Compare(x.Name, y.Name)
	})
}

var statsHead = []string{"COUNT", "TOTAL", "AVG", "P50", "P95", "P99", "MIN", "MAX", "SELF", "ERRORS"}

// untimedHead is the column added, after COUNT, when some span had no
// usable times: COUNT counts it, the times leave it out, and a reader
// dividing TOTAL by COUNT needs to know.
const untimedHead = "UNTIMED"

func anyUntimed(rows []trace.OpStat) bool {
	for _, o := range rows {
		if o.Untimed > 0 {
			return true
		}
	}
	return false
}

func statsHeads(untimed bool) []string {
	if !untimed {
		return statsHead
	}
	return append([]string{statsHead[0], untimedHead}, statsHead[1:]...)
}

// statsCells are a row's columns; a time over no timed span is "-", never
// a 0 ns that reads as a measurement.
func statsCells(o trace.OpStat, untimed bool, g *Glyphs) []string {
	d := func(ns int64) string {
		if o.Timed() == 0 {
			return "-"
		}
		return g.Duration(ns)
	}
	cells := []string{strconv.Itoa(o.Count), d(o.Total), d(o.Avg()), d(o.Percentile(0.50)), d(o.Percentile(0.95)),
		d(o.Percentile(0.99)), d(o.Min), d(o.Max), d(o.Self), strconv.Itoa(o.Errors)}
	if untimed {
		cells = append([]string{cells[0], strconv.Itoa(o.Untimed)}, cells[1:]...)
	}
	return cells
}

func statsName(o trace.OpStat, g *Glyphs) string {
	if o.Name == "" {
		return g.Clean(o.Service)
	}
	return g.Clean(o.Service) + " " + g.Clean(o.Name)
}

// StatsLines is the stats table fitted to the width: names are cut first,
// unless opt.FullNames, when the name column is as wide as the longest.
func StatsLines(rows []trace.OpStat, byOperation bool, opt Options) []string {
	const numW = 8
	untimed := anyUntimed(rows)
	heads := statsHeads(untimed)
	nameW := max(opt.Width-len(heads)*(numW+1), 12)
	if opt.FullNames {
		for _, o := range rows {
			nameW = max(nameW, Width(statsName(o, opt.Glyphs)))
		}
	}
	first := "SERVICE"
	if byOperation {
		first = "SERVICE OPERATION"
	}
	head := opt.Glyphs.Fit(first, nameW)
	for _, h := range heads {
		head += " " + PadLeft(h, numW)
	}
	lines := []string{opt.Styles.Paint(opt.Styles.Header, head)}
	for _, o := range rows {
		line := opt.Glyphs.Fit(statsName(o, opt.Glyphs), nameW)
		for _, c := range statsCells(o, untimed, opt.Glyphs) {
			line += " " + PadLeft(c, numW)
		}
		if o.Errors > 0 {
			line = opt.Styles.Paint(opt.Styles.Error, line)
		}
		lines = append(lines, line)
	}
	return lines
}

// StatsMarkdown is the table for a job summary.
func StatsMarkdown(rows []trace.OpStat, byOperation bool, opt Options) string {
	var b strings.Builder
	first := "service"
	if byOperation {
		first = "service | operation"
	}
	untimed := anyUntimed(rows)
	b.WriteString("| " + first + " | " + strings.ToLower(strings.Join(statsHeads(untimed), " | ")) + " |\n|---|")
	if byOperation {
		b.WriteString("---|")
	}
	b.WriteString(strings.Repeat("---:|", len(statsHeads(untimed))) + "\n")
	for _, o := range rows {
		b.WriteString("| " + mdEscape(o.Service) + " | ")
		if byOperation {
			b.WriteString(mdEscape(o.Name) + " | ")
		}
		b.WriteString(strings.Join(statsCells(o, untimed, opt.Glyphs), " | ") + " |\n")
	}
	return b.String()
}

// StatJSON is one row of `stats --format json`.
type StatJSON struct {
	Service   string  `json:"service"`
	Operation string  `json:"operation,omitempty"`
	Count     int     `json:"count"`
	Untimed   int     `json:"untimed"` // among count, left out of every time
	TotalMS   float64 `json:"total_ms"`
	AvgMS     float64 `json:"avg_ms"`
	P50MS     float64 `json:"p50_ms"`
	P95MS     float64 `json:"p95_ms"`
	P99MS     float64 `json:"p99_ms"`
	MinMS     float64 `json:"min_ms"`
	MaxMS     float64 `json:"max_ms"`
	SelfMS    float64 `json:"self_ms"`
	Errors    int     `json:"errors"`
}

// StatsJSON encodes the table for scripts.
func StatsJSON(rows []trace.OpStat) ([]byte, error) {
	out := struct {
		Stats []StatJSON `json:"stats"`
	}{Stats: make([]StatJSON, 0, len(rows))}
	for _, o := range rows {
		out.Stats = append(out.Stats, StatJSON{Service: o.Service, Operation: o.Name, Count: o.Count, Untimed: o.Untimed, TotalMS: ms(o.Total),
			AvgMS: ms(o.Avg()), P50MS: ms(o.Percentile(0.50)), P95MS: ms(o.Percentile(0.95)), P99MS: ms(o.Percentile(0.99)), MinMS: ms(o.Min), MaxMS: ms(o.Max), SelfMS: ms(o.Self), Errors: o.Errors})
	}
	return marshalJSON(out)
}
