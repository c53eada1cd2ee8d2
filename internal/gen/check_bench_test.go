package gen_test

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/oasgo/gen/internal/gen"
)

// BenchmarkCheck times gen -check beside a plain generation in the same
// run: generate (in memory, the baseline), generate+check (compare with a
// fresh output folder: the CI case of no drift), generate+write (the
// output written over an identical folder, as go generate does). `make
// bench-check` runs rounds of it and prints medians and ratios.
func BenchmarkCheck(b *testing.B) {
	specs := []struct{ name, path string }{
		{"vault", specPath},
		{"accounting", "../../../shared/specs/accounting.yml"},
	}
	for _, s := range specs {
		if _, err := os.Stat(s.path); err != nil {
			fmt.Printf("skipping %s: %v (../shared/specs is absent in a fresh clone)\n", s.name, err)
			continue
		}
		cfg := gen.Config{Spec: s.path, Module: "openapi", Package: "sdk"}
		dir := filepath.Join(b.TempDir(), "out")
		res, err := gen.Generate(cfg)
		if err != nil {
			b.Fatal(err)
		}
		if err := gen.Write(dir, res.Files); err != nil {
			b.Fatal(err)
		}
		fmt.Printf("baseline %s: generate (generation in memory, what -check and a write both start with)\n", s.name)
		b.Run(s.name+"/generate", func(b *testing.B) {
			for b.Loop() {
				if _, err := gen.Generate(cfg); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(s.name+"/generate+check", func(b *testing.B) {
			for b.Loop() {
				res, err := gen.Generate(cfg)
				if err != nil {
					b.Fatal(err)
				}
				diffs, err := gen.Check(dir, res.Files)
				if err != nil || len(diffs) > 0 {
					b.Fatalf("check: %v, %d differences", err, len(diffs))
				}
			}
		})
		b.Run(s.name+"/generate+write", func(b *testing.B) {
			for b.Loop() {
				res, err := gen.Generate(cfg)
				if err != nil {
					b.Fatal(err)
				}
				if err := gen.Write(dir, res.Files); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
