package main

import (
	"github.com/tracetui/tracetui/source/jaeger"
	"github.com/tracetui/tracetui/source/remote"
	"github.com/tracetui/tracetui/source/zipkin"
)

func newJaeger(url string, opt remote.Options) (remote.Backend, error) { return jaeger.New(url, opt) }
func newZipkin(url string, opt remote.Options) (remote.Backend, error) { return zipkin.New(url, opt) }
