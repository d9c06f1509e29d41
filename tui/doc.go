// Package tui is tracetui's interactive explorer: one root Bubble Tea model
// over a stack of screens (trace list, a trace's waterfall, panels, the
// prompt, help; see screens.go). It draws with render, the same rows
// `tracetui print` writes, and never reads files: cmd hands it a loader.
package tui
