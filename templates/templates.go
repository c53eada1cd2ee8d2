// Package templates holds gen's markdown templates. They only lay out
// prose: every value they print (names, descriptions, Go snippets, tables)
// was computed from the model by internal/emit.
package templates

import "embed"

// FS holds the *.md.tmpl files.
//
//go:embed *.md.tmpl
var FS embed.FS
