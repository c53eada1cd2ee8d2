package gen

import (
	"os"
	"path/filepath"
	"runtime/debug"
	"testing"

	"go.yaml.in/yaml/v4"
)

// TestStructuralMutations: every value of a few specs replaced, one at a
// time, by null, by an empty mapping, by an empty list and by a string:
// generation (parse, lower, emit, gofmt) never panics: a bad spec is an error
// or a warning.
func TestStructuralMutations(t *testing.T) {
	specs := []string{"../../spec/vault.yml"}
	more, _ := filepath.Glob("../e2e/testdata/shapes/*.yml")
	for i, m := range more {
		if i%4 == 0 { // a sample: the whole corpus takes minutes
			specs = append(specs, m)
		}
	}
	replacements := []*yaml.Node{
		{Kind: yaml.ScalarNode, Tag: "!!null", Value: "null"},
		{Kind: yaml.MappingNode, Tag: "!!map"},
		{Kind: yaml.SequenceNode, Tag: "!!seq"},
		{Kind: yaml.ScalarNode, Tag: "!!str", Value: "x"},
	}
	runs := 0
	for _, spec := range specs {
		data, err := os.ReadFile(spec)
		if err != nil {
			t.Fatal(err)
		}
		var root yaml.Node
		if err := yaml.Unmarshal(data, &root); err != nil {
			t.Fatal(err)
		}
		var values []*yaml.Node
		var walk func(n *yaml.Node)
		walk = func(n *yaml.Node) {
			switch n.Kind {
			case yaml.DocumentNode, yaml.SequenceNode:
				for _, c := range n.Content {
					values = append(values, c)
					walk(c)
				}
			case yaml.MappingNode:
				for i := 1; i < len(n.Content); i += 2 {
					values = append(values, n.Content[i])
					walk(n.Content[i])
				}
			}
		}
		walk(&root)
		stride := 3 // about 2,500 documents in all: ~10 s
		if testing.Short() {
			stride = 24
		}
		for i, v := range values {
			if i%stride != 0 {
				continue
			}
			saved := *v
			for _, r := range replacements {
				*v = *r
				out, err := yaml.Marshal(&root)
				if err != nil {
					continue
				}
				runs++
				func() {
					defer func() {
						if p := recover(); p != nil {
							t.Errorf("%s: value %d (line %d) replaced by %s: panic: %v\n%s", spec, i, saved.Line, r.Tag, p, debug.Stack())
						}
					}()
					_, _ = GenerateData(out, Config{Spec: filepath.Base(spec), Module: "openapi", Package: "sdk"})
				}()
				*v = saved
			}
		}
	}
	t.Logf("%d mutated documents", runs)
}
