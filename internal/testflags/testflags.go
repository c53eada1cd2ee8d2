// Package testflags declares the flags every test package of gen accepts,
// so that `go test ./... -update` works across the whole module.
package testflags

import "flag"

// Update re-blesses golden files instead of comparing against them.
var Update = flag.Bool("update", false, "rewrite golden files with the current output")
