package trace

// Analyzed is one trace with everything tracetui derives from it: its span
// tree, the analysis, the findings and its trace-list line. It is the value
// every layer passes on: source → trace → render → print or the explorer.
// AnalyzeAll and AnalyzeOne make it.
type Analyzed struct {
	Tree     *Tree
	Analysis *Analysis
	Findings *Findings // nil unless StepFindings ran
	// Summary is the list line, nil unless StepSummary ran: the explorer
	// then never walks 100,000 traces' attributes on its UI loop.
	Summary *Summary
}

// ListLine is a's list line: the one the pipeline made, else made now (for
// traces handed over without StepSummary, as tests and benchmarks do).
func (a Analyzed) ListLine() Summary {
	if a.Summary != nil {
		return *a.Summary
	}
	return Summarize(a.Tree, a.Analysis)
}
