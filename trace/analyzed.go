package trace

// Analyzed is one trace with everything tracetui derives from it: its span
// tree, the analysis, the findings and its trace-list line. It is the value
// every layer passes on: source → trace → render → print or the explorer.
type Analyzed struct {
	Tree     *Tree
	Analysis *Analysis
	Findings *Findings // nil when not computed
	// Summary is the list line, when the pipeline made it: the explorer
	// then never walks 100,000 traces' attributes on its UI loop.
	Summary *Summary
}
