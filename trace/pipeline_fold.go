package trace

// AnalyzeFolded is AnalyzeOne for a trace to be drawn at once. With
// StepFindings, a.Findings holds only Fold's findings, the runs a waterfall
// folds (found on a second core while Analyze runs: both only read the
// tree), and complete returns all of Find's: those cost as much as Build
// and Analyze together, so a viewer draws first and calls complete off
// its UI loop. Without StepFindings complete is nil. opt.Progress is not
// called.
func AnalyzeFolded(t *Trace, opt PipelineOptions) (a Analyzed, complete func() *Findings) {
	tr := Build(t)
	var folds *Findings
	folded := make(chan struct{})
	if opt.Steps&StepFindings != 0 {
		go func() { folds = Fold(tr, opt.Find); close(folded) }()
	} else {
		close(folded)
	}
	a = Analyzed{Tree: tr, Analysis: Analyze(tr)}
	if opt.Steps&StepSummary != 0 {
		sum := Summarize(tr, a.Analysis)
		a.Summary = &sum
	}
	<-folded
	if folds == nil {
		return a, nil
	}
	a.Findings = folds
	return a, func() *Findings { return folds.Complete(tr, a.Analysis, opt.Find) }
}
