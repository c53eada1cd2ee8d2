package parser

import (
	"fmt"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"go.yaml.in/yaml/v4"

	"github.com/oasgo/gen/internal/model"
)

// Limits keep a hostile or broken document from exhausting time or memory:
// each is checked on the YAML tree (parsed beside kin-openapi's load, see
// loadDoc) and refused with a located error. They are far beyond what real
// specs need (the deepest of ../shared/specs nests about 40 levels, the
// longest name is under 100 bytes, the longest $ref chain 2 links).
// MaxDocBytes is the largest document gen reads (the largest real specs
// are a few MiB).
var MaxDocBytes int64 = 128 << 20

const (
	// MaxDepth is the deepest nesting of mappings and lists.
	MaxDepth = 512
	// MaxKeyBytes is the longest mapping key (a property, path or
	// component name): the name is printed in the SDK's source and docs.
	MaxKeyBytes = 4096
	// MaxRefChain is the longest chain of component schemas that are each
	// only a $ref to the next (kin-openapi's load is quadratic in it).
	MaxRefChain = 64
	// MaxAliasNodes is the most YAML nodes that aliases may expand to.
	MaxAliasNodes = 1_000_000
	// MaxWord is the longest run of letters and digits, checked on the
	// bytes before anything is parsed: a name (or any word) that long is
	// refused at once instead of costing seconds of parsing.
	MaxWord = 1 << 20
)

// checkWords refuses data holding a run of more than MaxWord letters and
// digits, located.
func checkWords(file string, data []byte) *Error {
	run, line, col, startLine, startCol := 0, 1, 0, 0, 0
	for _, c := range data {
		col++
		if c == '\n' {
			line, col = line+1, 0
		}
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' {
			if run == 0 {
				startLine, startCol = line, col
			}
			if run++; run > MaxWord {
				return &Error{Diags: []model.Diagnostic{{Pos: model.Pos{File: file, Line: startLine, Col: startCol},
					Message: fmt.Sprintf("a word of more than %d letters and digits starts here; gen refuses the document", MaxWord)}}}
			}
			continue
		}
		run = 0
	}
	return nil
}

// checkLimits returns the first limit root exceeds, located, or nil.
func checkLimits(file string, root *yaml.Node) *Error {
	c := &limitChecker{file: file, expanded: map[*yaml.Node]int{}}
	c.walk(root, 0)
	if c.err == nil {
		c.refChains(root)
	}
	return c.err
}

type limitChecker struct {
	file     string
	err      *Error
	aliases  int
	expanded map[*yaml.Node]int // nodes an anchored node expands to
}

func (c *limitChecker) fail(n *yaml.Node, format string, args ...any) {
	if c.err == nil {
		c.err = &Error{Diags: []model.Diagnostic{{Pos: model.Pos{File: c.file, Line: n.Line, Col: n.Column}, Message: fmt.Sprintf(format, args...)}}}
	}
}

// walk checks depth, key lengths and alias expansion.
func (c *limitChecker) walk(n *yaml.Node, depth int) {
	if n == nil || c.err != nil {
		return
	}
	if depth > MaxDepth {
		c.fail(n, "the document nests deeper than %d levels here; gen refuses it", MaxDepth)
		return
	}
	if n.Kind == yaml.AliasNode {
		if c.aliases += c.size(n.Alias, 0); c.aliases > MaxAliasNodes {
			c.fail(n, "YAML aliases expand to more than %d nodes (an alias bomb?); gen refuses the document", MaxAliasNodes)
		}
		return
	}
	if n.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(n.Content); i += 2 {
			if k := n.Content[i]; len(k.Value) > MaxKeyBytes {
				c.fail(k, "a name of %d bytes (%.40s...): gen refuses names over %d bytes", len(k.Value), k.Value, MaxKeyBytes)
				return
			}
		}
	}
	for _, child := range n.Content {
		c.walk(child, depth+1)
	}
}

// size is how many nodes n stands for once its aliases are expanded.
func (c *limitChecker) size(n *yaml.Node, depth int) int {
	if n == nil || depth > MaxDepth {
		return 1
	}
	if s, ok := c.expanded[n]; ok {
		return s
	}
	c.expanded[n] = 1 // a cycle counts once
	total := 1
	if n.Kind == yaml.AliasNode {
		total = c.size(n.Alias, depth+1)
	}
	for _, child := range n.Content {
		total += c.size(child, depth+1)
		if total > MaxAliasNodes {
			break
		}
	}
	c.expanded[n] = total
	return total
}

// refChains refuses a chain of more than MaxRefChain component schemas that
// are only a $ref to the next.
func (c *limitChecker) refChains(root *yaml.Node) {
	if root != nil && root.Kind == yaml.DocumentNode && len(root.Content) > 0 {
		root = root.Content[0]
	}
	schemas := child(child(root, "components"), "schemas")
	if schemas == nil || schemas.Kind != yaml.MappingNode {
		return
	}
	next := map[string]string{}
	keys := map[string]*yaml.Node{}
	var order []string
	eachKey(schemas, func(k, v *yaml.Node) {
		keys[k.Value] = k
		order = append(order, k.Value)
		if v.Kind == yaml.MappingNode && len(v.Content) == 2 && v.Content[0].Value == "$ref" {
			if target, ok := strings.CutPrefix(v.Content[1].Value, componentPrefix); ok {
				next[k.Value] = target
			}
		}
	})
	rest := map[string]int{} // links from a key to the schema its chain ends in
	for _, k := range order {
		var walked []string
		at := map[string]int{}
		tail := 0
		for cur := k; ; cur = next[cur] {
			if n, known := rest[cur]; known {
				tail = n
				break
			}
			if _, more := next[cur]; !more {
				break
			}
			if i, seen := at[cur]; seen {
				cycle := append(walked[i:], cur)
				c.fail(keys[cycle[0]], "components.schemas.%s is a $ref cycle with no schema in it: %s", cycle[0], strings.Join(cycle, " -> "))
				return
			}
			at[cur] = len(walked)
			walked = append(walked, cur)
			if len(walked)+tail > MaxRefChain {
				break
			}
		}
		if len(walked)+tail > MaxRefChain {
			c.fail(keys[k], "components.schemas.%s starts a chain of more than %d schemas that are each only a $ref to the next; gen refuses it", k, MaxRefChain)
			return
		}
		for i, w := range walked {
			rest[w] = len(walked) - i + tail
		}
	}
}

// loadDoc is loadOnly, raced against the limits checked on the YAML tree:
// a document over a limit is refused as soon as the tree says so, without
// waiting for kin-openapi's load (which is then left to finish on its own).
func loadDoc(name string, data []byte, opts Options, origins bool, t *tree) (*openapi3.T, error) {
	type loaded struct {
		doc *openapi3.T
		err error
	}
	done := make(chan loaded, 1)
	go func() {
		doc, err := loadOnly(name, data, opts, origins)
		done <- loaded{doc, err}
	}()
	select {
	case <-t.done:
		if t.treeErr != nil {
			return nil, t.treeErr
		}
		r := <-done
		return r.doc, r.err
	case r := <-done:
		if t.wait().treeErr != nil {
			return nil, t.treeErr
		}
		return r.doc, r.err
	}
}
